import Facilities
import Foundation
import GeoJSON
import Store
import Testing
import TestSupport
@testable import Overblik

/// A fresh store in a temporary directory, with its path.
func freshStore(_ label: String) throws -> (Overblik, String) {
    let path = try TestSupport.temporaryDirectory(label).appendingPathComponent("h.sqlite").path
    return (try Overblik(databasePath: path), path)
}

/// Row counts of every data table and the integrity check, to compare before and after.
func snapshot(_ o: Overblik) throws -> [String: String] {
    var out: [String: String] = [:]
    for t in ["facilities", "rooms", "settlements", "population", "districts", "bookings"] {
        out[t] = String(try o.store.database.scalar("SELECT count(*) FROM \(t)")?.int ?? -1)
    }
    out["integrity"] = try o.store.database.scalar("PRAGMA integrity_check")?.string
    return out
}

/// Hostile values in input files: stored verbatim, or refused with a typed error; never a crash,
/// never a half-written database.
@Suite("Hostile input")
struct HostileInputTests {
    static let hostile = [
        "'; DROP TABLE facilities; --", "Robert'); DELETE FROM rooms WHERE ('1'='1", "a\u{0}b NUL inside",
        "\u{1B}[31mred\u{1B}[0m \u{7}bell", "\"quoted\", comma; semicolon", "%_\\ like ? ?1 :name @x $y",
        "multi\nline\r\ntext", "Ærø ☃ 𝄞 \u{202E}rtl", "' OR 1=1 --",
    ]

    static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test("SQL metacharacters and control characters in every text field round-trip unchanged (CSV)")
    func metacharactersRoundTripCSV() throws {
        let (o, _) = try freshStore("meta")
        var text = "id,name,kind,lon,lat,address,contact_name,phone,email,booking_url\n"
        for (i, h) in Self.hostile.enumerated() {
            let fields = ["\(h)#\(i)", h, "school", "9.9", "57.0", h, h, h, h, h].map(Self.csvField)
            text += fields.joined(separator: ",") + "\n"
        }
        let url = try TestSupport.writeTemporary(text, name: "hostile.csv")
        let report = try o.importFile(.facilities, at: url.path)
        #expect(report.imported == Self.hostile.count)
        for (i, h) in Self.hostile.enumerated() {
            let f = try #require(try o.store.facility(id: "\(h)#\(i)"), "facility \(i) not found by its hostile id")
            #expect(f.id == "\(h)#\(i)")
            #expect(f.name == h)
            #expect(f.address == h)
            #expect(f.contact == Contact(name: h, phone: h, email: h, bookingURL: h))
        }
        #expect(try snapshot(o)["integrity"] == "ok")
        #expect(try o.store.facilities().count == Self.hostile.count)
    }

    @Test("escaped NUL, ESC and quotes in GeoJSON properties round-trip unchanged")
    func metacharactersRoundTripGeoJSON() throws {
        let (o, _) = try freshStore("metajson")
        func json(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        }
        let features = Self.hostile.enumerated().map { i, h in
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[9.9,57.0]},"properties":{"id":\#(json("\(h)#\(i)")),"name":\#(json(h)),"kind":"library","address":\#(json(h))}}"#
        }
        let url = try TestSupport.writeTemporary(#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}",
                                                 name: "hostile.geojson")
        _ = try o.importFile(.facilities, at: url.path)
        for (i, h) in Self.hostile.enumerated() {
            let f = try #require(try o.store.facility(id: "\(h)#\(i)"))
            #expect(f.name == h && f.address == h)
        }
    }

