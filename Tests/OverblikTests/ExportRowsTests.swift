import Facilities
import Foundation
import GeoJSON
import GeoTypes
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// Seeded random stores full of awkward values, exported through the row-encoding path (on the
/// calling thread, with two range readers, with one reader) and through the facility-by-facility
/// reference path: the bytes must be identical for every option combination.
@Suite("Facilities export from raw rows equals the facility-by-facility export")
struct ExportRowsTests {
    static let now = try! LocalDateTime(parsing: "2026-12-01T17:30")

    /// Text that stresses escaping and decoding: quotes, backslashes, control characters, Danish
    /// letters, emoji, combining marks, canonical equivalents of ASCII, empty strings.
    static let nasty = [
        "", " ", "Næsby Forsamlingshus", "Øster Hassing \"Hallen\"", "back\\slash", "tab\there", "line\nbreak\r\n",
        "\u{0}nul", "\u{1F}\u{7F}", "emoji 😀🏠", "A\u{030A}lborg", "Ålborg", "\u{212A}elvin", "semi\u{037E}colon",
        "0123456\"", "01234567\\", "long text that runs past eight bytes more than once, with æøå ÆØÅ at the end",
        "</script>", "\u{2028}\u{2029}", "x|\u{0301}y",
    ]
    static let hours = [
        "Mo-Fr 17:00-22:00; Sa 09:00-16:00; PH off", "Mo-Th 18:00-21:00", "Mo-Su 08:00-23:00", "24/7",
        "Tu,Th 19:00-21:30; Sa 10:00-16:00; PH off", "not opening hours", "", "Mo-Fr 16:00-20:00; SH off",
    ]
    static let coordinates: [Double] = [0, -0.0, 1e-7, -1e-7, 0.0000005, -0.0000005, 179.9999995, -180, 180, 90, -90,
                                        57.048812345678, 9.921712345678, 1.5e-10, 123.456789012345678]

