/// A stored road network: its mode, counts and the encoded body (Routing's format).
public struct StoredRoadNetwork: Sendable, Hashable {
    public var mode: String
    public var format: Int
    public var nodes: Int
    public var segments: Int
    public var islands: Int
    /// The file it was built from.
    public var source: String
    public var body: [UInt8]

    public init(mode: String, format: Int, nodes: Int, segments: Int, islands: Int, source: String, body: [UInt8]) {
        self.mode = mode
        self.format = format
        self.nodes = nodes
        self.segments = segments
        self.islands = islands
        self.source = source
        self.body = body
    }
}

extension OverblikStore {
    /// Replaces the stored networks with `networks` in one transaction: all land or none.
    public func replace(roadNetworks networks: [StoredRoadNetwork], alsoInTransaction also: () throws -> Void = {}) throws {
        try write {
            try also()
            try database.execute("DELETE FROM road_networks")
            for n in networks {
                try database.run("INSERT INTO road_networks (mode, format, nodes, segments, islands, source, body) VALUES (?,?,?,?,?,?,?)",
                                 [.text(n.mode), .integer(Int64(n.format)), .integer(Int64(n.nodes)), .integer(Int64(n.segments)),
                                  .integer(Int64(n.islands)), .text(n.source), .blob(n.body)])
            }
        }
    }

    /// The stored network of `mode`, or nil when none was imported.
    public func roadNetwork(mode: String) throws -> StoredRoadNetwork? {
        try database.query("SELECT mode, format, nodes, segments, islands, source, body FROM road_networks WHERE mode = ?", [.text(mode)])
            .first.map {
                StoredRoadNetwork(mode: $0[0].string ?? "", format: Int($0[1].int ?? 0), nodes: Int($0[2].int ?? 0), segments: Int($0[3].int ?? 0),
                                  islands: Int($0[4].int ?? 0), source: $0[5].string ?? "", body: $0[6].bytes ?? [])
            }
    }
}
