public import GeoTypes

extension RoadNetwork {
    /// The parts of the network's segments reached within `limit` (in `labels.metric`) by a search
    /// outward from the sources (`labels.towardSources == false`), as geodesic pieces: a whole
    /// segment when the budget left at a reached end covers it, else the part from that end that
    /// the budget covers (cut on the geodesic, in the open direction only).
    /// - Complexity: O(segments).
    public func reachedPieces(_ labels: RoadLabels, within limit: Double) -> [(Coordinate, Coordinate)] {
        precondition(!labels.towardSources, "reach pieces need a search outward from the sources")
        let value = labels.metric == .distance ? labels.metres : labels.seconds
        var pieces: [(Coordinate, Coordinate)] = []
        for s in 0..<segmentCount {
            let u = Int(segmentFrom[s]), v = Int(segmentTo[s])
            let length = segmentMetres[s]
            // Metres the budget left at an end covers along this segment.
            func reach(_ at: Double) -> Double {
                guard at <= limit else { return -1 }
                let left = limit - at
                return labels.metric == .distance ? left : left * segmentSpeed[s]
            }
            let fromU = opensForward(s) ? reach(value[u]) : -1, fromV = opensBackward(s) ? reach(value[v]) : -1
            if fromU >= length || fromV >= length || (fromU >= 0 && fromV >= 0 && fromU + fromV >= length) {
                pieces.append((coordinates[u], coordinates[v]))
                continue
            }
            if fromU > 0 { pieces.append((coordinates[u], point(on: s, from: u, metres: fromU))) }
            if fromV > 0 { pieces.append((coordinates[v], point(on: s, from: v, metres: fromV))) }
        }
        return pieces
    }

    /// The point `metres` along segment `s` from its end node `end`.
    func point(on s: Int, from end: Int, metres: Double) -> Coordinate {
        let a = coordinates[end], b = coordinates[end == Int(segmentFrom[s]) ? Int(segmentTo[s]) : Int(segmentFrom[s])]
        return Geodesic.direct(from: a, azimuth: Geodesic.inverse(from: a, to: b).initialAzimuth, distance: metres)
    }
}
