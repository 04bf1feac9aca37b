import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

/// Population points into an empty layer take the bulk path (the R*Tree packed from the boxes the
/// writer collected, its rowid map appended in order); into a layer with rows they take the
/// per-batch insert. Both must give the same rows and the same index, and a refused file leaves
/// the store as it was.
@Suite("Population imports into empty and non-empty layers")
struct PopulationBulkImportTests {
    /// `count` population rows over several chunks, ids `prefix0`..., on a grid with awkward values.
    static func csv(_ count: Int, prefix: String = "p", edit: (Int, inout String) -> Void = { _, _ in }) -> String {
        var text = "id,lon,lat,weight\n"
        for i in 0..<count {
            let lon = 8.07 + Double((i * 7_919) % 70_001) / 10_000, lat = 54.56 + Double((i * 104_729) % 33_013) / 10_000
            var row = "\(prefix)\(i),\(lon),\(lat),\(i % 9)"
            edit(i + 2, &row)
            text += row + "\n"
        }
        return text
    }

    /// Each point with its stored values and its R*Tree box, by id.
    static func indexed(_ o: Overblik) throws -> [[SQLValue]] {
        try o.store.database.query("""
            SELECT p.id, p.lon, p.lat, p.weight, hex(p.geom), i.xmin, i.xmax, i.ymin, i.ymax
            FROM population p LEFT JOIN idx_population_geom i ON i.pkid = p.rowid ORDER BY p.id
            """).map(\.values)
    }

    static func valid(_ o: Overblik) throws -> Bool {
        try o.store.database.scalar("SELECT rtreecheck('idx_population_geom')")?.string == "ok"
            && o.store.database.scalar("SELECT CheckSpatialIndex('population', 'geom')")?.int == 1
            && o.store.database.scalar("SELECT count(*) FROM idx_population_geom")?.int
                == o.store.database.scalar("SELECT count(*) FROM population")?.int
    }

    @Test("a file imported into an empty layer and the same file after other rows give the same rows and R*Tree boxes")
    func emptyAndNonEmptyAgree() throws {
        let big = try TestSupport.writeTemporary(Self.csv(30_000), name: "population-big.csv")
        let small = try TestSupport.writeTemporary(Self.csv(500, prefix: "q"), name: "population-small.csv")
        let (intoEmpty, _) = try freshOverblik("population-empty")
        #expect(try intoEmpty.importFile(.population, at: big.path).imported == 30_000)
        #expect(try intoEmpty.importFile(.population, at: small.path).imported == 500)
        let (intoFull, _) = try freshOverblik("population-full")
        #expect(try intoFull.importFile(.population, at: small.path).imported == 500)
        #expect(try intoFull.importFile(.population, at: big.path).imported == 30_000)
        #expect(try Self.valid(intoEmpty) && Self.valid(intoFull))
        let a = try Self.indexed(intoEmpty), b = try Self.indexed(intoFull)
        #expect(a.count == 30_500)
        #expect(a == b)
        #expect(!a.contains { $0[5] == .null })
        // The geometry is SpatiaLite's own point; the rowid map of the packed tree is complete.
        #expect(try intoEmpty.store.database.scalar("SELECT count(*) FROM population WHERE geom IS NOT MakePoint(lon, lat, 4326)")?.int == 0)
        #expect(try intoEmpty.store.database.scalar("""
            SELECT count(*) FROM population p JOIN idx_population_geom_rowid r ON r.rowid = p.rowid
            """)?.int == 30_500)
    }

    @Test("a repeated id into an empty layer names the line of its first use and leaves the layer and its index empty")
    func repeatIntoEmpty() throws {
        let (o, _) = try freshOverblik("population-repeat")
        let url = try TestSupport.writeTemporary(Self.csv(20_000) { line, row in
            if line == 18_000 { row = row.replacingOccurrences(of: "p17998,", with: "p5,") }
        }, name: "population-repeat.csv")
        do {
            _ = try o.importFile(.population, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 1)
            #expect(error.problems.first?.position.line == 18_000)
            #expect(error.problems.first.map { $0.field == "id" && $0.value == "p5" && $0.expected.contains("\(url.path):7 has the same") } == true)
        }
        #expect(try o.store.database.scalar("SELECT count(*) FROM population")?.int == 0)
        #expect(try o.store.database.scalar("SELECT count(*) FROM idx_population_geom_rowid")?.int == 0)
        #expect(try o.store.database.scalar("SELECT count(*) FROM idx_population_geom_node")?.int == 1)
        // The next import into the still empty layer takes the bulk path and works.
        #expect(try o.importFile(.population, at: TestSupport.writeTemporary(Self.csv(3_000), name: "population-next.csv").path).imported == 3_000)
        #expect(try Self.valid(o))
    }
}
