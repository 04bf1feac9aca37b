import Facilities
import GeoTypes
import NIOCore
import PostgresNIO

extension PostgresStore {
    /// Writes rows into `table` with COPY (call inside ``write(_:)``). With `replace`, the rows go
    /// to a temporary table first and are upserted on `key`: existing rows are updated in place,
    /// so their dependants (rooms, bookings) stay, as in the SpatiaLite store.
    func copy(into table: String, columns: [String], key: String = "id", replace: Bool, rows: CopyText) throws {
        // A large import builds the table's GiST index once afterwards (a sorted build) instead of
        // inserting every point into it: 1 000 000 points load in about a third of the time. The
        // dropped index locks the table until the import commits (readers of it wait).
        let deferIndex = rows.rows >= Self.indexDeferralRows && PostgresSchema.pointTables.contains(table)
        if deferIndex { try execute("DROP INDEX IF EXISTS \(table)_geom") }
        if replace { try upsert(into: table, columns: columns, key: key, rows: rows) } else { try copyRows(into: table, columns: columns, rows: rows) }
        if deferIndex { try execute("CREATE INDEX \(table)_geom ON \(table) USING gist (geom)") }
    }

    /// Writes rows into `table` with one COPY, as they are (call inside ``write(_:)``).
    func copyRows(into table: String, columns: [String], rows: CopyText) throws {
        let buffers = rows.finished()
        let connection = self.connection, logger = self.logger
        try Self.mapping(path) {
            try bridge.run {
                try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger) { writer in
                    for buffer in buffers { try await writer.write(buffer) }
                }
            }
        }
    }

    /// Writes rows through a temporary table and upserts them on `key`: existing rows are updated
    /// in place, so their dependants (rooms, bookings) stay, as in the SpatiaLite store.
    func upsert(into table: String, columns: [String], key: String = "id", rows: CopyText) throws {
        let target = "overblik_copy_\(table)"
        try execute("DROP TABLE IF EXISTS \(target)")
        try execute("CREATE TEMP TABLE \(target) ON COMMIT DROP AS SELECT \(columns.joined(separator: ", ")) FROM \(table) WITH NO DATA")
        try copyRows(into: target, columns: columns, rows: rows)
        let list = columns.joined(separator: ", ")
        let updates = columns.filter { $0 != key }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try execute("INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(target) ON CONFLICT (\(key)) DO UPDATE SET \(updates)")
        try execute("DROP TABLE \(target)")
    }

    /// From how many rows an import rebuilds the GiST index instead of maintaining it.
    static let indexDeferralRows = 50_000
}

/// One row of a result, read by column position.
struct Cells {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func text(_ i: Int) throws -> String? { try row[i].decode(String?.self) }
    func string(_ i: Int) throws -> String { try row[i].decode(String?.self) ?? "" }
    func double(_ i: Int) throws -> Double? { try row[i].decode(Double?.self) }
    func int(_ i: Int) throws -> Int64? { try row[i].decode(Int64?.self) }
    func bool(_ i: Int) throws -> Bool? { try row[i].decode(Bool?.self) }
    func tri(_ i: Int) throws -> TriState { try text(i).flatMap(TriState.init(rawValue:)) ?? .unknown }
    func wheelchair(_ i: Int) throws -> WheelchairAccess { try text(i).flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown }
    func bytes(_ i: Int) throws -> [UInt8]? { try row[i].decode(ByteBuffer?.self).map { Array($0.readableBytesView) } }
    /// The number in column `i`, which the schema requires: NULL (a row another program wrote
    /// past the schema) is ``PostgresStoreError/missingValue(table:id:column:)``, never 0.
    func required(_ i: Int, _ column: String, of table: String, id: @autoclosure () throws -> String) throws -> Double {
        guard let value = try double(i) else { throw PostgresStoreError.missingValue(table: table, id: try id(), column: column) }
        return value
    }

    /// The point in columns `lon` and `lat` of a row of `table` whose id is in column `idColumn`.
    func coordinate(lon: Int, lat: Int, of table: String, idColumn: Int = 0) throws -> Coordinate {
        Coordinate(lon: try required(lon, "lon", of: table, id: try string(idColumn)),
                   lat: try required(lat, "lat", of: table, id: try string(idColumn)))
    }
}
