/// Operations on sorted, merged lists of ``TimeSpan``.
enum SpanSet {
    static func union(_ a: [TimeSpan], _ b: [TimeSpan]) -> [TimeSpan] {
        if a.isEmpty { return normalized(b) }
        if b.isEmpty { return a }
        return normalized(a + b)
    }

    static func normalized(_ spans: [TimeSpan]) -> [TimeSpan] {
        let sorted = spans.sorted { $0.start < $1.start }
        var out: [TimeSpan] = []
        for s in sorted {
            if let last = out.last, s.start <= last.end {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append(s)
            }
        }
        return out
    }

    static func subtract(_ cut: [TimeSpan], from base: [TimeSpan]) -> [TimeSpan] {
        if cut.isEmpty || base.isEmpty { return base }
        var out: [TimeSpan] = []
        for b in normalized(base) {
            var pieces = [b]
            for c in cut {
                pieces = pieces.flatMap { p -> [TimeSpan] in
                    if c.end <= p.start || c.start >= p.end { return [p] }
                    var r: [TimeSpan] = []
                    if c.start > p.start { r.append(TimeSpan(start: p.start, end: c.start)) }
                    if c.end < p.end { r.append(TimeSpan(start: c.end, end: p.end)) }
                    return r
                }
            }
            out += pieces
        }
        return out
    }
}
