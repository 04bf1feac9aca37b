import Facilities
import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

/// A fresh store in a temporary directory.
func freshOverblik(_ label: String = "import") throws -> (Overblik, String) {
    let dir = try TestSupport.temporaryDirectory(label)
    let path = dir.appendingPathComponent("o.sqlite").path
    return (try Overblik(databasePath: path), path)
}

/// Every table's row count, to compare before and after a refused import.
func tableCounts(_ o: Overblik) throws -> [String: Int64] {
    var out: [String: Int64] = [:]
    for t in ["facilities", "rooms", "settlements", "population", "districts", "bookings"] {
        out[t] = try o.store.database.scalar("SELECT count(*) FROM \(t)")?.int ?? -1
    }
    return out
}

@Suite("Importing facilities, rooms, settlements and population")
struct ImportTests {
    static let header = "id,name,kind,lon,lat,owner,capacity,opening_hours,wheelchair"

    @Test("the bundled sample imports whole, with districts assigned")
    func sampleImports() throws {
        let (o, _) = try freshOverblik()
        let d = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                                 options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        #expect(d.imported > 40)
        let s = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        let f = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let r = try o.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        #expect(s.imported >= 16 + 30)
        #expect(f.imported >= 120)
        #expect(r.imported > 0)
        #expect(f.outsideDistricts.isEmpty)
        let facilities = try o.store.facilities()
        #expect(facilities.allSatisfy { $0.districtCode != nil })
        #expect(Set(facilities.map(\.kind)).count >= 8)
        // Danish letters survive.
        #expect(facilities.contains { $0.name.contains("æ") || $0.name.contains("ø") || $0.name.contains("å") })
    }

    @Test("semicolon-separated CSV with a byte order mark and Danish letters is read")
    func semicolonAndBOM() throws {
        let (o, _) = try freshOverblik()
        let text = "\u{FEFF}id;name;kind;lon;lat;capacity\nF1;Ærøskøbing Forsamlingshus;forsamlingshus;9,91;57,04;80\n"
        let url = try TestSupport.writeTemporary(text, name: "f.csv")
        let report = try o.importFile(.facilities, at: url.path)
        #expect(report.imported == 1)
        let f = try #require(try o.store.facility(id: "F1"))
        #expect(f.name == "Ærøskøbing Forsamlingshus")
        #expect(f.kind == .villageHall)
        #expect(f.location.lon == 9.91 && f.location.lat == 57.04)
        #expect(f.capacity == 80)
    }

