import Facilities
import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

/// Point layers are streamed into the store in chunks (``PointLayerImport``): the result is the
/// one the per-row path gives, problems in late chunks still name file, line and field, and a
/// failure anywhere leaves the store as it was.
@Suite("Streaming point-layer imports")
struct StreamingImportTests {
    static let header = "id,name,kind,lon,lat,address,capacity,opening_hours,wheelchair,step_free,phone"
    static let kinds = ["school", "sports_hall", "library", "village_hall", "youth_club"]
    static let hours = ["Mo-Fr 16:00-22:00", "Sa,Su 09:00-17:00", "", "Mo-Su 08:00-23:00"]

    /// `count` facility rows over more than one chunk, with every kind of optional value present and absent.
    static func facilityCSV(_ count: Int, edit: (Int, inout String) -> Void = { _, _ in }) -> String {
        var text = header + "\n"
        for i in 0..<count {
            let lon = 8.1 + Double((i * 7_919) % 70_000) / 10_000, lat = 54.6 + Double((i * 104_729) % 33_000) / 10_000
            var row = "F\(i),Facility \(i),\(kinds[i % kinds.count]),\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat)),"
                + (i % 3 == 0 ? "" : "Vej \(i) 9000 Aalborg") + "," + (i % 4 == 0 ? "" : String(i % 300)) + ",\""
                + hours[i % hours.count] + "\"," + ["yes", "no", "limited", ""][i % 4] + "," + ["yes", "no", ""][i % 3] + ","
                + (i % 5 == 0 ? "" : "9\(i)")
            edit(i + 2, &row)
            text += row + "\n"
        }
        return text
    }

    /// Every column of every row of `table`, the geometry as hex, in rowid order.
    static func rows(_ o: Overblik, _ table: String) throws -> [[SQLValue]] {
        try o.store.database.query("SELECT rowid, *, hex(geom) FROM \(table) ORDER BY rowid").map(\.values)
    }

    static func count(_ o: Overblik, _ table: String) throws -> Int64? {
        try o.store.database.scalar("SELECT count(*) FROM \(table)")?.int
    }

    @Test("a streamed import stores exactly the rows, features, proximity index and R*Tree of row-by-row inserts")
    func sameAsPerRow() throws {
        let (streamed, _) = try freshOverblik("stream-same")
        let url = try TestSupport.writeTemporary(Self.facilityCSV(20_000), name: "same.csv")
        let report = try streamed.importFile(.facilities, at: url.path)
        #expect(report.imported == 20_000)
        // The same facilities written row by row (batches below the bulk threshold keep every
        // per-row trigger: SpatiaLite's index, the stale features, the catalogue generation).
        let byID = Dictionary(uniqueKeysWithValues: try streamed.store.facilities().map { ($0.id, $0) })
        let order = try streamed.store.database.query("SELECT id FROM facilities ORDER BY rowid").map { $0[0].string ?? "" }
        let (perRow, _) = try freshOverblik("stream-same-row")
        try perRow.store.write {
            for start in stride(from: 0, to: order.count, by: 50) {
                try perRow.store.insert(facilities: order[start..<min(order.count, start + 50)].map { byID[$0]! }, replace: false)
            }
        }
        for table in ["facilities", "facility_features", "proximity_index"] {
            #expect(try Self.count(streamed, table) == Self.count(perRow, table), "\(table)")
        }
        #expect(try Self.rows(streamed, "facilities") == Self.rows(perRow, "facilities"))
        for query in ["SELECT id, body FROM facility_features ORDER BY id", "SELECT part, version, body FROM proximity_index ORDER BY part",
                      "SELECT pkid, xmin, xmax, ymin, ymax FROM idx_facilities_geom ORDER BY pkid"] {
            #expect(try streamed.store.database.query(query).map(\.values) == perRow.store.database.query(query).map(\.values), "\(query)")
        }
        #expect(try streamed.store.database.scalar("SELECT count(*) FROM facility_features_stale")?.int == 0)
        #expect(try streamed.store.database.scalar("SELECT rtreecheck('idx_facilities_geom')")?.string == "ok")
        #expect(try streamed.store.database.scalar("SELECT CheckSpatialIndex('facilities', 'geom')")?.int == 1)
        // The geometry written as a blob is SpatiaLite's own point.
        #expect(try streamed.store.database.scalar("SELECT count(*) FROM facilities WHERE geom IS NOT MakePoint(lon, lat, 4326)")?.int == 0)
        let f = try #require(try streamed.store.facility(id: "F7"))
        #expect(f.kind == .library && f.capacity == 7 && f.openingHours == "Mo-Su 08:00-23:00" && f.contact.phone == "97")
        #expect(f.address == "Vej 7 9000 Aalborg" && f.accessibility.wheelchair == .unknown && f.accessibility.stepFree == .no)
    }

    /// A late bad row of each point layer, and what the refusal must name.
    struct LateProblem: CustomTestStringConvertible, Sendable {
        var layer: ImportLayer
        var line: Int
        var field: String
        var text: String
        var testDescription: String { "\(layer.rawValue), \(field) at line \(line)" }
    }

    static let lateProblems = [
        LateProblem(layer: .facilities, line: 19_500, field: "capacity", text: header + "\n"),
        LateProblem(layer: .population, line: 19_990, field: "weight", text: "id,lon,lat,weight\n"),
        LateProblem(layer: .settlements, line: 18_000, field: "lon,lat", text: "id,name,lon,lat,population\n"),
    ]

