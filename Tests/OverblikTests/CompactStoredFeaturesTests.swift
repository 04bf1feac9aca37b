import Facilities
import Foundation
import GeoJSON
import GeoTypes
import Store
import Testing
import TestSupport
@testable import Overblik

/// The compact stored features (encoding 2, ``StoredMembers``): values without keys, rendered with
/// the keys of one table into the bytes the rows give, for every way of reading them; features of
/// encoding 1 are encoded again, never read; a body that is not of this encoding is an error.
@Suite("Compact stored facility features")
struct CompactStoredFeaturesTests {
    /// A body written by encoding 1 (layout 1: three runs of rendered members), as the release of
    /// 7 December 2026 stored it for facility `f0` of the 1M benchmark file.
    static let versionOneBody = """
        010201050E04000069E388B5F8FC2340DDD26A48DC7F4C40020000000000000011000000650000001901000043000000
        110000000C00000066304D6F2D53752030383A30302D32333A3030226964223A226630222C226E616D65223A22466163
        696C6974792030222C226B696E64223A2273706F7274735F68616C6C222C226F776E6572223A226D756E69636970616C
        222C2261646472657373223A2256656A203020393030302041616C626F726722226361706163697479223A3133322C22
        6469736162696C6974795F737569746564223A66616C73652C22726F6F6D5F636F756E74223A302C226D61785F636170
        6163697479223A3133322C22726F6F6D73223A6E756C6C2C22776865656C6368616972223A226E6F222C22746F696C65
        74735F776865656C6368616972223A22756E6B6E6F776E222C22737465705F66726565223A22796573222C2272616D70
        223A22756E6B6E6F776E222C22656C657661746F72223A22756E6B6E6F776E222C2268656172696E675F6C6F6F70223A
        22756E6B6E6F776E222C227061726B696E675F61636365737369626C65223A22756E6B6E6F776E222C22676F645F6164
        67616E67223A6E756C6C2C22636865636B6564223A6E756C6C22636F6E746163745F6E616D65223A6E756C6C2C227068
        6F6E65223A223939333130222C22656D61696C223A6E756C6C2C22626F6F6B696E675F75726C223A6E756C6C
        """

    /// The export from the stored features (on the calling thread, two readers, one reader) equals
    /// the facility-by-facility reference, for several option combinations.
    static func expectSameBytes(_ o: Overblik, _ note: String) throws {
        #expect(try o.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version), "\(note): the stored features are read")
        for style in [false, true] {
            for idField: ExportIDField? in [nil, .index] {
                for (precision, bbox, sequence) in [(6, false, false), (0, true, true)] {
                    let options = ExportOptions(now: ExportRowsTests.now, idField: idField, style: style)
                    let writerOptions = GeoJSONWriterOptions(precision: precision, bbox: bbox)
                    let expected = try ExportRowsTests.reference(o, options, writerOptions, sequence: sequence)
                    for (name, plan) in ExportRowsTests.plans where plan.storedFeatures {
                        let got = try ExportRowsTests.rows(o, options, writerOptions, sequence: sequence, plan: plan)
                        #expect(got == expected, "\(note): \(name), style \(style), id \(String(describing: idField)), bbox \(bbox)")
                    }
                }
            }
        }
    }

    @Test("the sample with districts and rooms exports the same bytes from the stored features as from the rows")
    func sample() throws {
        let (o, _) = try freshOverblik("compact-sample")
        _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try o.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        #expect(try o.store.database.scalar("SELECT count(*) FROM rooms")?.int ?? 0 > 0)
        try Self.expectSameBytes(o, "the sample")
    }

