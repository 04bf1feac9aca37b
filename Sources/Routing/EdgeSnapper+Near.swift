import GeoTypes

extension EdgeSnapper {
    /// The snap of `point` (ECEF `p`) searched from its own cell, or nil when the point lies
    /// outside the grid or neither its cell nor the eight around it list a segment within
    /// ``maximumLeg`` (the caller then widens a radius from 100 m).
    ///
    /// The segment of least lower bound among those its cell lists (or, when it lists none, the
    /// 3 x 3 cells around it) is refined first; its exact leg L is a leg some segment achieves, so
    /// the nearest segment (ties included) lies within L. Every segment within L is listed in a
    /// cell within L of the point (``SegmentGrid/disc(around:metres:)``, with 1 m to spare for
    /// rounding and the feet's 0.01 mm), so the candidates are those first cells' and those of the
    /// other cells within L + 1 m whose bound is within L; they are refined as
    /// ``snap(_:_:within:scratch:)`` refines its own. The answer is therefore the one a search
    /// over the whole ``maximumLeg`` gives, from fewer candidates for a point near a road: L is
    /// usually well under the 100 m first radius, and the cells are taken within a disc, not a
    /// square.
    func snapNear(_ point: Coordinate, _ p: ECEFPoint, scratch: inout SnapScratch) -> RoadSnap? {
        guard let own = grid.cell(of: point) else { return nil }
        var ranked = scratch.candidates
        scratch.candidates = []
        defer { scratch.candidates = ranked }
        ranked.removeAll(keepingCapacity: true)
        let ox = own % grid.columns, oy = own / grid.columns
        var block = (x0: ox, y0: oy, x1: ox, y1: oy)
        var first = seed(p, block, into: &ranked)
        if first.segment == .max {
            // The own cell added nothing, so taking it again with its neighbours adds nothing twice.
            block = (max(0, ox - 1), max(0, oy - 1), min(grid.columns - 1, ox + 1), min(grid.rows - 1, oy + 1))
            first = seed(p, block, into: &ranked)
        }
        guard first.segment != .max else { return nil }
        let best = refine(point, p, first.segment, &scratch)
        guard best.leg <= Self.maximumLeg else { return nil }
        let reach = best.leg
        let disc = grid.disc(around: point, metres: reach + 1)
        if disc.y0 <= disc.y1 {
            for y in disc.y0...disc.y1 {
                guard let (x0, x1) = grid.columns(in: y, disc) else { continue }
                let row = y * grid.columns
                // The first cells' candidates are in already.
                if y >= block.y0 && y <= block.y1 && x0 <= block.x1 && x1 >= block.x0 {
                    if x0 < block.x0 { gather(p, row + x0, row + block.x0, within: reach, into: &ranked) }
                    if x1 > block.x1 { gather(p, row + block.x1 + 1, row + x1 + 1, within: reach, into: &ranked) }
                } else {
                    gather(p, row + x0, row + x1 + 1, within: reach, into: &ranked)
                }
            }
        }
        return refineRest(point, p, ranked, from: best, &scratch)
    }

    /// Appends the segments listed in the cells of `block` whose bound is within ``maximumLeg``,
    /// and returns the least by (bound, segment) of them ((∞, .max) when there is none).
    @inline(__always)
    func seed(_ p: ECEFPoint, _ block: (x0: Int, y0: Int, x1: Int, y1: Int), into ranked: inout [Candidate]) -> Candidate {
        var first: Candidate = (.infinity, .max)
        for y in block.y0...block.y1 {
            let row = y * grid.columns
            for i in Int(grid.start[row + block.x0])..<Int(grid.start[row + block.x1 + 1]) {
                let s = grid.items[i]
                let bound = lowerBound(p, Int(s))
                guard bound <= Self.maximumLeg else { continue }
                ranked.append((bound, s))
                if bound < first.bound || (bound == first.bound && s < first.segment) { first = (bound, s) }
            }
        }
        return first
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