    /// 20 000 rows of the case's layer, the one at its line bad.
    static func lateText(_ c: LateProblem) -> String {
        var text = c.text
        for i in 0..<20_000 {
            let line = i + 2, lon = 9.5 + Double(i % 1_000) / 2_000, lat = 56.8 + Double(i / 1_000) / 100
            switch c.layer {
            case .facilities:
                text += "N\(i),Hal \(i),sports_hall,\(lon),\(lat),,\(line == c.line ? "many" : "10"),,,,\n"
            case .population:
                text += "p\(i),\(lon),\(lat),\(line == c.line ? "-3" : "2")\n"
            default:
                text += "s\(i),By \(i),\(line == c.line ? "57.0,9.9" : "\(lon),\(lat)"),120\n"
            }
        }
        return text
    }

    @Test("a bad row in a late chunk is refused with file, line and field, and nothing of the earlier chunks stays",
          arguments: lateProblems)
    func lateBadRow(_ c: LateProblem) throws {
        let (o, _) = try freshOverblik("stream-late")
        let keep = try TestSupport.writeTemporary(Self.facilityCSV(3), name: "keep.csv")
        _ = try o.importFile(.facilities, at: keep.path)
        let before = try tableCounts(o), features = try Self.count(o, "facility_features")
        let text = Self.lateText(c)
        let url = try TestSupport.writeTemporary(text, name: "late-\(c.layer.rawValue).csv")
        do {
            _ = try o.importFile(c.layer, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 1)
            #expect(error.problems.first?.position == RecordPosition(file: url.path, line: c.line))
            #expect(error.problems.first?.field == c.field)
        }
        #expect(try tableCounts(o) == before)
        #expect(try Self.count(o, "facility_features") == features)
        #expect(try o.store.database.scalar("SELECT count(*) FROM idx_\(c.layer.rawValue)_geom")?.int == before[c.layer.rawValue])
        #expect(try o.store.database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'gii_\(c.layer.rawValue)_geom'")?.int == 1)
    }

    @Test("a file that breaks in a late chunk (invalid UTF-8) is refused with its line while earlier chunks were written, and nothing stays")
    func lateBrokenFile() throws {
        let (o, _) = try freshOverblik("stream-broken")
        var bytes = Array("id,lon,lat,weight\n".utf8)
        for i in 0..<20_000 {
            bytes += Array("p\(i),9.\(i % 1_000),57.0,1\n".utf8)
            if i == 18_000 { bytes += [0x70, 0xFF, 0xFE, 0x2C, 0x39, 0x2C, 0x35, 0x37, 0x2C, 0x31, 0x0A] }
        }
        let url = try TestSupport.temporaryDirectory("stream-broken-file").appendingPathComponent("broken.csv")
        try Data(bytes).write(to: url)
        do {
            _ = try o.importFile(.population, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.problems.first?.position.line == 18_003)
        }
        #expect(try Self.count(o, "population") == 0)
        #expect(try Self.count(o, "idx_population_geom") == 0)
        // The connection is whole: the next import works.
        let good = try TestSupport.writeTemporary("id,lon,lat,weight\np1,9.9,57.0,2\n", name: "good.csv")
        #expect(try o.importFile(.population, at: good.path).imported == 1)
    }

    @Test("an id repeated in a late chunk names the line of its first use, and nothing is written")
    func lateRepeat() throws {
        let (o, _) = try freshOverblik("stream-repeat")
        try Self.expectLateRepeatRefused(o)
        #expect(try tableCounts(o)["facilities"] == 0)
    }

    /// Imports 20 000 facilities whose lines 19 001 and 19 002 repeat the id of line 3, and checks the refusal.
    static func expectLateRepeatRefused(_ o: Overblik) throws {
        let url = try TestSupport.writeTemporary(facilityCSV(20_000) { line, row in
            if line == 19_001 || line == 19_002 { row = row.replacingOccurrences(of: "F\(line - 2),", with: "F1,") }
        }, name: "repeat.csv")
        do {
            _ = try o.importFile(.facilities, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 2)
            #expect(error.problems.map(\.position.line) == [19_001, 19_002])
            #expect(error.problems.allSatisfy { $0.field == "id" && $0.value == "F1" && $0.expected.contains("\(url.path):3 has the same") })
        }
    }

    @Test("ids already in the store are refused even in a late chunk; with --replace they are overwritten and counted")
    func existingIDs() throws {
        let (o, _) = try freshOverblik("stream-existing")
        let first = try TestSupport.writeTemporary(Self.header + "\nF19000,Old,school,9.9,57.0,,,,,,\n", name: "first.csv")
        _ = try o.importFile(.facilities, at: first.path)
        let url = try TestSupport.writeTemporary(Self.facilityCSV(20_000), name: "again.csv")
        #expect(throws: StoreError.self) { try o.importFile(.facilities, at: url.path) }
        #expect(try o.store.facilities().map(\.name) == ["Old"])
        let report = try o.importFile(.facilities, at: url.path, options: ImportOptions(replace: true))
        #expect(report.replaced == 1 && report.imported == 20_000)
        #expect(try o.store.facility(id: "F19000")?.name == "Facility 19000")
        #expect(try o.store.database.scalar("SELECT count(*) FROM facilities")?.int == 20_000)
        #expect(try o.store.database.scalar("SELECT rtreecheck('idx_facilities_geom')")?.string == "ok")
        #expect(try o.store.database.scalar("SELECT count(*) FROM facility_features")?.int == 20_000)
        // A repeat of a replaced id is still a repeat.
        let twice = try TestSupport.writeTemporary(Self.facilityCSV(20_000) { line, row in
            if line == 15_000 { row = row.replacingOccurrences(of: "F14998,", with: "F2,") }
        }, name: "twice.csv")
        #expect(throws: ImportError.self) { try o.importFile(.facilities, at: twice.path, options: ImportOptions(replace: true)) }
        #expect(try o.store.facility(id: "F2")?.name == "Facility 2")
    }
}
