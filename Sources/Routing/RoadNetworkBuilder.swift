public import GeoTypes

/// A way as the builder needs it: its node ids, their positions and its tags.
public struct RoadWay: Sendable {
    public var id: Int64
    public var nodeIDs: [Int64]
    public var coordinates: [Coordinate]
    public var tags: [String: String]

    public init(id: Int64, nodeIDs: [Int64], coordinates: [Coordinate], tags: [String: String]) {
        self.id = id
        self.nodeIDs = nodeIDs
        self.coordinates = coordinates
        self.tags = tags
    }
}

/// What building one mode's network kept and dropped.
public struct NetworkBuildReport: Sendable, Hashable, Codable {
    public var mode: TravelMode
    /// Ways the profile accepted.
    public var usableWays: Int
    /// Nodes and segments before and after keeping the largest part.
    public var allNodes: Int, allSegments: Int
    public var keptNodes: Int, keptSegments: Int
    /// Parts other than the kept one (strongly connected for bike and car, connected for walk).
    public var islands: Int
}

/// Builds a ``RoadNetwork`` for one mode from OpenStreetMap ways, following DESIGN.md.
///
/// ```swift
/// var builder = RoadNetworkBuilder(mode: .car)
/// for way in ways { builder.add(way) }
/// let (network, report) = builder.build()
/// ```
public struct RoadNetworkBuilder {
    public let mode: TravelMode
    private var nodeIndex: [Int64: UInt32] = [:]
    private var coordinates: [Coordinate] = []
    private var from: [UInt32] = [], to: [UInt32] = []
    private var metres: [Double] = [], speed: [Double] = []
    private var directions: [UInt8] = []
    private var usableWays = 0

    public init(mode: TravelMode) { self.mode = mode }

    /// Adds the segments of one way if the mode's profile accepts it.
    /// Consecutive repeats of a node make no segment.
    public mutating func add(_ way: RoadWay) {
        guard way.nodeIDs.count >= 2, way.nodeIDs.count == way.coordinates.count,
              let usage = RoadProfile.usage(of: way.tags, for: mode) else { return }
        usableWays += 1
        let bits: UInt8 = mode.isDirected ? (usage.forward ? 1 : 0) | (usage.backward ? 2 : 0) : 3
        guard bits != 0 else { return }
        var previous = node(way.nodeIDs[0], way.coordinates[0])
        for i in 1..<way.nodeIDs.count {
            let current = node(way.nodeIDs[i], way.coordinates[i])
            defer { previous = current }
            guard current != previous else { continue }
            from.append(previous)
            to.append(current)
            metres.append(Geodesic.distance(from: coordinates[Int(previous)], to: coordinates[Int(current)]))
            speed.append(usage.metresPerSecond)
            directions.append(bits)
        }
    }

    private mutating func node(_ id: Int64, _ coordinate: Coordinate) -> UInt32 {
        if let known = nodeIndex[id] { return known }
        let index = UInt32(coordinates.count)
        nodeIndex[id] = index
        coordinates.append(coordinate)
        return index
    }

    /// Keeps the largest strongly connected part (walk: largest connected part) and renumbers it.
    /// - Complexity: O(nodes + segments).
    public func build() -> (network: RoadNetwork, report: NetworkBuildReport) {
        let n = coordinates.count
        let (component, count): ([Int32], Int)
        if mode.isDirected {
            let (start, head, _) = RoadNetwork.csr(nodeCount: n, from, to, directions, reverse: false)
            (component, count) = Components.strong(nodeCount: n, start: start, head: head)
        } else {
            (component, count) = Components.weak(nodeCount: n, from: from, to: to)
        }
        let (keep, _) = Components.largest(component, count: count)
        var newID = [UInt32](repeating: .max, count: n)
        var keptCoordinates: [Coordinate] = []
        for v in 0..<n where component[v] == keep {
            newID[v] = UInt32(keptCoordinates.count)
            keptCoordinates.append(coordinates[v])
        }
        var f: [UInt32] = [], t: [UInt32] = [], m: [Double] = [], s: [Double] = [], d: [UInt8] = []
        for e in 0..<from.count where component[Int(from[e])] == keep && component[Int(to[e])] == keep {
            f.append(newID[Int(from[e])]); t.append(newID[Int(to[e])])
            m.append(metres[e]); s.append(speed[e]); d.append(directions[e])
        }
        let network = RoadNetwork(mode: mode, coordinates: keptCoordinates, segmentFrom: f, segmentTo: t,
                                  segmentMetres: m, segmentSpeed: s, segmentDirections: d)
        let report = NetworkBuildReport(mode: mode, usableWays: usableWays, allNodes: n, allSegments: from.count,
                                        keptNodes: keptCoordinates.count, keptSegments: f.count,
                                        islands: max(0, count - 1))
        return (network, report)
    }
}
