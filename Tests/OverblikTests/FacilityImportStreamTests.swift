import Facilities
import Foundation
import GeoTypes
@testable import Store
import Testing
import TestSupport
@testable import Overblik

/// A bulk facility import into an empty layer makes the stored features and the proximity index
/// from the rows as it writes them (``FacilityImportStream``); what it stores must be exactly what
/// the walks over the table make, for every kind of value and id.
@Suite("Facility features and proximity index made while streaming")
struct FacilityImportStreamTests {
    /// A set of facilities and what about them the walks could treat differently.
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var facilities: [Facility]
        /// Whether the ids come nearly in order, so that every feature is written as the rows stream
        /// (else the rows after the first few go to the walk before the commit).
        var inOrder = true
        var testDescription: String { label }
    }

    /// `n` facilities with every optional value present and absent, ids from `id`, in file order.
    static func facilities(_ n: Int, id: (Int) -> String) -> [Facility] {
        (0..<n).map { i in
            let access = Accessibility(wheelchair: [.yes, .limited, .no, .unknown][i % 4], toiletsWheelchair: [.yes, .no, .unknown][i % 3],
                                       stepFree: [.yes, .unknown][i % 2], ramp: [.no, .yes][i % 2], elevator: .unknown,
                                       hearingLoop: [.unknown, .yes, .no][i % 3], parkingAccessible: [.yes, .unknown][i % 2],
                                       godAdgang: i % 5 == 0 ? ["bevægelse", "syn"] : [], checked: i % 7 == 0 ? "2024-05-01" : nil)
            return Facility(id: id(i), name: i % 11 == 0 ? "Hal \"Nord\" æøå \u{0}x" : "Facility \(i)",
                            kind: FacilityKind.allCases[i % FacilityKind.allCases.count],
                            location: Coordinate(lon: 8.1 + Double((i * 7_919) % 70_000) / 10_000, lat: 54.6 + Double((i * 104_729) % 33_000) / 10_000),
                            address: [nil, "", "Vej \(i)"][i % 3], owner: OwnerClass.allCases[i % OwnerClass.allCases.count],
                            contact: Contact(name: i % 2 == 0 ? "K \(i)" : nil, phone: i % 3 == 0 ? nil : "9\(i)", email: i % 4 == 0 ? "a@b.dk" : nil,
                                             bookingURL: i % 6 == 0 ? "https://x.dk/\(i)" : nil),
                            accessibility: access, capacity: i % 4 == 0 ? nil : i % 300, openingHours: [nil, "Mo-Fr 16:00-22:00", ""][i % 3],
                            disabilitySuited: i % 9 == 0, districtCode: i % 8 == 0 ? nil : "0\(i % 5 + 1)")
        }
    }

    static let cases: [Case] = [
        Case(label: "numbered ASCII ids in file order", facilities: facilities(3_000) { "N\($0)" }),
        Case(label: "ASCII ids out of order", facilities: facilities(3_000) { "K\(($0 * 7_919) % 3_000)" }, inOrder: false),
        Case(label: "non-ASCII ids, one precomposed and one decomposed (Swift and SQLite order them differently)",
             facilities: facilities(300) { $0 == 7 ? "caf\u{E9}" : $0 == 8 ? "cafe\u{301}" : "Ø\(299 - $0)" }, inOrder: false),
        Case(label: "points on the zero meridian, -0.0 and 0.0", facilities: facilities(200) { "z\($0)" }.enumerated().map { i, f in
            var f = f
            if i % 2 == 0 { f.location = Coordinate(lon: i % 4 == 0 ? -0.0 : 0.0, lat: 55) }
            return f
        }),
    ]

    /// The stored features, the proximity index and the features' bookkeeping.
    static func derived(_ o: Overblik) throws -> [[SQLValue]] {
        var out: [[SQLValue]] = []
        for query in ["SELECT id, body FROM facility_features ORDER BY id", "SELECT part, version, body FROM proximity_index ORDER BY part",
                      "SELECT key, value FROM overblik_meta WHERE key LIKE 'facility_features%' ORDER BY key",
                      "SELECT id FROM facility_features_stale"] {
            out += try o.store.database.query(query).map(\.values)
        }
        return out
    }

    @Test("into an empty layer the writer stores features and index as it goes (features while ids come in order), exactly those the walks make",
          arguments: cases, [1, 700])
    func sameAsWalks(_ c: Case, chunk: Int) throws {
        let (o, _) = try freshOverblik("stream-derived")
        try o.store.write {
            let writer = try o.store.facilityWriter(replace: false, expectedRows: Int.max)
            if chunk == 1 {
                for f in c.facilities { #expect(try writer.add(f) == .inserted) }
            } else {
                // In chunks, with an id of the first chunk repeated (never written twice) in the middle of the second.
                var rows = c.facilities, repeated = c.facilities[3]
                repeated.name = "a repeat"
                rows.insert(repeated, at: min(rows.count, chunk + chunk / 2))
                var outcomes: [PointRowOutcome] = []
                for start in stride(from: 0, to: rows.count, by: chunk) {
                    outcomes += try writer.add(Array(rows[start..<min(rows.count, start + chunk)]))
                }
                #expect(outcomes.filter { $0 == .inserted }.count == c.facilities.count)
                #expect(outcomes.filter { $0 == .duplicateInBatch }.count == 1)
            }
            try writer.finish()
            // Before the commit's refresh: the index is made; features are left to the walk only
            // for the rows after ids stopped coming in order.
            #expect(try o.store.facilityFeaturesNeedEncoding() == !c.inOrder)
            #expect(try o.store.meta(OverblikStore.featureVersionKey) == FacilityFeatureEncoder.version)
            #expect(try o.store.proximityIndexIsCurrent(version: ProximityIndexCodec.version))
        }
        let streamed = try Self.derived(o)
        #expect(try o.store.database.scalar("SELECT count(*) FROM facility_features")?.int == Int64(c.facilities.count))
        // The same store with everything made again by the walks.
        try o.store.write {
            try o.store.database.execute("DELETE FROM proximity_index")
            try o.store.database.execute("DELETE FROM overblik_meta WHERE key LIKE 'facility_features%'")
        }
        #expect(try Self.derived(o) == streamed)
    }

    @Test("into a layer that has rows, or a store with rooms, the walks make them as before")
    func walksOtherwise() throws {
        let (o, _) = try freshOverblik("stream-derived-walk")
        let all = Self.facilities(400) { "W\($0)" }
        try o.store.write { try o.store.insert(facilities: Array(all[..<100]), replace: false) }
        try o.store.write { try o.store.insert(rooms: [Room(id: "R1", facilityID: "W3", name: "Sal")], replace: false) }
        try o.store.write {
            let writer = try o.store.facilityWriter(replace: false, expectedRows: Int.max)
            for f in all[100...] { #expect(try writer.add(f) == .inserted) }
            try writer.finish()
            #expect(try o.store.facilityFeaturesNeedEncoding())
            #expect(try !o.store.proximityIndexIsCurrent(version: ProximityIndexCodec.version))
        }
        #expect(try !o.store.facilityFeaturesNeedEncoding())
        #expect(try o.store.database.scalar("SELECT count(*) FROM facility_features")?.int == 400)
        #expect(try o.store.proximityIndexIsCurrent(version: ProximityIndexCodec.version))
    }
}
