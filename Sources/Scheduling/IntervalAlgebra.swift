/// Set operations on lists of half-open intervals.
///
/// All functions return *normalised* lists: sorted, non-overlapping and non-touching
/// (`[10,12)` and `[12,14)` become `[10,14)`).
public enum IntervalAlgebra {
    /// Sorts and merges overlapping or touching intervals.
    /// - Complexity: O(n log n).
    public static func normalized(_ intervals: [LocalInterval]) -> [LocalInterval] {
        let sorted = intervals.sorted()
        var result: [LocalInterval] = []
        result.reserveCapacity(sorted.count)
        for interval in sorted {
            if let last = result.last, interval.start <= last.end {
                if interval.end > last.end {
                    result[result.count - 1] = LocalInterval(unchecked: last.start.localMinutes, interval.end.localMinutes)
                }
            } else {
                result.append(interval)
            }
        }
        return result
    }

    /// The union of two lists.
    public static func union(_ a: [LocalInterval], _ b: [LocalInterval]) -> [LocalInterval] { normalized(a + b) }

    /// `a` minus every minute covered by `b`.
    /// - Complexity: O((n + m) log(n + m)).
    public static func subtracting(_ b: [LocalInterval], from a: [LocalInterval]) -> [LocalInterval] {
        let base = normalized(a), cut = normalized(b)
        var result: [LocalInterval] = []
        var j = 0
        for interval in base {
            var s = interval.start.localMinutes
            let e = interval.end.localMinutes
            while j < cut.count && cut[j].end.localMinutes <= s { j += 1 }
            var k = j
            while k < cut.count && cut[k].start.localMinutes < e {
                if cut[k].start.localMinutes > s { result.append(LocalInterval(unchecked: s, cut[k].start.localMinutes)) }
                s = max(s, cut[k].end.localMinutes)
                k += 1
            }
            if s < e { result.append(LocalInterval(unchecked: s, e)) }
        }
        return result
    }

    /// Minutes covered by both lists.
    public static func intersection(_ a: [LocalInterval], _ b: [LocalInterval]) -> [LocalInterval] {
        let x = normalized(a), y = normalized(b)
        var result: [LocalInterval] = []
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if let common = x[i].intersection(y[j]) { result.append(common) }
            if x[i].end < y[j].end { i += 1 } else { j += 1 }
        }
        return result
    }

    /// Clips every interval to `[from, to)`.
    public static func clipped(_ intervals: [LocalInterval], from: LocalDateTime, to: LocalDateTime) -> [LocalInterval] {
        guard from < to else { return [] }
        let window = LocalInterval(unchecked: from.localMinutes, to.localMinutes)
        return intervals.compactMap { $0.intersection(window) }
    }
}
