import Foundation
import Testing
import TestSupport

/// `export` and `map` read through the store protocol: every layer in every writer setting, and
/// the web map, give the same bytes from a SpatiaLite file and from a PostgreSQL database.
@Suite("export and map on PostgreSQL write the bytes they write on SpatiaLite",
       .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason), .serialized)
struct PostgresExportCLITests {
    /// Every layer but isochrones (road networks), each in the writer settings `export` offers:
    /// FeatureCollection, Text Sequence, bbox and precision, style and id fields, filters and a
    /// free-time condition (which take the one-by-one path on SpatiaLite too).
    static let exports: [[String]] = {
        var exports: [[String]] = []
        let settings: [[String]] = [[], ["--seq"], ["--bbox", "--precision", "3"], ["--style", "--id-field", "index"]]
        for layer in ["facilities", "districts", "coverage", "gaps"] {
            for setting in settings {
                exports.append(["export", layer, "--now", "2026-03-02T17:00", "--within", "5km"] + setting)
            }
        }
        exports.append(["export", "facilities", "--kind", "library", "--now", "2026-03-02T17:00"])
        exports.append(["export", "facilities", "--free-at", "2026-03-02T19:00", "--for", "2h", "--now", "2026-03-02T17:00", "--seq"])
        exports.append(["export", "districts", "--kind", "village_hall", "--style", "--now", "2026-03-02T17:00"])
        exports.append(["export", "coverage", "--kind", "library", "--within", "2km,5km", "--now", "2026-03-02T17:00"])
        exports.append(["export", "gaps", "--kind", "school", "--within", "3km", "--style"])
        return exports
    }()

    /// A booking within the export's horizon, so that next-free slots depend on stored bookings.
    static let booking = ["book", "hovedbiblioteket-i-aalborg-moedelokale", "--from", "2026-03-02T17:00", "--to", "2026-03-02T19:00",
                          "--holder", "Kor"]

    /// Imports the sample and the booking into `db`, then writes every export and the web map;
    /// returns each one's exit status and bytes.
    func outputs(db: String) throws -> [String] {
        for step in PostgresCLITests.sampleImports + [Self.booking] {
            let r = try CLI.run(step, db: db)
            try #require(r.status == 0, "\(step.joined(separator: " ")): \(r.stderr)")
        }
        var outputs = try Self.exports.map { step in
            let r = try CLI.run(step, db: db)
            return "\(step.joined(separator: " ")) -> \(r.status) \(r.stderr)\n\(r.stdout)"
        }
        let page = try TestSupport.temporaryDirectory("pg-map").appendingPathComponent("map.html")
        let map = try CLI.run(["map", "--out", page.path, "--leaflet", "cdn", "--now", "2026-03-02T17:00", "--within", "5km"], db: db)
        outputs.append("map -> \(map.status) \(map.stderr.replacingOccurrences(of: page.path, with: "PAGE"))\n" + String(decoding: try Data(contentsOf: page), as: UTF8.self))
        return outputs
    }

    @Test("every layer in every writer setting and the web map are byte-equal on both stores")
    func exportsAreByteEqual() throws {
        let sqlite = try outputs(db: StoreKind.spatialite.newStore("export-sqlite"))
        let postgres = try outputs(db: StoreKind.postgres.newStore("export-pg"))
        #expect(sqlite.count == Self.exports.count + 1)
        for (a, b) in zip(sqlite, postgres) {
            #expect(a.contains(" -> 0 "), "\(a.prefix(300))")
            #expect(a == b, "\(a.prefix(200))")
            if a != b, let at = Array(zip(a, b)).firstIndex(where: { $0 != $1 }) {
                print("first difference at \(at):\n\(a.dropFirst(max(0, at - 200)).prefix(400))\n---\n\(b.dropFirst(max(0, at - 200)).prefix(400))")
            }
        }
        // The layers are not empty: 142 facilities, districts with polygons, a next free slot after the booking.
        #expect(sqlite[0].components(separatedBy: "\"type\":\"Feature\"").count - 1 == 142)
        #expect(sqlite[4].contains("MultiPolygon") || sqlite[4].contains("Polygon"))
    }
}
