import Facilities
import Foundation
import Testing
import TestSupport
@testable import Overblik

/// A CSV header resolves every field name the mappers read to its column once; rows are then read
/// by column. These tests hold the names, aliases and problems to what reading by name gave.
@Suite("Column-indexed import records")
struct ColumnIndexedImportTests {
    @Test("every field key spells a distinct name in the normalised form a header is matched in")
    func keysAreDistinctAndNormalised() {
        let texts = FieldKey.allCases.map(\.text)
        #expect(Set(texts).count == texts.count)
        for text in texts { #expect(ImportRecord.normalise(text) == text) }
    }

    @Test("a key finds exactly what its name finds: repeated and upper-case columns, short rows, set and removed values, records without a header")
    func keyLookupEqualsNameLookup() {
        let names = RecordFields.Names(["ID", " Name ", "kind", "lon", "lat", "kind", "navn"].map(ImportRecord.normalise))
        var records = [
            RecordFields(names: names, values: ["F1", "Hal", "school", "9.9", "57.0", "library", "Hus"]),
            RecordFields(names: names, values: ["F2", "", "school"]),
            RecordFields(["Name": "Hal", "kind": "", "addr:street": "Vej", "lon": "9.9"]),
        ]
        var edited = records[0]
        edited[.name] = "Ny"
        edited["kind"] = nil
        edited[.owner] = "municipal"
        records.append(edited)
        for (i, fields) in records.enumerated() {
            for key in FieldKey.allCases {
                #expect(fields[key] == fields[key.text], "record \(i), \(key.text)")
            }
        }
        #expect(records[0][.kind] == "library", "of repeated names the last wins")
        #expect(records[3][.kind] == nil && records[3][.name] == "Ny" && records[3][.owner] == "municipal")
    }

    static let canonical: [(String, String)] = [
        ("id", "F1"), ("name", "Næsby Hal"), ("kind", "sports_hall"), ("lon", "9.91"), ("lat", "57.04"),
        ("owner", "municipal"), ("capacity", "120"), ("opening_hours", "Mo-Fr 08:00-22:00"),
        ("address", "Vej 1, 9000 Aalborg"), ("phone", "99887766"), ("email", "a@b.dk"), ("contact_name", "Ole"),
        ("booking_url", "https://x.dk"), ("wheelchair", "limited"), ("toilets_wheelchair", "yes"), ("step_free", "no"),
        ("ramp", "yes"), ("elevator", "unknown"), ("hearing_loop", "yes"), ("parking_accessible", "no"),
        ("god_adgang", "hørelse|rampe"), ("checked", "2024-05-01"), ("disability_suited", "yes"),
    ]

    /// The facility imported from one row of `columns`.
    func importOne(_ columns: [(String, String)], options: ImportOptions = ImportOptions()) throws -> Facility? {
        let (o, _) = try freshOverblik("columns")
        let quote = { (s: String) in s.contains(",") ? "\"\(s)\"" : s }
        let text = columns.map { quote($0.0) }.joined(separator: ",") + "\r\n" + columns.map { quote($0.1) }.joined(separator: ",") + "\r\n"
        let url = try TestSupport.writeTemporary(text, name: "columns.csv")
        _ = try o.importFile(.facilities, at: url.path, options: options)
        return try o.store.facility(id: "F1")
    }

    @Test("each alias of a column gives the facility its canonical name gives", arguments: [
        ("name", "navn"), ("kind", "kategori"), ("kind", "type"), ("owner", "ejer"), ("owner", "owner_class"),
        ("lon", "lng"), ("lon", "longitude"), ("lon", "x"), ("lat", "latitude"), ("lat", "y"), ("capacity", "kapacitet"),
        ("opening_hours", "availability"), ("address", "adresse"), ("phone", "telefon"), ("phone", "contact:phone"),
        ("email", "contact:email"), ("contact_name", "contact:name"), ("contact_name", "operator"),
        ("booking_url", "website"), ("booking_url", "url"), ("booking_url", "contact:website"),
        ("toilets_wheelchair", "toilets:wheelchair"), ("ramp", "ramp:wheelchair"), ("hearing_loop", "audio_loop"),
        ("parking_accessible", "capacity:disabled"), ("checked", "check_date"), ("checked", "check_date:wheelchair"),
        ("id", "fid"), ("id", "ID"), ("name", " Name "),
    ])
    func aliases(canonicalName: String, alias: String) throws {
        let expected = try #require(try importOne(Self.canonical))
        let renamed = Self.canonical.map { $0.0 == canonicalName ? (alias, $0.1) : $0 }
        #expect(try importOne(renamed) == expected)
    }

    @Test("a step count stands for step_free: 0 is step-free, more is not")
    func stepCounts() throws {
        for (count, stepFree) in [("0", TriState.yes), ("2", .no)] {
            let columns = Self.canonical.filter { $0.0 != "step_free" } + [("entrance:step_count", count)]
            #expect(try importOne(columns)?.accessibility.stepFree == stepFree)
        }
    }

    @Test("a decimal comma in quoted coordinates is read as a point")
    func decimalComma() throws {
        let columns = Self.canonical.map { $0.0 == "lon" ? ("lon", "9,91") : $0.0 == "lat" ? ("lat", "57,04") : $0 }
        let f = try #require(try importOne(columns))
        #expect(f.location.lon == 9.91 && f.location.lat == 57.04)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        /// The canonical column, the name the file gives it, its bad value.
        var column: String, alias: String, value: String
        /// The field the problem names and a part of what it expects.
        var field: String, message: String
        var description: String { "\(alias)=\(value)" }
    }

    static let badCases = [
        BadCase(column: "kind", alias: "kategori", value: "castle", field: "kategori", message: "expected one of"),
        BadCase(column: "owner", alias: "ejer", value: "somebody", field: "ejer", message: "municipal"),
        BadCase(column: "capacity", alias: "kapacitet", value: "many", field: "kapacitet", message: "whole number"),
        BadCase(column: "opening_hours", alias: "availability", value: "Xy 10:00-12:00", field: "availability", message: "opening_hours"),
        BadCase(column: "toilets_wheelchair", alias: "toilets:wheelchair", value: "maybe", field: "toilets:wheelchair", message: "yes, no"),
        BadCase(column: "step_free", alias: "entrance_steps", value: "-1", field: "entrance_steps", message: "step count"),
        BadCase(column: "step_free", alias: "step_free", value: "2", field: "step_free", message: "yes, no"),
        BadCase(column: "ramp", alias: "ramp:wheelchair", value: "perhaps", field: "ramp:wheelchair", message: "yes, no"),
        BadCase(column: "checked", alias: "check_date", value: "01-05-2024", field: "check_date", message: "ISO date"),
        BadCase(column: "lon", alias: "longitude", value: "east", field: "longitude", message: "finite decimal"),
        BadCase(column: "lat", alias: "latitude", value: "", field: "latitude", message: "field is empty"),
        BadCase(column: "name", alias: "navn", value: " ", field: "name", message: "non-empty"),
        BadCase(column: "wheelchair", alias: "wheelchair", value: "sometimes", field: "wheelchair", message: "limited"),
        BadCase(column: "hearing_loop", alias: "audio_loop", value: "loud", field: "audio_loop", message: "yes, no"),
        BadCase(column: "disability_suited", alias: "disability_suited", value: "ok", field: "disability_suited", message: "yes, no"),
    ]

    @Test("a bad value under an alias is refused naming the field, the line and what was expected", arguments: badCases)
    func badAliasedValues(_ c: BadCase) throws {
        let columns = Self.canonical.map { $0.0 == c.column ? (c.alias, c.value) : $0 }
        do {
            _ = try importOne(columns)
            Issue.record("expected \(c) to be refused")
        } catch let error as ImportError {
            let problem = try #require(error.problems.first)
            #expect(error.problems.count == 1, "\(error)")
            #expect(problem.position.line == 2)
            #expect(problem.field == c.field, "\(error)")
            #expect(problem.description.contains(c.message), "\(error)")
        }
    }
}
