import Foundation
import Testing
import Facilities
import GeoTypes
import TestSupport
@testable import Store

@Suite("The SpatiaLite store")
struct StoreTests {
    func freshStore() throws -> (OverblikStore, URL) {
        let dir = try TestSupport.temporaryDirectory("store")
        let path = dir.appendingPathComponent("t.sqlite").path
        return (try OverblikStore(path: path), dir)
    }

    static let sampleFacility = Facility(
        id: "F1", name: "Sebbersund Forsamlingshus", kind: .villageHall,
        location: Coordinate(lon: 9.5803, lat: 56.9540), address: "Sebbersundvej 1, 9240 Nibe", owner: .private,
        contact: Contact(name: "Anna Æbelø", phone: "99311234", email: "anna@example.dk", bookingURL: "https://example.dk"),
        accessibility: Accessibility(wheelchair: .limited, toiletsWheelchair: .yes, stepFree: .no, hearingLoop: .unknown,
                                     godAdgang: ["mobility", "hearing"], checked: "2021-05-01"),
        capacity: 80, openingHours: "Mo-Su 09:00-23:00", disabilitySuited: true, districtCode: "D1")

    @Test("a new file gets the current schema version, WAL mode and SpatiaLite metadata")
    func newFileIsMigrated() throws {
        let (store, _) = try freshStore()
        #expect(try store.schemaVersion == Database.supportedSchemaVersion)
        #expect(try store.database.scalar("PRAGMA journal_mode")?.string == "wal")
        let layers = try store.database.query("SELECT f_table_name FROM geometry_columns ORDER BY 1").compactMap { $0[0].string }
        #expect(layers == ["districts", "facilities", "population", "settlements", "urban_areas"])
        let srids = try store.database.query("SELECT DISTINCT srid FROM geometry_columns").compactMap { $0[0].int }
        #expect(srids == [4326])
    }

