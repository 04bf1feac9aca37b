import GeoTypes
import Routing
import Testing

/// A square of roads near 10°E 56°N, about 620 m × 1110 m:
/// A(10.00, 56.00) – B(10.01, 56.00) two-way, B → C(10.01, 56.01) one-way for cars,
/// C – D(10.00, 56.01) two-way, D – A two-way.
enum Square {
    static let a = Coordinate(lon: 10.00, lat: 56.00), b = Coordinate(lon: 10.01, lat: 56.00)
    static let c = Coordinate(lon: 10.01, lat: 56.01), d = Coordinate(lon: 10.00, lat: 56.01)

    static func network(_ mode: TravelMode) -> RoadNetwork {
        var builder = RoadNetworkBuilder(mode: mode)
        func way(_ id: Int64, _ nodes: [(Int64, Coordinate)], _ tags: [String: String]) {
            builder.add(RoadWay(id: id, nodeIDs: nodes.map(\.0), coordinates: nodes.map(\.1), tags: tags))
        }
        way(1, [(1, a), (2, b)], ["highway": "residential"])
        way(2, [(2, b), (3, c)], ["highway": "residential", "oneway": "yes"])
        way(3, [(3, c), (4, d), (1, a)], ["highway": "residential"])
        return builder.build().network
    }

    static func length(_ p: Coordinate, _ q: Coordinate) -> Double { Geodesic.distance(from: p, to: q) }
}

@Suite("Snapping and the partial-edge rules on a hand-built network")
struct RoadSnappingTests {
    /// The nearest point of the geodesic p–q to x by dense sampling then 1 mm refinement.
    func bruteLeg(_ x: Coordinate, _ p: Coordinate, _ q: Coordinate) -> Double {
        let inverse = Geodesic.inverse(from: p, to: q)
        func at(_ s: Double) -> Double {
            Geodesic.distance(from: x, to: Geodesic.direct(from: p, azimuth: inverse.initialAzimuth, distance: s))
        }
        var bestS = 0.0, best = at(0)
        for i in 0...2000 {
            let s = inverse.distance * Double(i) / 2000
            if at(s) < best { (best, bestS) = (at(s), s) }
        }
        var step = inverse.distance / 2000
        while step > 0.001 {
            for s in [bestS - step, bestS + step] where s >= 0 && s <= inverse.distance && at(s) < best { (best, bestS) = (at(s), s) }
            step /= 2
        }
        return best
    }

    @Test("a point snaps to the nearest point of the nearest edge to within 1 cm", arguments: [
        Coordinate(lon: 10.003, lat: 55.9995), Coordinate(lon: 10.0104, lat: 56.004),
        Coordinate(lon: 10.005, lat: 56.0112), Coordinate(lon: 9.9991, lat: 56.007),
    ])
    func snapIsNearest(_ point: Coordinate) throws {
        let network = Square.network(.car)
        let snap = try #require(EdgeSnapper(network: network).snap(point))
        let sides = [(Square.a, Square.b), (Square.b, Square.c), (Square.c, Square.d), (Square.d, Square.a)]
        let brute = sides.map { bruteLeg(point, $0.0, $0.1) }.min()!
        #expect(abs(snap.leg - brute) < 0.01)
        #expect(abs(Geodesic.distance(from: point, to: snap.foot) - snap.leg) < 0.001)
        let s = Int(snap.segment)
        let from = network.coordinates[Int(network.segmentFrom[s])]
        #expect(abs(Geodesic.distance(from: from, to: snap.foot) - snap.along) < 0.01)
    }

    @Test("points more than 1 km from every edge are unreachable; nearer ones snap")
    func farPointsAreUnreachable() {
        let snapper = EdgeSnapper(network: Square.network(.walk))
        #expect(snapper.snap(Coordinate(lon: 10.005, lat: 55.98)) == nil) // ~2.2 km south
        #expect(snapper.snap(Coordinate(lon: 10.005, lat: 55.9905)) == nil) // ~1.06 km south
        #expect(snapper.snap(Coordinate(lon: 10.005, lat: 55.9915)) != nil) // ~0.95 km south
    }