    @Test("EPSG:25832 coordinates are transformed with --crs")
    func projectedCSV() throws {
        let (o, _) = try freshOverblik()
        let url = try TestSupport.writeTemporary("id,name,kind,x,y\nA,Aalborg,library,555917.03,6323195.55\n", name: "p.csv")
        _ = try o.importFile(.facilities, at: url.path, options: ImportOptions(crs: .utm32))
        let f = try #require(try o.store.facility(id: "A"))
        // PROJ: echo "555917.03 6323195.55" | cs2cs -f %.7f EPSG:25832 EPSG:4326 -> 57.0488000 9.9217001
        #expect(abs(f.location.lon - 9.9217001) < 2e-7)
        #expect(abs(f.location.lat - 57.0488000) < 2e-7)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        var name: String
        var csv: String
        var field: String?
        var line: Int
        var message: String
        var description: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "a capacity that is not a number", csv: header + "\nF1,A,school,9.9,57.0,municipal,many,,\n",
                field: "capacity", line: 2, message: "whole number"),
        BadCase(name: "a missing coordinate column", csv: "id,name,kind,lon\nF1,A,school,9.9\n",
                field: "lon,lat", line: 2, message: "coordinate columns"),
        BadCase(name: "latitude out of range with lon/lat swapped", csv: header + "\nF1,A,school,57.0,120,municipal,,,\n",
                field: "lat", line: 2, message: "swapped"),
        BadCase(name: "Danish coordinates given as lat,lon", csv: header + "\nF1,A,school,57.04,9.92,municipal,,,\n",
                field: "lon,lat", line: 2, message: "swapped"),
        BadCase(name: "projected metres without --crs", csv: header + "\nF1,A,school,555917,6323195,municipal,,,\n",
                field: "lon,lat", line: 2, message: "EPSG:25832"),
        BadCase(name: "an unknown kind", csv: header + "\nF1,A,castle,9.9,57.0,municipal,,,\n",
                field: "kind", line: 2, message: "expected one of"),
        BadCase(name: "an unknown wheelchair value", csv: header + "\nF1,A,school,9.9,57.0,municipal,,,maybe\n",
                field: "wheelchair", line: 2, message: "limited"),
        BadCase(name: "malformed opening_hours", csv: header + "\nF1,A,school,9.9,57.0,municipal,,Xy 10:00-12:00,\n",
                field: "opening_hours", line: 2, message: "opening_hours"),
        BadCase(name: "a duplicate id", csv: header + "\nF1,A,school,9.9,57.0,municipal,,,\nF1,B,school,9.8,57.0,municipal,,,\n",
                field: "id", line: 3, message: "unique"),
        BadCase(name: "an unterminated quote", csv: header + "\nF1,\"A,school,9.9,57.0,municipal,,,\n",
                field: nil, line: 2, message: "quote"),
        BadCase(name: "a missing name", csv: header + "\nF1,,school,9.9,57.0,municipal,,,\n",
                field: "name", line: 2, message: "non-empty"),
        BadCase(name: "NaN coordinates", csv: header + "\nF1,A,school,nan,57.0,municipal,,,\n",
                field: "lon", line: 2, message: "finite"),
    ]

    @Test("bad facility rows are refused with file, line, field and what was expected", arguments: badCases)
    func badRows(_ c: BadCase) throws {
        let (o, _) = try freshOverblik()
        let url = try TestSupport.writeTemporary(c.csv, name: "bad.csv")
        do {
            _ = try o.importFile(.facilities, at: url.path)
            Issue.record("expected \(c.name) to be refused")
        } catch let error as ImportError {
            let p = try #require(error.problems.first)
            #expect(p.position.file == url.path)
            #expect(p.position.line == c.line, "\(error)")
            if let field = c.field { #expect(p.field == field, "\(error)") }
            #expect(p.description.contains(c.message), "\(error)")
        }
        #expect(try o.store.facilities().isEmpty)
    }

    @Test("invalid UTF-8 is refused with its line")
    func invalidUTF8() throws {
        let (o, _) = try freshOverblik()
        var bytes = Array((Self.header + "\nF1,A").utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(",school,9.9,57.0,municipal,,,\n".utf8)
        let dir = try TestSupport.temporaryDirectory("utf8")
        let url = dir.appendingPathComponent("bad.csv")
        try Data(bytes).write(to: url)
        #expect(throws: ImportError.self) { try o.importFile(.facilities, at: url.path) }
        #expect(try o.store.facilities().isEmpty)
    }

    @Test("all problems are reported together, not only the first")
    func allProblemsReported() throws {
        let (o, _) = try freshOverblik()
        let rows = (1...5).map { "F\($0),A,castle,9.9,57.0,municipal,,," }.joined(separator: "\n")
        let url = try TestSupport.writeTemporary(Self.header + "\n" + rows + "\n", name: "many.csv")
        do {
            _ = try o.importFile(.facilities, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 5)
            #expect(error.problems.map { $0.position.line } == [2, 3, 4, 5, 6])
        }
    }

    @Test("a bad row at line 9 999 of 10 000 leaves the database exactly as it was")
    func atomicity() throws {
        let (o, _) = try freshOverblik()
        let first = try TestSupport.writeTemporary(Self.header + "\nKEEP,Kept,school,9.9,57.0,municipal,,,\n", name: "first.csv")
        _ = try o.importFile(.facilities, at: first.path)
        let before = try tableCounts(o)
        var text = Self.header + "\n"
        for i in 2...10_000 {
            let lat = i == 9_999 ? "91.5" : String(56.9 + Double(i % 100) / 1000)
            text += "N\(i),Facility \(i),school,9.\(i % 97),\(lat),municipal,20,,\n"
        }
        let url = try TestSupport.writeTemporary(text, name: "big.csv")
        do {
            _ = try o.importFile(.facilities, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 1)
            #expect(error.problems.first?.position.line == 9_999)
        }
        #expect(try tableCounts(o) == before)
        #expect(try o.store.facilities().map(\.id) == ["KEEP"])
    }

    @Test("re-importing existing ids is refused unless --replace")
    func replace() throws {
        let (o, _) = try freshOverblik()
        let url = try TestSupport.writeTemporary(Self.header + "\nF1,A,school,9.9,57.0,municipal,10,,\n", name: "a.csv")
        _ = try o.importFile(.facilities, at: url.path)
        #expect(throws: StoreError.self) { try o.importFile(.facilities, at: url.path) }
        let changed = try TestSupport.writeTemporary(Self.header + "\nF1,B,school,9.9,57.0,municipal,20,,\n", name: "b.csv")
        let report = try o.importFile(.facilities, at: changed.path, options: ImportOptions(replace: true))
        #expect(report.replaced == 1)
        #expect(try o.store.facility(id: "F1")?.name == "B")
    }

    @Test("rooms must belong to imported facilities")
    func roomsNeedFacilities() throws {
        let (o, _) = try freshOverblik()
        let url = try TestSupport.writeTemporary("facility_id,id,name,capacity\nNOPE,R1,Sal,20\n", name: "r.csv")
        do {
            _ = try o.importFile(.rooms, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.problems.first?.field == "facility_id")
            #expect(error.problems.first?.position.line == 2)
        }
    }

    @Test("OpenStreetMap-style GeoJSON maps tags onto kinds and accessibility")
    func osmGeoJSON() throws {
        let (o, _) = try freshOverblik()
        let json = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","id":"node/1","geometry":{"type":"Point","coordinates":[9.92,57.05]},
          "properties":{"name":"Huset","amenity":"community_centre","wheelchair":"designated","toilets:wheelchair":"yes",
                        "opening_hours":"Mo-Fr 17:00-22:00","capacity":"60","addr:street":"Vej","addr:housenumber":"2"}},
         {"type":"Feature","id":"node/2","geometry":{"type":"Point","coordinates":[9.93,57.06]},
          "properties":{"name":"Hallen","leisure":"sports_hall","wheelchair":"no"}}]}
        """
        let url = try TestSupport.writeTemporary(json, name: "osm.geojson")
        let report = try o.importFile(.facilities, at: url.path)
        #expect(report.imported == 2)
        let huset = try #require(try o.store.facility(id: "node/1"))
        #expect(huset.kind == .villageHall)
        #expect(huset.accessibility.wheelchair == .designated)
        #expect(huset.accessibility.toiletsWheelchair == .yes)
        #expect(huset.capacity == 60)
        #expect(huset.address == "Vej 2")
        #expect(try o.store.facility(id: "node/2")?.kind == .sportsHall)
    }

    @Test("unknown accessibility stays unknown, never defaulted")
    func unknownStaysUnknown() throws {
        let (o, _) = try freshOverblik()
        let url = try TestSupport.writeTemporary("id,name,kind,lon,lat\nF1,A,school,9.9,57.0\n", name: "u.csv")
        _ = try o.importFile(.facilities, at: url.path)
        let f = try #require(try o.store.facility(id: "F1"))
        #expect(f.accessibility == Accessibility())
    }
}