    /// A store with `count` facilities (ids ASCII or `nastyIDs`), rooms for some, districts with
    /// awkward names, bookings on listed and implicit rooms, and a few values no `Facility` can hold
    /// (invalid UTF-8, blobs and numbers in text columns).
    static func store(_ label: String, seed: UInt64, count: Int, rooms: Bool, nastyIDs: Bool) throws -> Overblik {
        let (o, _) = try freshOverblik(label)
        var g = SeededGenerator(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(g.next() % UInt64(a.count))] }
        func maybe<T>(_ v: @autoclosure () -> T) -> T? { g.next() % 3 == 0 ? nil : v() }
        let districts = (0..<5).map { i in
            StoredDistrict(district: District(code: i == 4 ? "Kø\"d" : "D\(i)", name: pick(nasty),
                                              rural: [true, false, nil][i % 3]),
                           rings: [[[Coordinate(lon: 9, lat: 57), Coordinate(lon: 9.1, lat: 57), Coordinate(lon: 9.1, lat: 57.1),
                                     Coordinate(lon: 9, lat: 57)]]], areaKm2: 10)
        }
        var facilities: [Facility] = []
        var ids = Set<String>()
        while facilities.count < count {
            let id = nastyIDs && g.next() % 4 == 0 ? pick(nasty) + String(facilities.count % 7) : "f\(g.next() % 100_000)"
            guard ids.insert(id).inserted else { continue }
            let kinds = FacilityKind.allCases, owners = OwnerClass.allCases
            let godAdgang = [[], ["mobility", "hearing"], ["", "x"], [pick(nasty)], ["a", "", "b"]][Int(g.next() % 5)]
            facilities.append(Facility(
                id: id, name: pick(nasty), kind: pick(kinds),
                location: Coordinate(lon: g.next() % 5 == 0 ? pick(coordinates) : 9 + Double(g.next() % 1_000_000) / 1e6,
                                     lat: g.next() % 5 == 0 ? min(90, max(-90, pick(coordinates))) : 57 + Double(g.next() % 1_000_000) / 1e6),
                address: maybe(pick(nasty)), owner: pick(owners),
                contact: Contact(name: maybe(pick(nasty)), phone: maybe("99\(g.next() % 1000)"), email: maybe(pick(nasty)),
                                 bookingURL: maybe("https://example.dk/?q=\"\(g.next() % 9)\"&x=\\")),
                accessibility: Accessibility(wheelchair: pick(WheelchairAccess.allCases), toiletsWheelchair: pick(TriState.allCases),
                                             stepFree: pick(TriState.allCases), ramp: pick(TriState.allCases),
                                             elevator: pick(TriState.allCases), hearingLoop: pick(TriState.allCases),
                                             parkingAccessible: pick(TriState.allCases), godAdgang: godAdgang,
                                             checked: maybe("2026-0\(1 + g.next() % 9)-01")),
                capacity: g.next() % 4 == 0 ? nil : [0, 1, 25, 80, 1_000_000][Int(g.next() % 5)],
                openingHours: maybe(pick(hours)), disabilitySuited: g.next() % 2 == 0,
                districtCode: g.next() % 6 == 0 ? nil : (g.next() % 7 == 0 ? "nowhere" : districts[Int(g.next() % 5)].district.code)))
        }
        var roomList: [Room] = []
        if rooms {
            for f in facilities where g.next() % 3 == 0 {
                for r in 0..<Int(1 + g.next() % 3) {
                    roomList.append(Room(id: "\(f.id)/r\(r)", facilityID: f.id, name: pick(nasty),
                                         capacity: g.next() % 3 == 0 ? nil : Int(g.next() % 300), openingHours: maybe(pick(hours))))
                }
            }
        }
        try o.store.write {
            try o.store.insert(districts: districts, replace: false)
            try o.store.insert(facilities: facilities, replace: false)
            try o.store.insert(rooms: roomList, replace: false)
            // Bookings on implicit rooms (facility ids) and listed rooms, around now.
            let start = CopenhagenTime.instant(of: now).secondsSince1970 - 1800
            for (i, roomID) in (facilities.map(\.id).prefix(40) + roomList.map(\.id).prefix(20)).enumerated() where i % 2 == 0 {
                try o.store.database.run("""
                    INSERT INTO bookings (room_id, start_local, end_local, start_utc, end_utc, holder, created_utc)
                    VALUES (?, '', '', ?, ?, 'x', 0)
                    """, [.text(roomID), .integer(start + Int64(i) * 600), .integer(start + Int64(i) * 600 + 7200)])
            }
            // Values no Facility can hold: invalid UTF-8 in text columns, a blob, a number as text.
            // (Only facilities without rooms, so that changing an id breaks no reference; an id turns
            // non-ASCII only in the stores with awkward ids.)
            let withRooms = Set(roomList.map(\.facilityID))
            let targets = facilities.map(\.id).filter { !withRooms.contains($0) }.shuffled(using: &g).prefix(12)
            var updates = [
                "name = CAST(X'4861C3' AS TEXT)", "address = CAST(X'C0AF2022' AS TEXT)", "opening_hours = CAST(X'4D6FED' AS TEXT)",
                "district_code = CAST(X'44FF' AS TEXT)", "kind = CAST(X'7363686F6F6CFF' AS TEXT)", "god_adgang = CAST(X'617C80' AS TEXT)",
                "phone = X'41425C22'", "email = 12345", "wheelchair = 'Yes'", "id = CAST(X'66E29C' AS TEXT)",
                "contact_name = CAST(X'EDA080' AS TEXT)", "checked = CAST(X'F4908080' AS TEXT)",
            ]
            if !nastyIDs { updates.removeAll { $0.hasPrefix("id =") } }
            for (id, update) in zip(targets, updates) {
                try o.store.database.run("UPDATE facilities SET \(update) WHERE id = ?", [.text(id)])
            }
        }
        return o
    }

    static func reference(_ o: Overblik, _ options: ExportOptions, _ writerOptions: GeoJSONWriterOptions, sequence: Bool) throws -> [UInt8] {
        let writer = GeoJSONWriter(sink: MemoryByteSink(), format: sequence ? .textSequence : .featureCollection, options: writerOptions)
        _ = try o.exportFacilitiesOneByOne(to: writer, options: options)
        return try writer.finish().bytes
    }

    static func rows(_ o: Overblik, _ options: ExportOptions, _ writerOptions: GeoJSONWriterOptions, sequence: Bool,
                     plan: FacilityExportPlan) throws -> [UInt8] {
        let writer = GeoJSONWriter(sink: MemoryByteSink(), format: sequence ? .textSequence : .featureCollection, options: writerOptions)
        _ = try o.exportFacilityRows(to: writer, options: options, plan: plan)
        return try writer.finish().bytes
    }

    /// Each way of reading, from the stored features and from the rows.
    static let plans: [(String, FacilityExportPlan)] = [
        ("calling thread", FacilityExportPlan(threadsFrom: .max)),
        ("two readers, chunks of 7", FacilityExportPlan(rowsPerChunk: 7, aheadLimit: 2, readers: 2, threadsFrom: 1)),
        ("one reader, chunks of 5", FacilityExportPlan(rowsPerChunk: 5, aheadLimit: 1, readers: 1, threadsFrom: 1)),
        ("calling thread, rows", FacilityExportPlan(threadsFrom: .max, storedFeatures: false)),
        ("two readers, chunks of 7, rows", FacilityExportPlan(rowsPerChunk: 7, aheadLimit: 2, readers: 2, threadsFrom: 1, storedFeatures: false)),
        ("one reader, chunks of 5, rows", FacilityExportPlan(rowsPerChunk: 5, aheadLimit: 1, readers: 1, threadsFrom: 1, storedFeatures: false)),
    ]

    @Test("every option combination gives the reference bytes", arguments: [
        (UInt64(1), true, false), (UInt64(2), true, true), (UInt64(3), false, true), (UInt64(4), false, false),
    ])
    func identical(seed: UInt64, rooms: Bool, nastyIDs: Bool) throws {
        let o = try Self.store("rows-\(seed)", seed: seed, count: 300, rooms: rooms, nastyIDs: nastyIDs)
        #expect(try o.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version) == !nastyIDs,
                "the facade's write encoded the stored features, and they are read when every id is ASCII")
        let ranged = try o.store.facilityRangesJoinExactly()
        #expect(ranged == !(rooms && nastyIDs), "ranges join rooms exactly unless rooms meet non-ASCII ids")
        var compared = 0
        for precision in [0, 6, 15] {
            for style in [false, true] {
                for idField: ExportIDField? in [nil, .index, ExportIDField.none, .property("id")] {
                    for bbox in [false, true] {
                        for sequence in [false, true] {
                            let options = ExportOptions(now: Self.now, idField: idField, style: style)
                            let writerOptions = GeoJSONWriterOptions(precision: precision, bbox: bbox)
                            let expected = try Self.reference(o, options, writerOptions, sequence: sequence)
                            for (name, plan) in Self.plans {
                                let got = try Self.rows(o, options, writerOptions, sequence: sequence, plan: plan)
                                compared += 1
                                if got != expected {
                                    let at = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, expected.count)
                                    let context = String(decoding: expected[max(0, at - 80)..<min(expected.count, at + 40)], as: UTF8.self)
                                    Issue.record("""
                                        \(name), precision \(precision), style \(style), id \(String(describing: idField)), bbox \(bbox), \
                                        sequence \(sequence): first difference at byte \(at) of \(expected.count) (got \(got.count)) near: \(context)
                                        """)
                                    return
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(compared == 3 * 2 * 4 * 2 * 2 * Self.plans.count)
    }

    @Test("the public entry point takes the row path without filters and gives valid RFC 7946 output")
    func entryPoint() throws {
        let o = try Self.store("rows-entry", seed: 9, count: 120, rooms: true, nastyIDs: false)
        let options = ExportOptions(now: Self.now)
        #expect(Overblik.exportsRows(options, time: nil))
        var filtered = options
        filtered.filter.kinds = [.school]
        #expect(!Overblik.exportsRows(filtered, time: nil))
        #expect(!Overblik.exportsRows(ExportOptions(now: Self.now, idField: .property("name")), time: nil))
        for sequence in [false, true] {
            let writer = GeoJSONWriter(sink: MemoryByteSink(), format: sequence ? .textSequence : .featureCollection)
            let count = try o.exportFacilities(to: writer, options: options)
            let bytes = try writer.finish().bytes
            #expect(count == 120)
            #expect(bytes == (try Self.reference(o, options, GeoJSONWriterOptions(), sequence: sequence)))
            // Every record parses as JSON (invalid UTF-8 in the store came out repaired).
            let text = String(decoding: bytes, as: UTF8.self)
            if sequence {
                let records = text.split(separator: "\u{1E}")
                #expect(records.count == 120)
                for r in records { #expect((try? JSONSerialization.jsonObject(with: Data(r.utf8))) != nil) }
            } else {
                let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
                #expect((object?["features"] as? [Any])?.count == 120)
            }
        }
    }
}