    static let invalidUTF8Files: [(String, [UInt8])] = {
        let latin1: [UInt8] = Array("id,name,kind,lon,lat\nF1,Caf".utf8) + [0xE9] + Array(",school,9.9,57.0\n".utf8)
        let surrogate: [UInt8] = Array("id,name,kind,lon,lat\nF1,x".utf8) + [0xED, 0xA0, 0x80] + Array(",school,9.9,57.0\n".utf8)
        let head: [UInt8] = Array(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","name":"x"#.utf8)
        let tail: [UInt8] = Array(#"","kind":"school"},"geometry":{"type":"Point","coordinates":[9.9,57]}}]}"#.utf8)
        let overlong: [UInt8] = head + [0xC0, 0xAF] + tail
        return [("csv", latin1), ("csv", surrogate), ("geojson", overlong)]
    }()

    @Test("invalid UTF-8 is refused with the line, and nothing is written", arguments: invalidUTF8Files)
    func invalidUTF8(ext: String, bytes: [UInt8]) throws {
        let (o, _) = try freshStore("utf8")
        let before = try snapshot(o)
        let url = try TestSupport.temporaryDirectory("utf8").appendingPathComponent("bad.\(ext)")
        try Data(bytes).write(to: url)
        let error = try #require(throws: ImportError.self) { try o.importFile(.facilities, at: url.path) }
        #expect(String(describing: error).contains("UTF-8"), "\(error)")
        #expect(try snapshot(o) == before)
    }

    @Test("JSON nested 100 000 deep is refused with a nesting error, without a stack overflow")
    func deepNesting() throws {
        let depth = 100_000
        let deepArray = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let deepObject = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        for inner in [deepArray, deepObject] {
            let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x","deep":"# + inner
                + #"},"geometry":{"type":"Point","coordinates":[9.9,57.0]}}]}"#
            // The reader directly: a typed nesting error.
            let reader = GeoJSONReader(bytes: Array(text.utf8))
            let error = try #require(throws: GeoJSONError.self) { _ = try reader.readAll() }
            guard case .nestingTooDeep = error.kind else {
                Issue.record("expected nestingTooDeep, got \(error)")
                continue
            }
            // Through the importer: refused, nothing written.
            let (o, _) = try freshStore("deep")
            let url = try TestSupport.writeTemporary(text, name: "deep.geojson")
            let importError = try #require(throws: ImportError.self) { try o.importFile(.population, at: url.path) }
            #expect(String(describing: importError).contains("deep"), "\(importError)")
            #expect(try snapshot(o)["population"] == "0")
        }
        // A deep top-level value too (not inside a feature).
        let reader = GeoJSONReader(bytes: Array(deepArray.utf8))
        #expect(throws: GeoJSONError.self) { _ = try reader.readAll() }
    }

    @Test("non-finite, overflowing and out-of-range coordinates are refused; -0 is a valid coordinate", arguments: [
        ("NaN", "57.0", false), ("9.9", "nan", false), ("1e308", "57.0", false), ("9.9", "1e309", false),
        ("inf", "57.0", false), ("-1e308", "-1e308", false), ("9.9", "90.000001", false), ("-0", "57.0", true),
        ("9.9", "-0.0", true), ("-0", "-0", true),
    ])
    func extremeCoordinatesCSV(lon: String, lat: String, accepted: Bool) throws {
        let (o, _) = try freshStore("coords")
        let before = try snapshot(o)
        let url = try TestSupport.writeTemporary("id,name,kind,lon,lat\nF1,Hus,school,\(lon),\(lat)\n", name: "c.csv")
        if accepted {
            _ = try o.importFile(.facilities, at: url.path)
            let f = try #require(try o.store.facility(id: "F1"))
            #expect(f.location.lon == Double(lon) && f.location.lat == Double(lat))
        } else {
            let error = try #require(throws: ImportError.self) { try o.importFile(.facilities, at: url.path) }
            #expect(String(describing: error).contains("expected"), "\(error)")
            #expect(try snapshot(o) == before)
        }
    }

    @Test("GeoJSON coordinates 1e308, 1e999 and -0 are refused or stored exactly", arguments: [
        ("[1e308,57.0]", false), ("[9.9,1e999]", false), ("[-1e999,57]", false), ("[-0,57.0]", true), ("[9.9,-0.0]", true),
    ])
    func extremeCoordinatesGeoJSON(coordinates: String, accepted: Bool) throws {
        let (o, _) = try freshStore("coordsjson")
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"p1","properties":{"weight":3},"geometry":{"type":"Point","coordinates":"#
            + coordinates + "}}]}"
        let url = try TestSupport.writeTemporary(text, name: "p.geojson")
        if accepted {
            let report = try o.importFile(.population, at: url.path)
            #expect(report.imported == 1)
        } else {
            #expect(throws: ImportError.self) { try o.importFile(.population, at: url.path) }
            #expect(try snapshot(o)["population"] == "0")
        }
    }

    @Test("a CSV header with a million columns is refused quickly with a clear error")
    func millionColumnHeader() throws {
        let (o, _) = try freshStore("columns")
        let header = (0..<1_000_000).map { "c\($0)" }.joined(separator: ",")
        let url = try TestSupport.writeTemporary(header + "\n" + String(repeating: "1,", count: 10) + "1\n", name: "wide.csv")
        let error = try #require(throws: ImportError.self) { try o.importFile(.facilities, at: url.path) }
        #expect(String(describing: error).contains("columns"), "\(error)")
        #expect(try snapshot(o)["facilities"] == "0")
    }

    @Test("a data row with a million fields is refused with the expected and found counts")
    func millionFieldRow() throws {
        let (o, _) = try freshStore("fields")
        let row = String(repeating: "x,", count: 999_999) + "x"
        let url = try TestSupport.writeTemporary("id,name,kind,lon,lat\nF1,A,school,9.9,57\n" + row + "\n", name: "row.csv")
        let error = try #require(throws: ImportError.self) { try o.importFile(.facilities, at: url.path) }
        #expect(String(describing: error).contains("expected 5 fields"), "\(error)")
        #expect(try snapshot(o)["facilities"] == "0")
    }
}
