import Testing
import TestSupport
@testable import PostgresStore

/// What the COPY writer asks of a real PostgreSQL: the numbers it writes are read by the server as
/// the same `Double`s, and a large batch sorts in more memory for its transaction only.
@Suite("COPY numbers and bulk settings on PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresCopyNumbersTests {
    @Test("the server reads every number of a COPY row as the Double that was written, bit for bit")
    func serverReadsTheSameDoubles() throws {
        let url = try #require(PostgresCluster.shared).makeDatabase("numbers")
        let store = try PostgresStore(url: url)
        var generator = SeededGenerator(seed: 2121)
        var values = CopyNumberTextTests.edges
        while values.count < 20_000 {
            let value = values.count % 2 == 0 ? Double(Int64(bitPattern: generator.next()) % 400_000_000_000) / 1_000_000
                                              : Double(bitPattern: generator.next())
            if value.isFinite { values.append(value) }
        }
        var rows = CopyText()
        for (i, value) in values.enumerated() { rows.int(i); rows.double(value); rows.endRow() }
        let read = try store.write {
            try store.execute("CREATE TEMP TABLE numbers (i bigint, v double precision)")
            try store.copyRows(into: "numbers", columns: ["i", "v"], rows: rows)
            // The bits as the server holds them, not a text form of them.
            return try store.query("SELECT i, float8send(v) FROM numbers ORDER BY i").map { row in
                let cells = Cells(row)
                let bytes = try #require(try cells.bytes(1))
                return Double(bitPattern: bytes.reduce(0) { $0 << 8 | UInt64($1) })
            }
        }
        #expect(read.count == values.count)
        let differing = zip(values, read).filter { $0.bitPattern != $1.bitPattern }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test("a large batch raises maintenance_work_mem for its transaction only, and keeps a larger server setting",
          arguments: [nil, "1GB"])
    func maintenanceMemory(databaseSetting: String?) throws {
        let cluster = try #require(PostgresCluster.shared)
        let url = try cluster.makeDatabase("memory")
        if let databaseSetting {
            _ = try cluster.psql("ALTER DATABASE \(url.split(separator: "/").last!) SET maintenance_work_mem = '\(databaseSetting)'")
        }
        let store = try PostgresStore(url: url)
        // A layer that holds rows loads in place, in this transaction (an empty one loads beside it,
        // on connections of its own: PostgresBulkStageTests).
        _ = try cluster.psql("INSERT INTO population (id, lon, lat, weight) VALUES ('p0', 9.9, 57, 1)", database: String(url.split(separator: "/").last!))
        let setting = { try store.scalar("SELECT current_setting('maintenance_work_mem')", as: String.self) }
        let before = try setting()
        struct RollBack: Error {}
        var during: String?
        #expect(throws: RollBack.self) {
            try store.write {
                let writer = try store.populationWriter(replace: false, expectedRows: 1_000_000)
                defer { writer.abandon() }
                during = try setting()
                throw RollBack()
            }
        }
        #expect(during == (databaseSetting ?? "256MB"))
        #expect(try setting() == before)
    }
}
