import Facilities
import Foundation
import GeoTypes
import Store
import Testing
import TestSupport
@testable import Overblik

/// The store suite run through the one store protocol (``StoreBackend``) against both
/// implementations: every case runs on a SpatiaLite file and on a PostgreSQL database, expects the
/// same values on each, and the seeded case compares what the two stores give back.
@Suite("The store protocol on SpatiaLite and PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct StoreProtocolTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case spatialite, postgres
        var testDescription: String { rawValue }
    }

    /// A new, empty store of `kind` behind the facade.
    static func open(_ kind: Kind, _ label: String) throws -> Overblik {
        switch kind {
        case .spatialite:
            let dir = try TestSupport.temporaryDirectory("protocol-\(label)")
            return try Overblik(databasePath: dir.appendingPathComponent("t.sqlite").path)
        case .postgres:
            return try postgresOverblik("protocol_\(label)").0
        }
    }

    /// A facility that uses every field, with text that needs care (Danish letters, quotes).
    static let hall: Facility = {
        var f = Facility(id: "F1", name: "Nibe \"Gamle\" Skole – Gymnastiksal", kind: .sportsHall,
                         location: Coordinate(lon: 9.6381, lat: 56.9832))
        f.address = "Skolegade 2, 9240 Nibe"
        f.owner = .municipal
        f.contact = Contact(name: "Søren Ørum", email: "gym@example.dk")
        f.accessibility = Accessibility(wheelchair: .yes, toiletsWheelchair: .no, stepFree: .yes, hearingLoop: .yes,
                                        godAdgang: ["mobility"], checked: "2024-11-02")
        f.capacity = 120
        f.openingHours = "Mo-Fr 16:00-22:00; PH off"
        f.disabilitySuited = false
        f.districtCode = "D1"
        return f
    }()
    static let salen = Room(id: "F1-sal", facilityID: "F1", name: "Salen", capacity: 80, equipment: ["kitchen", "stage"],
                            accessibility: Accessibility(wheelchair: .yes, stepFree: .yes), openingHours: "Tu 19:00-21:00")

    @Test("facilities, rooms, settlements, population and districts round-trip through the store", arguments: Kind.allCases)
    func roundTrip(kind: Kind) throws {
        let o = try Self.open(kind, "roundtrip")
        let settlement = Settlement(id: "S1", name: "Næsby", location: Coordinate(lon: 9.9, lat: 57.0), population: 120.5,
                                    approximate: true, districtCode: "D1")
        let point = PopulationPoint(id: "P1", location: Coordinate(lon: 9.91, lat: 57.01), weight: 3.25)
        let ring = [Coordinate(lon: 9, lat: 57), Coordinate(lon: 10, lat: 57), Coordinate(lon: 10, lat: 58),
                    Coordinate(lon: 9, lat: 58), Coordinate(lon: 9, lat: 57)]
        let district = StoredDistrict(district: District(code: "D1", name: "Nibe Sogn", rural: true), rings: [[ring]])
        try o.backend.write {
            try o.backend.insert(facilities: [Self.hall], replace: false)
            try o.backend.insert(rooms: [Self.salen], replace: false)
            try o.backend.insert(settlements: [settlement], replace: false)
            try o.backend.insert(population: [point], replace: false)
            try o.backend.insert(districts: [district], replace: false)
        }
        #expect(try o.backend.facilities() == [Self.hall])
        #expect(try o.backend.facility(id: "F1") == Self.hall)
        #expect(try o.backend.facility(id: "F2") == nil)
        #expect(try o.backend.room(id: "F1-sal") == Self.salen)
        #expect(try o.backend.bookableRooms() == [Self.salen])
        #expect(try o.backend.settlements() == [settlement])
        #expect(try o.backend.populationPoints() == [point])
        let districts = try o.backend.districts()
        #expect(districts.map(\.district) == [district.district])
        #expect(districts.map(\.rings) == [[[ring]]])
        #expect(try o.backend.existingIDs(in: "facilities", among: ["F1", "F9"]) == ["F1"])
    }

    @Test("a failing write leaves the store exactly as it was", arguments: Kind.allCases)
    func failedWriteRollsBack(kind: Kind) throws {
        let o = try Self.open(kind, "rollback")
        try o.backend.write { try o.backend.insert(facilities: [Self.hall], replace: false) }
        var second = Self.hall
        second.id = "F2"
        #expect(throws: (any Error).self) {
            try o.backend.write {
                try o.backend.insert(facilities: [second], replace: false)
                try o.backend.insert(facilities: [Self.hall], replace: false) // the id is taken
            }
        }
        #expect(try o.backend.facilities().map(\.id) == ["F1"])
        // --replace semantics: the row is replaced, not added.
        var renamed = Self.hall
        renamed.name = "Sebbersund Hall"
        try o.backend.write { try o.backend.insert(facilities: [renamed], replace: true) }
        #expect(try o.backend.facilities() == [renamed])
    }

    @Test("overlapping bookings are found with half-open intervals, and a cancelled one is gone", arguments: Kind.allCases)
    func overlapQuery(kind: Kind) throws {
        let o = try Self.open(kind, "overlap")
        try o.backend.write {
            try o.backend.insert(facilities: [Self.hall], replace: false)
            try o.backend.insert(rooms: [Self.salen], replace: false)
        }
        let id = try o.backend.write {
            try o.backend.insert(booking: StoredBooking(roomID: "F1-sal", startLocal: "a", endLocal: "b",
                                                        startUTC: 100, endUTC: 200, holder: "X"), createdUTC: 0)
        }
        #expect(try o.backend.overlappingBookings(roomID: "F1-sal", startUTC: 200, endUTC: 300).isEmpty)
        #expect(try o.backend.overlappingBookings(roomID: "F1-sal", startUTC: 0, endUTC: 100).isEmpty)
        #expect(try o.backend.overlappingBookings(roomID: "F1-sal", startUTC: 199, endUTC: 300).map(\.id) == [id])
        #expect(try o.backend.overlappingBookings(roomID: "F1", startUTC: 0, endUTC: 300).isEmpty)
        #expect(try o.backend.booking(id: id)?.holder == "X")
        #expect(try o.backend.bookings(roomID: "F1-sal", fromUTC: 150, toUTC: nil).map(\.id) == [id])
        #expect(try o.backend.write { try o.backend.deleteBooking(id: id) })
        #expect(try o.backend.booking(id: id) == nil)
        #expect(try !o.backend.write { try o.backend.deleteBooking(id: id) })
    }

    @Test("a seeded random store reads back the same on both stores", arguments: [UInt64(7), 2026])
    func seededStoresAgree(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var facilities: [Facility] = []
        var rooms: [Room] = []
        for i in 0..<300 {
            let id = i % 17 == 0 ? "Ø\(i)" : String(format: "f%04d", i)
            var facility = Facility(id: id, name: "Facility \(i) «\(i % 7)»", kind: FacilityKind.allCases.randomElement(using: &random)!,
                                    location: Coordinate(lon: Double.random(in: 8...12.5, using: &random),
                                                         lat: Double.random(in: 54.6...57.7, using: &random)))
            facility.capacity = Bool.random(using: &random) ? Int.random(in: 5...400, using: &random) : nil
            facility.openingHours = Bool.random(using: &random) ? "Mo-Fr 08:00-16:00; SH off" : nil
            facilities.append(facility)
            for r in 0..<Int.random(in: 0...3, using: &random) {
                rooms.append(Room(id: "\(id)-r\(r)", facilityID: id, name: "Room \(r)",
                                  capacity: Int.random(in: 2...120, using: &random), equipment: r == 0 ? ["kitchen"] : []))
            }
        }
        var answers: [[String]] = []
        for kind in Kind.allCases {
            let o = try Self.open(kind, "seeded\(seed)")
            try o.backend.write {
                try o.backend.insert(facilities: facilities, replace: false)
                try o.backend.insert(rooms: rooms, replace: false)
            }
            let stored = try o.backend.facilities()
            #expect(Set(stored) == Set(facilities), "\(kind)")
            var walked: [String] = []
            try o.backend.forEachFacility { facility, listed in
                walked.append("\(facility.id):\(listed.map(\.id).joined(separator: ","))")
            }
            answers.append(stored.map(\.id) + ["|"] + walked + ["|"]
                           + (try o.backend.bookableRooms()).map { "\($0.id)@\($0.facilityID)" }
                           + (try o.backend.locations(of: .facilities)).map { "\($0.id) \($0.location.lon) \($0.location.lat)" })
        }
        #expect(answers[0] == answers[1])
        #expect(answers[0].count > facilities.count * 2)
    }
}