    @Test("a stored feature holds its members' values without their keys")
    func noKeys() throws {
        let o = try ExportRowsTests.store("compact-keys", seed: 31, count: 40, rooms: true, nastyIDs: false)
        let bodies = try o.store.database.query("SELECT body FROM facility_features")
        #expect(bodies.count == 40)
        for key in ["\"name\":", "\"capacity\":", "\"wheelchair\":", "\"booking_url\":", "\"unknown\""] {
            #expect(try o.store.database.scalar("SELECT count(*) FROM facility_features WHERE instr(body, CAST(? AS BLOB)) > 0",
                                                [.text(key)])?.int == 0, "a body holds \(key)")
        }
    }

    /// Text beyond the one-byte lengths, with every escape, and the empty string.
    static func long(_ seed: Int) -> String {
        let pieces = ["æøå \"citat\" ", "back\\slash ", "tab\t", "nul\u{0}", "\u{1F}", "emoji 😀 ", "A\u{030A} ", "plain text "]
        return (0..<(40 + seed % 13)).map { pieces[($0 * 7 + seed) % pieces.count] }.joined()
    }

    @Test("long, escaped, empty and NULL values and long room lists come back byte for byte", arguments: [UInt64(41), 42, 43])
    func awkwardValues(seed: UInt64) throws {
        let (o, _) = try freshOverblik("compact-awkward-\(seed)")
        var g = SeededGenerator(seed: seed)
        var facilities: [Facility] = []
        var rooms: [Room] = []
        for i in 0..<60 {
            let r = Int(g.next() % 1000)
            let text: String? = [nil, "", Self.long(r), "kort \"x\"", String(repeating: "a", count: 190 + r % 3)][i % 5]
            var f = Facility(id: "c\(i)", name: i % 4 == 0 ? "" : (text ?? "Hal \(i)"),
                             kind: FacilityKind.allCases[i % FacilityKind.allCases.count],
                             location: Coordinate(lon: 9 + Double(r) / 1e4, lat: 57 + Double(i) / 1e3), address: text,
                             owner: OwnerClass.allCases[i % OwnerClass.allCases.count],
                             contact: Contact(name: text, phone: i % 3 == 0 ? nil : "\(r)", email: text, bookingURL: text),
                             capacity: [nil, 0, 1, Int(Int32.max), Int(Int64.max)][i % 5],
                             openingHours: i % 3 == 0 ? nil : "Mo-Su 08:00-23:00", disabilitySuited: i % 2 == 0)
            f.accessibility = Accessibility(wheelchair: WheelchairAccess.allCases[i % WheelchairAccess.allCases.count],
                                            toiletsWheelchair: TriState.allCases[i % 3], stepFree: TriState.allCases[(i + 1) % 3],
                                            ramp: .unknown, elevator: .yes, hearingLoop: .no, parkingAccessible: TriState.allCases[(i + 2) % 3],
                                            godAdgang: i % 2 == 0 ? [] : [Self.long(r), "", "x|y"], checked: text)
            facilities.append(f)
            if i % 3 == 1 {
                for k in 0..<(1 + i % 4) {
                    rooms.append(Room(id: "c\(i)/\(k)", facilityID: f.id, name: k == 0 ? Self.long(r + k) : "",
                                      capacity: k % 2 == 0 ? nil : 10 * k, openingHours: k == 1 ? nil : "Mo-Fr 08:00-16:00"))
                }
            }
        }
        try o.store.write {
            try o.store.insert(facilities: facilities, replace: false)
            try o.store.insert(rooms: rooms, replace: false)
        }
        // Text columns holding what no Facility holds: unknown enum texts, numbers, blobs, invalid UTF-8.
        try o.store.write {
            try o.store.database.execute("UPDATE facilities SET kind = 'Sports_hall', owner = '', wheelchair = 'Yes' WHERE id = 'c1'")
            try o.store.database.execute("UPDATE facilities SET name = CAST(X'4861C3' AS TEXT), email = 12345, phone = X'41225C' WHERE id = 'c2'")
            try o.store.database.execute("UPDATE facilities SET address = CAST(X'C0AF2022' AS TEXT), checked = 1.5 WHERE id = 'c3'")
        }
        try Self.expectSameBytes(o, "seed \(seed)")
    }

    @Test("features stored by encoding 1 are never read, and a facade opening the file encodes them again and exports the reference bytes")
    func versionOne() throws {
        let o = try ExportRowsTests.store("compact-v1", seed: 32, count: 80, rooms: true, nastyIDs: false)
        let path = o.databasePath
        let options = ExportOptions(now: ExportRowsTests.now)
        let expected = try ExportRowsTests.reference(o, options, GeoJSONWriterOptions(), sequence: false)
        let body = Self.versionOneBody.filter { !$0.isWhitespace }
        // As a store of the release before looks: every body of layout 1, the meta naming encoding 1.
        let other = try Database(path: path)
        try other.execute("UPDATE facility_features SET body = X'\(body)'")
        try other.execute("UPDATE overblik_meta SET value = '1' WHERE key = 'facility_features_version'")
        #expect(try o.store.database.scalar("SELECT count(*) FROM facility_features WHERE substr(body, 1, 1) = X'01'")?.int == 80)
        #expect(try !o.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version))
        for (name, plan) in ExportRowsTests.plans where plan.storedFeatures {
            // Read, they would fail (layout 1 is not a body of this build): the rows are exported.
            #expect(try ExportRowsTests.rows(o, options, GeoJSONWriterOptions(), sequence: false, plan: plan) == expected,
                    "\(name): with features of encoding 1")
        }
        let reopened = try Overblik(databasePath: path)
        #expect(try reopened.store.meta("facility_features_version") == FacilityFeatureEncoder.version)
        #expect(try reopened.store.database.scalar("SELECT count(*) FROM facility_features WHERE substr(body, 1, 1) = X'02'")?.int == 80)
        try Self.expectSameBytes(reopened, "after encoding features of encoding 1 again")
        #expect(try ExportRowsTests.rows(reopened, options, GeoJSONWriterOptions(), sequence: false,
                                         plan: FacilityExportPlan(threadsFrom: .max)) == expected)
    }

    /// Ways of spoiling the parts of the first stored feature: the bytes that replace them.
    static let spoiled: [(String, @Sendable ([UInt8]) -> [UInt8])] = [
        ("cut short by one byte", { Array($0.dropLast()) }),
        ("with a byte too many", { $0 + [0] }),
        ("naming a choice that does not exist", { _ in [UInt8](repeating: 0xFC, count: StoredMembers.keys.count) }),
        ("with a length past the end", { _ in [0xFD, 0xFF, 0xFF, 0xFF, 0x7F] }),
        ("empty", { _ in [] }),
    ]

    @Test("a stored feature whose parts are not of this encoding gives a clear error naming the file", arguments: 0..<5)
    func spoiledParts(index: Int) throws {
        let (what, spoil) = Self.spoiled[index]
        let o = try ExportRowsTests.store("compact-spoiled-\(index)", seed: 33, count: 10, rooms: false, nastyIDs: false)
        let row = try #require(try o.store.database.query("SELECT id, body FROM facility_features ORDER BY id LIMIT 1").first)
        guard case let .blob(raw) = row[1] else { Issue.record("a body is not a blob"); return }
        let partsCount = raw.withUnsafeBytes { FacilityFeatureBody($0)?.parts.count } ?? -1
        #expect(partsCount > 0)
        let head = Array(raw.prefix(raw.count - partsCount)), parts = Array(raw.suffix(partsCount))
        let spoiledBody = head + spoil(parts)
        try Database(path: o.databasePath).run("UPDATE facility_features SET body = ? WHERE id = ?", [.blob(spoiledBody), row[0]])
        for (name, plan) in ExportRowsTests.plans where plan.storedFeatures {
            let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
            #expect("\(what), \(name)") {
                _ = try o.exportFacilityRows(to: writer, options: ExportOptions(now: ExportRowsTests.now), plan: plan)
            } throws: { error in
                guard case let .corruptFeature(path, _)? = error as? StoreError else { return false }
                return path == o.databasePath && "\(error)".contains("facility_features_version")
            }
        }
    }
}
