import Foundation
import Testing
import TestSupport

/// OGC API - Features under /ogc, read by GDAL's OAPIF driver and checked against the store with sqlite3.
@Suite("overblik serve: OGC API - Features")
struct OGCTests {
    static func sqlite(_ db: String, _ sql: String) throws -> Int {
        let result = try TestSupport.run(TestSupport.which("sqlite3") ?? "/usr/bin/sqlite3", [db, sql])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("landing page, conformance, collections, paging links, bbox and single items")
    func features() async throws {
        let db = try ServerFixtures.sampleStore("serve-ogc")
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let landing = try #require(try await server.get("/ogc").json() as? [String: Any])
        let rels = (landing["links"] as? [[String: Any]] ?? []).compactMap { $0["rel"] as? String }
        #expect(Set(rels).isSuperset(of: ["self", "conformance", "data", "service-desc"]))
        let conformance = try #require(try await server.get("/ogc/conformance").json() as? [String: Any])
        #expect((conformance["conformsTo"] as? [String])?.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core") == true)
        let collections = try #require((try await server.get("/ogc/collections").json() as? [String: Any])?["collections"] as? [[String: Any]])
        #expect(collections.compactMap { $0["id"] as? String } == ["facilities", "rooms", "districts", "coverage", "gaps"])
        let facilities = try Self.sqlite(db, "SELECT count(*) FROM facilities")
        let page = try await server.get("/ogc/collections/facilities/items?limit=50&offset=100")
        #expect(page.header("Content-Type") == "application/geo+json")
        let body = try #require(try page.json() as? [String: Any])
        #expect(body["numberMatched"] as? Int == facilities)
        #expect(body["numberReturned"] as? Int == min(50, facilities - 100))
        #expect(body["timeStamp"] is String)
        let links = (body["links"] as? [[String: Any]] ?? []).compactMap { $0["rel"] as? String }
        #expect(links.contains("prev") && links.contains("self"))
        let first = try #require(try await server.get("/ogc/collections/facilities/items?limit=1").json() as? [String: Any])
        let feature = try #require((first["features"] as? [[String: Any]])?.first)
        let id = try #require(feature["id"] as? String)
        let single = try #require(try await server.get("/ogc/collections/facilities/items/\(id)").json() as? [String: Any])
        #expect(single["id"] as? String == id && single["type"] as? String == "Feature")
        let inBox = try #require(try await server.get("/ogc/collections/facilities/items?bbox=9.85,57.0,9.95,57.1&limit=10000").json() as? [String: Any])
        let expected = try Self.sqlite(db, "SELECT count(*) FROM facilities WHERE lon BETWEEN 9.85 AND 9.95 AND lat BETWEEN 57.0 AND 57.1")
        #expect(inBox["numberMatched"] as? Int == expected)
        #expect(try await server.get("/ogc/collections/castles/items").status == 404)
        #expect(try await server.get("/ogc/collections/facilities/items/no-such-id").status == 404)
        #expect(try await server.get("/ogc/collections/facilities/items?bbox=1,2,3").status == 400)
    }

    @Test("ogrinfo OAPIF lists the five collections with the store's feature counts",
          .enabled(if: TestSupport.which("ogrinfo") != nil, "ogrinfo (gdal-bin) is not installed"))
    func ogrinfo() async throws {
        let db = try ServerFixtures.sampleStore("serve-ogrinfo")
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let expected: [String: Int] = [
            "facilities": try Self.sqlite(db, "SELECT count(*) FROM facilities"),
            "rooms": try Self.sqlite(db, "SELECT (SELECT count(*) FROM rooms) + (SELECT count(*) FROM facilities f WHERE NOT EXISTS (SELECT 1 FROM rooms r WHERE r.facility_id = f.id))"),
            "districts": try Self.sqlite(db, "SELECT count(*) FROM districts"),
            "coverage": try Self.sqlite(db, "SELECT count(*) FROM districts"),
        ]
        let url = "OAPIF:\(server.base)/ogc"
        let listing = try await Task.detached { try TestSupport.run(TestSupport.which("ogrinfo")!, ["-ro", "-q", url]) }.value
        #expect(listing.status == 0, "\(listing.stderr)")
        for name in ["facilities", "rooms", "districts", "coverage", "gaps"] { #expect(listing.stdout.contains(name), "\(listing.stdout)") }
        for (layer, count) in expected {
            let info = try await Task.detached { try TestSupport.run(TestSupport.which("ogrinfo")!, ["-ro", "-so", url, layer]) }.value
            #expect(info.stdout.contains("Feature Count: \(count)"), "\(layer): \(info.stdout) \(info.stderr)")
        }
    }
}
