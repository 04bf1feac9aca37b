import Facilities
import Foundation
import GeoJSON
import GeoTypes
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// A small hand-made store: two districts (one drawn clockwise, one with a hole), three facilities
/// with rooms, accessibility, contact and availability, and one booking.
func smallExportStore(_ label: String) throws -> Overblik {
    let (o, _) = try freshOverblik(label)
    func c(_ lon: Double, _ lat: Double) -> Coordinate { Coordinate(lon: lon, lat: lat) }
    // Clockwise exterior (as Shapefiles draw them): the writer must rewind it.
    let west: MultiPolygonRings = [[[c(9.80, 57.00), c(9.80, 57.10), c(9.90, 57.10), c(9.90, 57.00), c(9.80, 57.00)]]]
    // Counter-clockwise exterior with a counter-clockwise hole: the hole must come out clockwise.
    let east: MultiPolygonRings = [[
        [c(9.90, 57.00), c(10.00, 57.00), c(10.00, 57.10), c(9.90, 57.10), c(9.90, 57.00)],
        [c(9.94, 57.04), c(9.96, 57.04), c(9.96, 57.06), c(9.94, 57.06), c(9.94, 57.04)],
    ]]
    let facilities = [
        Facility(id: "a-hall", name: "Vest Forsamlingshus", kind: .villageHall, location: c(9.85, 57.05),
                 address: "Byvej 1, 9240 Nibe", contact: Contact(name: "Anna", phone: "12345678", email: "anna@example.dk"),
                 accessibility: Accessibility(wheelchair: .yes, toiletsWheelchair: .yes, stepFree: .yes, hearingLoop: .no,
                                              godAdgang: ["mobility", "hearing"], checked: "2026-05-01"),
                 capacity: 80, openingHours: "Mo-Fr 17:00-22:00; Sa 09:00-16:00; PH off", districtCode: "W"),
        Facility(id: "b-school", name: "Øst Skole", kind: .school, location: c(9.97, 57.02), owner: .municipal,
                 contact: Contact(bookingURL: "https://booking.example.dk/b"),
                 accessibility: Accessibility(wheelchair: .limited), openingHours: "Mo-Th 18:00-21:00", districtCode: "E"),
        Facility(id: "c-club", name: "Klubhuset \"Ålen\"", kind: .clubhouse, location: c(9.95, 57.08),
                 capacity: 25, openingHours: nil, districtCode: "E"),
    ]
    let rooms = [
        Room(id: "b-gym", facilityID: "b-school", name: "Gymnastiksal", capacity: 60, equipment: ["sports_floor"],
             openingHours: "Mo-Th 18:00-21:00"),
        Room(id: "b-class", facilityID: "b-school", name: "Klasse 7A", capacity: 28, openingHours: "Mo-Fr 16:00-20:00"),
    ]
    try o.store.write {
        try o.store.insert(districts: [
            StoredDistrict(district: District(code: "W", name: "Vest Sogn", rural: true), rings: west, areaKm2: 67.4),
            StoredDistrict(district: District(code: "E", name: "Øst Sogn", rural: false), rings: east, areaKm2: 66.1),
        ], replace: false)
        try o.store.insert(facilities: facilities, replace: false)
        try o.store.insert(rooms: rooms, replace: false)
    }
    return o
}

/// Exports through the streaming API into memory.
func exportText(_ o: Overblik, layer: ExportLayer, format: GeoJSONWriter<MemoryByteSink>.Format = .featureCollection,
                options: ExportOptions, writerOptions: GeoJSONWriterOptions = GeoJSONWriterOptions()) throws -> String {
    let writer = GeoJSONWriter(sink: MemoryByteSink(), format: format, options: writerOptions)
    switch layer {
    case .facilities: try o.exportFacilities(to: writer, options: options)
    default: for f in try o.districtFeatures(options: options) { try writer.write(f) }
    }
    return try writer.finish().text
}

@Suite("GeoJSON export of facilities and districts")
struct ExportTests {
    static let now = try! LocalDateTime(parsing: "2026-12-01T17:30")

