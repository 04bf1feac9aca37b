import NIOCore
import PostgresNIO
public import Store

/// The road networks of `import network` (as the SpatiaLite store's `OverblikStore+RoadNetworks`):
/// one row per travel mode, the encoded network as `bytea`.
extension PostgresStore {
    /// The table, as in the SpatiaLite schema (migration 4 there). Idempotent, so that a database
    /// created before road networks were kept in PostgreSQL gets it when opened (see ``migrate(creating:)``).
    static let roadNetworksTable = """
        CREATE TABLE IF NOT EXISTS road_networks (
            mode text COLLATE "C" PRIMARY KEY, format integer NOT NULL, nodes bigint NOT NULL, segments bigint NOT NULL,
            islands bigint NOT NULL, source text NOT NULL, body bytea NOT NULL
        )
        """

    /// Replaces the stored networks with `networks` in one transaction, `also` inside it: all land or none.
    public func replace(roadNetworks networks: [StoredRoadNetwork], alsoInTransaction also: () throws -> Void = {}) throws {
        try write {
            try also()
            try execute("DELETE FROM road_networks")
            for n in networks {
                var binds = PostgresBindings()
                binds.append(n.mode); binds.append(Int64(n.format)); binds.append(Int64(n.nodes)); binds.append(Int64(n.segments))
                binds.append(Int64(n.islands)); binds.append(n.source); binds.append(ByteBuffer(bytes: n.body))
                try query("""
                    INSERT INTO road_networks (mode, format, nodes, segments, islands, source, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, binds)
            }
        }
    }

    /// The stored network of `mode`, or nil when none was imported.
    public func roadNetwork(mode: String) throws -> StoredRoadNetwork? {
        try run("SELECT mode, format, nodes, segments, islands, source, body FROM road_networks WHERE mode = $1", [mode]).first.map { c in
            StoredRoadNetwork(mode: try c.string(0), format: Int(try c.int(1) ?? 0), nodes: Int(try c.int(2) ?? 0),
                              segments: Int(try c.int(3) ?? 0), islands: Int(try c.int(4) ?? 0), source: try c.string(5),
                              body: try c.bytes(6) ?? [])
        }
    }
}
