import GeoTypes

extension EdgeSnapper {
    /// The snap of `point` (ECEF `p`) searched from its own cell, or nil when the point lies
    /// outside the grid or its cell lists no segment within ``maximumLeg`` (the caller then widens
    /// a radius from 100 m).
    ///
    /// The segment of least lower bound among those its cell lists is refined first; its exact leg
    /// L is a leg some segment achieves, so the nearest segment (ties included) lies within L.
    /// Every segment within L is listed in a cell within L of the point
    /// (``SegmentGrid/disc(around:metres:)``, with 1 m to spare for rounding and the feet's
    /// 0.01 mm), so the candidates are the own cell's and those of the cells within L + 1 m whose
    /// bound is within L; they are refined as ``snap(_:_:within:scratch:)`` refines its own. The
    /// answer is therefore the one a search over the whole ``maximumLeg`` gives, from fewer
    /// candidates for a point near a road: L is usually well under the 100 m first radius, and the
    /// cells are taken within a disc, not a square.
    func snapNear(_ point: Coordinate, _ p: ECEFPoint, scratch: inout SnapScratch) -> RoadSnap? {
        guard let own = grid.cell(of: point) else { return nil }
        var ranked = scratch.candidates
        scratch.candidates = []
        defer { scratch.candidates = ranked }
        ranked.removeAll(keepingCapacity: true)
        var first: Candidate = (.infinity, .max)
        var best: Refined
        do {
            let from = Int(grid.start[own]), to = Int(grid.start[own + 1])
            for i in from..<to {
                let s = grid.items[i]
                let bound = lowerBound(p, Int(s))
                guard bound <= Self.maximumLeg else { continue }
                ranked.append((bound, s))
                if bound < first.bound || (bound == first.bound && s < first.segment) { first = (bound, s) }
            }
            guard first.segment != .max else { return nil }
            best = refine(point, p, first.segment, &scratch)
            guard best.leg <= Self.maximumLeg else { return nil }
        }
        let reach = best.leg
        let disc = grid.disc(around: point, metres: reach + 1)
        if disc.y0 <= disc.y1 {
            for y in disc.y0...disc.y1 {
                guard let (x0, x1) = grid.columns(in: y, disc) else { continue }
                let from = y * grid.columns + x0, to = y * grid.columns + x1 + 1
                // The own cell's candidates are in already.
                if own >= from && own < to {
                    gather(p, from, own, within: reach, into: &ranked)
                    gather(p, own + 1, to, within: reach, into: &ranked)
                } else {
                    gather(p, from, to, within: reach, into: &ranked)
                }
            }
        }
        return refineRest(point, p, ranked, from: best, &scratch)
    }

    /// Appends the segments listed in cells `from..<to` whose bound is within `reach`.
    @inline(__always)
    func gather(_ p: ECEFPoint, _ from: Int, _ to: Int, within reach: Double, into ranked: inout [Candidate]) {
        for i in Int(grid.start[from])..<Int(grid.start[to]) {
            let s = grid.items[i]
            let bound = lowerBound(p, Int(s))
            if bound <= reach { ranked.append((bound, s)) }
        }
    }
}
