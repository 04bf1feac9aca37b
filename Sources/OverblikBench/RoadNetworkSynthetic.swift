import Analysis
import GeoTypes
import Routing

/// A seeded synthetic national-size car network over Denmark's extent: a jittered grid of about
/// `nodes` nodes whose rows and columns are ways; every 25th row and column is a primary road
/// (70 km/h), every 5th a tertiary (50 km/h), the rest residential (30 km/h); 3 % of the grid's
/// links are missing and 2 % of the short ways are one-way. The builder then keeps the largest
/// strongly connected part, as for an OpenStreetMap file.
enum RoadNetworkSynthetic {
    static func ways(nodes: Int, seed: UInt64) -> [RoadWay] {
        var random = SplitMix64(seed: seed)
        let side = max(2, Int(Double(nodes).squareRoot()))
        let (lon0, lat0, lon1, lat1) = (8.1, 54.6, 12.6, 57.7)
        let dLon = (lon1 - lon0) / Double(side), dLat = (lat1 - lat0) / Double(side)
        var positions = [Coordinate](repeating: Coordinate(lon: 0, lat: 0), count: side * side)
        for r in 0..<side {
            for c in 0..<side {
                let jx = (Double(random.next() % 1000) / 1000 - 0.5) * 0.6, jy = (Double(random.next() % 1000) / 1000 - 0.5) * 0.6
                positions[r * side + c] = Coordinate(lon: lon0 + (Double(c) + jx) * dLon, lat: lat0 + (Double(r) + jy) * dLat)
            }
        }
        func highway(_ line: Int) -> String { line % 25 == 0 ? "primary" : line % 5 == 0 ? "tertiary" : "residential" }
        var ways: [RoadWay] = []
        var wayID: Int64 = 1
        // Each row and column is cut into ways of up to 8 links; a missing link ends a way.
        func emit(_ ids: [Int], line: Int) {
            guard ids.count >= 2 else { return }
            var tags = ["highway": highway(line)]
            if ids.count <= 3 && random.next() % 100 < 2 { tags["oneway"] = "yes" }
            ways.append(RoadWay(id: wayID, nodeIDs: ids.map { Int64($0) }, coordinates: ids.map { positions[$0] }, tags: tags))
            wayID += 1
        }
        for line in 0..<side {
            for horizontal in [true, false] {
                var run: [Int] = []
                for k in 0..<side {
                    let id = horizontal ? line * side + k : k * side + line
                    if !run.isEmpty && random.next() % 100 < 3 {
                        emit(run, line: line)
                        run = []
                    } else if run.count > 8 {
                        emit(run, line: line)
                        run = [run.last!]
                    }
                    run.append(id)
                }
                emit(run, line: line)
            }
        }
        return ways
    }
}
