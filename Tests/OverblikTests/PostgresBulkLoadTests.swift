import Facilities
import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

/// A large point-layer batch into PostgreSQL sets the layer's indexes aside and numbers
/// population points itself (``PostgresPointLayerWriter``): the indexes come back as they were,
/// whoever made them, and the points keep the import order SpatiaLite's rowids give them, across
/// imports that add, fail and replace.
@Suite("Bulk loads into PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresBulkLoadTests {
    /// Every index of the population layer as `CREATE INDEX` statements, in name order.
    static func indexDefinitions(_ url: String) throws -> String {
        try PostgresStreamingImportTests.sql(url, """
            SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'population'
            """)
    }

    /// A population file of `count` points (several chunks) with the ids `id(i)`, weights from `weight(i)`.
    static func populationFile(_ name: String, count: Int, id: (Int) -> String,
                               weight: (Int) -> String = { "\($0 % 7 + 1)" }) throws -> URL {
        var text = "id,lon,lat,weight\n"
        for i in 0..<count { text += "\(id(i)),\(9.0 + Double(i % 500) / 1_000),\(56.0 + Double(i / 500) / 100),\(weight(i))\n" }
        return try TestSupport.writeTemporary(text, name: name)
    }

    /// The population in import order, as coverage reads it (`forEachPopulationChunk`).
    static func inImportOrder(_ o: Overblik) throws -> [[Double]] {
        var points: [[Double]] = []
        try o.backend.forEachPopulationChunk(rows: 4_096, district: { _ in -1 }) { chunk in
            for i in chunk.lon.indices { points.append([chunk.lon[i], chunk.lat[i], chunk.weight[i]]) }
        }
        return points
    }

    @Test("a large population import numbers its points in file order, builds every index again as it was, and the next import continues after them")
    func numbersInFileOrder() throws {
        let (o, url) = try postgresOverblik("pgbulkseq")
        let sql = { try PostgresStreamingImportTests.sql(url, $0) }
        // Indexes another program added, with options and predicates: they must come back as they were.
        _ = try sql("CREATE INDEX population_heavy ON population (weight DESC) WHERE weight > 5")
        _ = try sql("CREATE INDEX population_heavy_geom ON population USING gist (geom) WITH (fillfactor = 80) WHERE weight > 5")
        let indexes = try Self.indexDefinitions(url)
        #expect(["population_seq", "population_geom", "population_heavy ", "population_heavy_geom", "fillfactor"].allSatisfy(indexes.contains))

        let file = try Self.populationFile("pg-bulk-seq.csv", count: 20_000) { "q\(19_999 - $0)" }
        #expect(try o.importFile(.population, at: file.path).imported == 20_000)
        let fileOrder = (0..<20_000).map { "q\(19_999 - $0)" }.joined(separator: ",")
        #expect(try sql("SELECT string_agg(id, ',' ORDER BY seq) FROM population") == fileOrder)
        #expect(try sql("SELECT min(seq) || ',' || max(seq) || ',' || count(DISTINCT seq) FROM population") == "1,20000,20000")
        #expect(try Self.indexDefinitions(url) == indexes)
        #expect(try sql("SELECT count(*) FROM population WHERE weight > 5 AND seq > 0") == "5714")

        // A small import takes its numbers from the sequence, after the bulk load's.
        let one = try TestSupport.writeTemporary("id,lon,lat,weight\nr1,9.9,57.0,2\n", name: "pg-bulk-one.csv")
        #expect(try o.importFile(.population, at: one.path).imported == 1)
        #expect(try sql("SELECT seq FROM population WHERE id = 'r1'") == "20001")

        // A bulk load that fails leaves the rows, the indexes and the order as they were.
        let bad = try Self.populationFile("pg-bulk-bad.csv", count: 20_000, id: { "b\($0)" }, weight: { $0 == 19_000 ? "-1" : "1" })
        #expect(throws: ImportError.self) { try o.importFile(.population, at: bad.path) }
        #expect(try sql("SELECT count(*) FROM population") == "20001")
        #expect(try Self.indexDefinitions(url) == indexes)
        let two = try TestSupport.writeTemporary("id,lon,lat,weight\nr2,9.9,57.0,2\n", name: "pg-bulk-two.csv")
        #expect(try o.importFile(.population, at: two.path).imported == 1)
        #expect(try sql("SELECT (SELECT seq FROM population WHERE id = 'r2') > 20001") == "t")
    }

    @Test("a bulk --replace keeps replaced points in their place and appends new ones in file order, as SpatiaLite does")
    func replaceKeepsOrder() throws {
        let (pg, url) = try postgresOverblik("pgbulkreplace")
        let (lite, _) = try freshOverblik("pgbulkreplace-lite")
        let first = try Self.populationFile("pg-bulk-first.csv", count: 20_000) { "p\($0)" }
        // Every other point of the first file again (other weights), then 10 000 new ones.
        let again = try Self.populationFile("pg-bulk-again.csv", count: 20_000,
                                            id: { $0 < 10_000 ? "p\(19_998 - 2 * $0)" : "n\($0)" }, weight: { "\($0 % 5 + 10)" })
        for o in [pg, lite] {
            #expect(try o.importFile(.population, at: first.path).imported == 20_000)
            let report = try o.importFile(.population, at: again.path, options: ImportOptions(replace: true))
            #expect(report.replaced == 10_000 && report.imported == 20_000)
        }
        let order = try Self.inImportOrder(pg)
        #expect(order.count == 30_000)
        #expect(order == (try Self.inImportOrder(lite)))
        #expect(try PostgresStreamingImportTests.sql(url, "SELECT seq FROM population WHERE id = 'p19998'") == "19999")
        #expect(try PostgresStreamingImportTests.sql(url, "SELECT string_agg(id, ',' ORDER BY seq) FROM (SELECT id, seq FROM population ORDER BY seq DESC LIMIT 2) l") == "n19998,n19999")
    }

    @Test("a unique index another program added stays through a bulk load and refuses a repeat as the rows come")
    func uniqueIndexStays() throws {
        let (o, url) = try postgresOverblik("pgbulkunique")
        _ = try PostgresStreamingImportTests.sql(url, "CREATE UNIQUE INDEX population_one_per_place ON population (lon, lat)")
        let indexes = try Self.indexDefinitions(url)
        // Point 15 000 stands where point 14 999 stands; every other point has a place of its own.
        var text = "id,lon,lat,weight\n"
        for i in 0..<20_000 {
            let at = i == 15_000 ? 14_999 : i
            text += "u\(i),\(9.0 + Double(at % 500) / 1_000),\(56.0 + Double(at / 500) / 100),1\n"
        }
        let file = try TestSupport.writeTemporary(text, name: "pg-bulk-unique.csv")
        do {
            _ = try o.importFile(.population, at: file.path)
            Issue.record("expected refusal")
        } catch {
            // Refused by the index during the COPY ("violates unique constraint"), not by building it
            // again afterwards ("could not create unique index"), which would mean it had been set aside.
            #expect("\(error)".contains("violates unique constraint \"population_one_per_place\""), "\(error)")
        }
        #expect(try PostgresStreamingImportTests.sql(url, "SELECT count(*) FROM population") == "0")
        #expect(try Self.indexDefinitions(url) == indexes)
    }
}