    @Test("two points on one edge travel its direct part when the mode may", arguments: TravelMode.allCases)
    func sameEdgeDirect(_ mode: TravelMode) throws {
        let network = Square.network(mode)
        let snapper = EdgeSnapper(network: network)
        let p = try #require(snapper.snap(Coordinate(lon: 10.002, lat: 55.9996)))
        let q = try #require(snapper.snap(Coordinate(lon: 10.007, lat: 55.9997)))
        #expect(p.segment == q.segment)
        let targets = RoadTargets(snaps: [q], network: network)
        let hit = try #require(RoadRouter(network: network).nearest(from: p, to: targets, k: 1, metric: .distance).first)
        let expected = p.leg + abs(q.along - p.along) + q.leg
        #expect(abs(hit.cost.metres - expected) < 1e-6)
        // Legs walk at 5 km/h; the part on the road goes at the mode's speed (residential: 30 km/h by car).
        let speed = mode == .car ? 30 / 3.6 : mode == .bike ? 16 / 3.6 : 5 / 3.6
        #expect(abs(hit.cost.seconds - ((p.leg + q.leg) / (5 / 3.6) + abs(q.along - p.along) / speed)) < 1e-6)
    }

    @Test("against a one-way edge a car goes round the block, a walker goes straight")
    func oneWayEdge() throws {
        let ab = Square.length(Square.a, Square.b), bc = Square.length(Square.b, Square.c)
        let cd = Square.length(Square.c, Square.d), da = Square.length(Square.d, Square.a)
        for mode in [TravelMode.car, .walk] {
            let network = Square.network(mode)
            let snapper = EdgeSnapper(network: network)
            let north = try #require(snapper.snap(Coordinate(lon: 10.0102, lat: 56.008)))
            let south = try #require(snapper.snap(Coordinate(lon: 10.0102, lat: 56.002)))
            let router = RoadRouter(network: network)
            let hit = try #require(router.nearest(from: north, to: RoadTargets(snaps: [south], network: network),
                                                  k: 1, metric: .distance).first)
            let direct = north.leg + (north.along - south.along) + south.leg
            let around = north.leg + (bc - north.along) + cd + da + ab + south.along + south.leg
            #expect(abs(hit.cost.metres - (mode == .car ? around : direct)) < 1e-6, "\(mode)")
        }
    }

    @Test("a point enters its edge part-way and the cheaper end node wins")
    func partialEdgeEntry() throws {
        let network = Square.network(.car)
        let snapper = EdgeSnapper(network: network)
        // On A–B near A, toward a point on D–A near D.
        let p = try #require(snapper.snap(Coordinate(lon: 10.001, lat: 55.9998)))
        let q = try #require(snapper.snap(Coordinate(lon: 9.9998, lat: 56.009)))
        let ab = Square.length(Square.a, Square.b), da = Square.length(Square.d, Square.a)
        let qFromD = Geodesic.distance(from: Square.d, to: q.foot)
        let viaA = p.along + (da - qFromD)
        let viaB = (ab - p.along) + Square.length(Square.b, Square.c) + Square.length(Square.c, Square.d) + qFromD
        let hit = try #require(RoadRouter(network: network).nearest(from: p, to: RoadTargets(snaps: [q], network: network),
                                                                    k: 1, metric: .distance).first)
        #expect(abs(hit.cost.metres - (p.leg + min(viaA, viaB) + q.leg)) < 0.01)
    }

    @Test("a point beyond a corner snaps onto the node and leaves from it in any direction")
    func footOnNode() throws {
        let network = Square.network(.car)
        let snap = try #require(EdgeSnapper(network: network).snap(Coordinate(lon: 10.0105, lat: 55.9995)))
        #expect(Geodesic.distance(from: snap.foot, to: Square.b) < 0.01)
        let bNode = UInt32(network.coordinates.firstIndex(of: Square.b)!)
        #expect(network.departures(snap).contains { $0.node == bNode && abs($0.cost.metres - snap.leg) < 0.01 })
    }
}