    @Test("small layers match their golden files", arguments: [
        ("export-facilities.geojson", ExportLayer.facilities, false, false),
        ("export-facilities-styled.geojsons", ExportLayer.facilities, true, true),
        ("export-districts.geojson", ExportLayer.districts, false, false),
        ("export-districts-styled.geojsons", ExportLayer.districts, true, true),
    ])
    func goldens(name: String, layer: ExportLayer, sequence: Bool, style: Bool) throws {
        let o = try smallExportStore("golden")
        let text = try exportText(o, layer: layer, format: sequence ? .textSequence : .featureCollection,
                                  options: ExportOptions(now: Self.now, style: style), writerOptions: GeoJSONWriterOptions(bbox: style))
        try Golden.expect(text, matches: "Tests/Golden/\(name)")
        var checker = RFC7946Checker()
        if sequence { checker.check(sequenceText: text) } else { checker.check(collectionText: text) }
        #expect(checker.problems.isEmpty, "\(checker.problems)")
    }

    @Test("the writer rewinds a clockwise exterior and a counter-clockwise hole, and the checker would catch it otherwise")
    func rewinding() throws {
        let o = try smallExportStore("wind")
        let text = try exportText(o, layer: .districts, options: ExportOptions(now: Self.now))
        var checker = RFC7946Checker()
        checker.check(collectionText: text)
        #expect(checker.problems.isEmpty, "\(checker.problems)")
        let raw = try exportText(o, layer: .districts, options: ExportOptions(now: Self.now),
                                 writerOptions: GeoJSONWriterOptions(normalize: false))
        var strict = RFC7946Checker()
        strict.check(collectionText: raw)
        #expect(strict.problems.contains { $0.contains("exterior ring is not counter-clockwise") })
        #expect(strict.problems.contains { $0.contains("hole is not clockwise") })
    }

    @Test("facility properties: rooms summary, accessibility, open now, next change and next free slot around a booking")
    func facilityProperties() throws {
        let o = try smallExportStore("props")
        // Tuesday 2026-12-01 17:30: the hall is open (17-22); book it 17:00-19:00 so the next free slot starts at 19:00.
        let booking = try LocalInterval(start: LocalDateTime(parsing: "2026-12-01T17:00"), end: LocalDateTime(parsing: "2026-12-01T19:00"))
        let builder = FacilityFeatureBuilder(options: ExportOptions(now: Self.now), calendar: .danish, bookings: ["a-hall": [booking]])
        let hall = try #require(try o.store.facility(id: "a-hall"))
        let f = builder.feature(hall, rooms: [], position: 0)
        #expect(f[property: "open_now"] == .bool(true))
        #expect(f[property: "next_change"] == .string("2026-12-01T22:00"))
        #expect(f[property: "next_free_start"] == .string("2026-12-01T19:00"))
        #expect(f[property: "next_free_end"] == .string("2026-12-01T22:00"))
        #expect(f[property: "god_adgang"] == .string("mobility|hearing"))
        #expect(f[property: "room_count"] == .integer(0))
        #expect(f.id == .string("a-hall"))
        let school = try #require(try o.store.facility(id: "b-school"))
        let rooms = try o.store.rooms().filter { $0.facilityID == "b-school" }
        let s = builder.feature(school, rooms: rooms, position: 4)
        #expect(s[property: "room_count"] == .integer(2))
        #expect(s[property: "max_capacity"] == .integer(60))
        #expect(s[property: "rooms"] == .string("Klasse 7A (28); Gymnastiksal (60)") || s[property: "rooms"] == .string("Gymnastiksal (60); Klasse 7A (28)"))
        // Klasse 7A is free 16-20 on weekdays: from now (17:30) to 20:00.
        #expect(s[property: "next_free_start"] == .string("2026-12-01T17:30"))
        #expect(s[property: "next_free_room"] == .string("Klasse 7A"))
        #expect(s[property: "open_now"] == .bool(false))
        for member in s.properties {
            switch member.value {
            case .array, .object: Issue.record("property \(member.key) is not primitive")
            default: break
            }
        }
    }

