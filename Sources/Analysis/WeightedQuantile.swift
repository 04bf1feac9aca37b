/// A distance with the weight (residents) of the point it belongs to.
struct WeightedDistance: Sendable {
    var metres: Double
    var weight: Double
}

/// Weighted quantiles by selection (no full sort).
///
/// Definition used throughout the coverage output: the weighted q-quantile of distances
/// `d_1 ... d_n` with weights `w_1 ... w_n > 0` (total `W`) is the **smallest distance `d` such that
/// the weight of the points with distance `<= d` is at least `q · W`**. The median is q = 0.5, p90
/// is q = 0.9. Infinite distances take part like any other value, so the result is infinite when
/// less than `q · W` of the weight has a finite distance.
enum WeightedQuantile {
    /// The weighted q-quantile of `items` (reordered in place), or nil when the total weight is 0.
    ///
    /// - Parameters:
    ///   - items: the values; reordered.
    ///   - q: in `0 ... 1`.
    ///   - totalWeight: the sum of the weights (passed in so that callers summing in their own order
    ///     agree on the target).
    /// - Complexity: expected O(n) (quickselect with 3-way partition on the distance).
    static func select(_ items: inout [WeightedDistance], q: Double, totalWeight: Double) -> Double? {
        items.withUnsafeMutableBufferPointer { select($0, q: q, totalWeight: totalWeight) }
    }

    /// As ``select(_:q:totalWeight:)-(inout [WeightedDistance],_,_)`` on a buffer (reordered in place).
    static func select(_ buf: UnsafeMutableBufferPointer<WeightedDistance>, q: Double, totalWeight: Double) -> Double? {
        guard totalWeight > 0, !buf.isEmpty else { return nil }
        return search(buf, target: q * totalWeight, lo: 0, below: 0).value
    }

    /// Two quantiles `q1 <= q2` at once: the second search starts where the first ended.
    static func select(_ buf: UnsafeMutableBufferPointer<WeightedDistance>, q1: Double, q2: Double,
                       totalWeight: Double) -> (Double?, Double?) {
        guard totalWeight > 0, !buf.isEmpty else { return (nil, nil) }
        let first = search(buf, target: q1 * totalWeight, lo: 0, below: 0)
        let second = search(buf, target: q2 * totalWeight, lo: first.lo, below: first.below)
        return (first.value, second.value)
    }

    /// Finds the smallest value whose cumulative weight reaches `target`, searching `buf[lo...]`
    /// where everything before `lo` is smaller than everything from `lo` on and weighs `below`.
    /// Returns the value and a state (`lo`, `below`) with the same property for any larger target.
    private static func search(_ buf: UnsafeMutableBufferPointer<WeightedDistance>, target: Double,
                               lo start: Int, below startBelow: Double) -> (value: Double, lo: Int, below: Double) {
        var lo = start, hi = buf.count
        var below = startBelow   // weight of everything before `lo` (all smaller than buf[lo..<hi])
        var fallback = lo > 0 ? buf[lo - 1].metres : -Double.infinity
        while hi - lo > 24 {
            let pivot = medianOfThree(buf[lo].metres, buf[lo + (hi - lo) / 2].metres, buf[hi - 1].metres)
            // Dutch-flag partition: [lo, lt) < pivot, [lt, i) == pivot, [gt, hi) > pivot.
            var lt = lo, i = lo, gt = hi
            var wLess = 0.0, wEqual = 0.0
            while i < gt {
                let d = buf[i].metres
                if d < pivot {
                    wLess += buf[i].weight
                    buf.swapAt(lt, i); lt += 1; i += 1
                } else if d > pivot {
                    gt -= 1; buf.swapAt(i, gt)
                } else {
                    wEqual += buf[i].weight
                    i += 1
                }
            }
            if below + wLess >= target, lt > lo {
                hi = lt
            } else if below + wLess + wEqual >= target {
                return (pivot, lt, below + wLess)
            } else {
                below += wLess + wEqual
                fallback = pivot
                lo = gt
            }
        }
        guard lo < hi else { return (fallback, lo, below) }
        // Small range: insertion sort, then scan.
        if hi - lo > 1 {
            for a in (lo + 1) ..< hi {
                let x = buf[a]
                var b = a
                while b > lo, buf[b - 1].metres > x.metres { buf[b] = buf[b - 1]; b -= 1 }
                buf[b] = x
            }
        }
        var cumulative = below
        var k = lo
        while k < hi {
            let d = buf[k].metres
            let groupStart = k, before = cumulative
            // Take all items equal to d together.
            while k < hi, buf[k].metres == d { cumulative += buf[k].weight; k += 1 }
            if cumulative >= target { return (d, groupStart, before) }
        }
        // Rounding left the target just out of reach: the largest value.
        return (buf[hi - 1].metres, lo, below)
    }

    @inline(__always)
    private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        if a < b {
            if b < c { return b }
            return a < c ? c : a
        } else {
            if a < c { return a }
            return b < c ? c : b
        }
    }
}