    @Test("facilities, rooms and settlements round-trip through the file")
    func roundTrip() throws {
        let (store, dir) = try freshStore()
        let room = Room(id: "F1-sal", facilityID: "F1", name: "Salen", capacity: 80, equipment: ["kitchen", "stage"],
                        accessibility: Accessibility(wheelchair: .yes, stepFree: .yes), openingHours: "Tu 19:00-21:00")
        let settlement = Settlement(id: "S1", name: "Næsby", location: Coordinate(lon: 9.9, lat: 57.0), population: 120.5,
                                    approximate: true, districtCode: "D1")
        try store.write {
            try store.insert(facilities: [Self.sampleFacility], replace: false)
            try store.insert(rooms: [room], replace: false)
            try store.insert(settlements: [settlement], replace: false)
        }
        // Reopen from disk.
        let reopened = try OverblikStore(path: dir.appendingPathComponent("t.sqlite").path)
        #expect(try reopened.facilities() == [Self.sampleFacility])
        #expect(try reopened.rooms() == [Room(id: "F1-sal", facilityID: "F1", name: "Salen", capacity: 80,
                                              equipment: ["kitchen", "stage"],
                                              accessibility: Accessibility(wheelchair: .yes, stepFree: .yes),
                                              openingHours: "Tu 19:00-21:00")])
        #expect(try reopened.settlements() == [settlement])
        // The geometry column holds the same point as the lon/lat columns.
        let xy = try reopened.database.query("SELECT X(geom), Y(geom) FROM facilities").first
        #expect(xy?[0].double == 9.5803 && xy?[1].double == 56.9540)
    }

    @Test("a district polygon round-trips through WKB and SpatiaLite")
    func districtRoundTrip() throws {
        let (store, _) = try freshStore()
        let ring = [Coordinate(lon: 9, lat: 57), Coordinate(lon: 10, lat: 57), Coordinate(lon: 10, lat: 58),
                    Coordinate(lon: 9, lat: 58), Coordinate(lon: 9, lat: 57)]
        let district = StoredDistrict(district: District(code: "7001", name: "Nibe Sogn", rural: true), rings: [[ring]])
        try store.write { try store.insert(districts: [district], replace: false) }
        let back = try store.districts()
        #expect(back.count == 1)
        #expect(back[0].district == district.district)
        #expect(back[0].rings == [[ring]])
        #expect(try store.database.scalar("SELECT ST_IsValid(geom) FROM districts")?.int == 1)
        #expect(try store.database.scalar("SELECT GeometryType(geom) FROM districts")?.string == "MULTIPOLYGON")
    }

    @Test("a failing write leaves the database exactly as it was")
    func failedWriteRollsBack() throws {
        let (store, _) = try freshStore()
        try store.write { try store.insert(facilities: [Self.sampleFacility], replace: false) }
        var second = Self.sampleFacility
        second.id = "F2"
        #expect(throws: DatabaseError.self) {
            try store.write {
                try store.insert(facilities: [second], replace: false)
                try store.insert(facilities: [Self.sampleFacility], replace: false) // duplicate id
            }
        }
        #expect(try store.facilities().map(\.id) == ["F1"])
    }

    @Test("a file from a newer schema version is refused with a clear message")
    func newerSchemaRefused() throws {
        let (store, dir) = try freshStore()
        try store.database.execute("PRAGMA user_version = 99")
        let path = dir.appendingPathComponent("t.sqlite").path
        do {
            _ = try OverblikStore(path: path)
            Issue.record("expected the newer file to be refused")
        } catch let error as StoreError {
            #expect(error == .schemaTooNew(path: path, found: 99, supported: Database.supportedSchemaVersion))
            #expect(error.description.contains("newer Overblik"))
        }
    }

    @Test("a SQLite file of another application is not taken over")
    func foreignFileRefused() throws {
        let dir = try TestSupport.temporaryDirectory("foreign")
        let path = dir.appendingPathComponent("other.sqlite").path
        do {
            let db = try Database(path: path)
            try db.execute("CREATE TABLE customers (id INTEGER)")
        }
        #expect(throws: StoreError.self) { _ = try OverblikStore(path: path) }
    }

    @Test("overlapping bookings are found with half-open intervals")
    func overlapQuery() throws {
        let (store, _) = try freshStore()
        try store.write {
            try store.insert(booking: StoredBooking(roomID: "R", startLocal: "a", endLocal: "b", startUTC: 100, endUTC: 200, holder: "X"), createdUTC: 0)
        }
        #expect(try store.overlappingBookings(roomID: "R", startUTC: 200, endUTC: 300).isEmpty)
        #expect(try store.overlappingBookings(roomID: "R", startUTC: 0, endUTC: 100).isEmpty)
        #expect(try store.overlappingBookings(roomID: "R", startUTC: 199, endUTC: 300).count == 1)
        #expect(try store.overlappingBookings(roomID: "Q", startUTC: 0, endUTC: 300).isEmpty)
    }

    @Test("GDAL's ogrinfo opens the file and lists the SpatiaLite layers",
          .enabled(if: TestSupport.hasTool("ogrinfo"), "ogrinfo (gdal-bin) is not installed"))
    func ogrinfoListsLayers() throws {
        let ogrinfo = try #require(TestSupport.which("ogrinfo"))
        let (store, dir) = try freshStore()
        try store.write { try store.insert(facilities: [Self.sampleFacility], replace: false) }
        let result = try TestSupport.run(ogrinfo, ["-al", "-so", dir.appendingPathComponent("t.sqlite").path])
        #expect(result.status == 0, "\(result.stderr)")
        for layer in ["facilities", "districts", "settlements", "population"] {
            #expect(result.stdout.contains("Layer name: \(layer)"), "missing layer \(layer)")
        }
        #expect(result.stdout.contains("Feature Count: 1"))
        #expect(result.stdout.contains("EPSG") || result.stdout.contains("WGS 84"))
    }
}