    @Test("id fields: natural key, 1-based index, none")
    func idFields() throws {
        let o = try smallExportStore("ids")
        var options = ExportOptions(now: Self.now, idField: .index)
        let indexed = try exportText(o, layer: .facilities, options: options)
        #expect(indexed.contains("\"id\":1,") && indexed.contains("\"id\":3,"))
        options.idField = ExportIDField.none
        let none = try exportText(o, layer: .districts, options: options)
        #expect(!none.contains("{\"type\":\"Feature\",\"id\""))
        options.idField = .property("name")
        let byName = try exportText(o, layer: .districts, options: options)
        #expect(byName.contains("\"id\":\"Vest Sogn\""))
    }

    @Test("filters select facilities and set the district counts")
    func filters() throws {
        let o = try smallExportStore("filter")
        var options = ExportOptions(now: Self.now)
        options.filter.wheelchair = .limited
        let text = try exportText(o, layer: .facilities, options: options)
        #expect(RFC7946Checker.featureCount(text) == 2)
        let districts = try o.districtFeatures(options: options)
        #expect(districts.map { $0[property: "facilities"] } == [.integer(1), .integer(1)])
        options.filter.kinds = [.villageHall]
        #expect(try o.districtFeatures(options: options).map { $0[property: "facilities"] } == [.integer(0), .integer(1)]
                || o.districtFeatures(options: options).map { $0[property: "facilities"] } == [.integer(1), .integer(0)])
    }

    @Test("a free-time condition keeps the facilities with a room free then", arguments: [
        ("2026-12-01T19:00", 120, ["a-hall", "b-school"]),   // hall 17-22, school gym 18-21
        ("2026-12-01T21:00", 60, ["a-hall"]),               // the gym closes at 21
        ("2026-12-05T10:00", 60, ["a-hall"]),               // Saturday: only the hall (Sa 09-16)
        ("2026-12-25T19:00", 60, ["b-school"]),             // Juledag (Friday): PH off at the hall; Klasse 7A has no PH rule
        ("2026-12-25T19:30", 60, []),                       // ... and closes at 20
    ])
    func freeTimeFilter(start: String, minutes: Int, expected: [String]) throws {
        let o = try smallExportStore("free")
        let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
        let time = TimeCondition.freeAt(start: try LocalDateTime(parsing: start), duration: ScheduleDuration(minutes: minutes))
        try o.exportFacilities(to: writer, options: ExportOptions(now: Self.now), time: time)
        let text = try writer.finish().text
        let ids = text.split(separator: "\u{1E}").compactMap { record in
            (try? JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids == expected)
    }

    @Test("facilities exported as GeoJSON and imported again equal the store's facilities")
    func roundTrip() throws {
        let (source, _) = try freshOverblik("rt-source")
        let districtOptions = ImportOptions(nameField: "name", codeField: "code", ruralField: "rural")
        _ = try source.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path, options: districtOptions)
        _ = try source.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try source.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        let file = try TestSupport.temporaryDirectory("rt").appendingPathComponent("facilities.geojson")
        let writer = GeoJSONWriter(sink: try FileByteSink(path: file.path))
        let count = try source.exportFacilities(to: writer, options: ExportOptions(now: Self.now))
        _ = try writer.finish()
        let original = try source.store.facilities()
        #expect(count == original.count && count >= 120)

        let (target, _) = try freshOverblik("rt-target")
        _ = try target.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path, options: districtOptions)
        let report = try target.importFile(.facilities, at: file.path)
        #expect(report.imported == original.count)
        let copied = try target.store.facilities()
        #expect(copied.count == original.count)
        for (a, b) in zip(original, copied) where a != b {
            Issue.record("facility \(a.id) differs after the round trip:\n\(a)\n\(b)")
        }
    }

    @Test("the sequence holds the same features as the collection, one RS-prefixed record each")
    func sequenceMatchesCollection() throws {
        let o = try smallExportStore("seq")
        let options = ExportOptions(now: Self.now)
        let collection = try exportText(o, layer: .facilities, options: options)
        let sequence = try exportText(o, layer: .facilities, format: .textSequence, options: options)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(collection.utf8)) as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        let records = sequence.split(separator: "\u{1E}").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == features.count)
        for (a, b) in zip(features, records) {
            #expect(NSDictionary(dictionary: a).isEqual(to: b ?? [:]))
        }
    }
}
