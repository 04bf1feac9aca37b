import Facilities
import Foundation
import GeoTypes
import TestSupport
import Testing
@testable import Store

/// Records decode by column name: the column lists come from the `FacilityColumn` and `RoomColumn`
/// cases, and one decoder per record reads statements and copied rows alike.
@Suite("Record columns")
struct RecordColumnsTests {
    static func store() throws -> OverblikStore {
        try OverblikStore(path: try TestSupport.temporaryDirectory("columns").appendingPathComponent("c.sqlite").path)
    }

    static func tableColumns(_ store: OverblikStore, _ table: String) throws -> Set<String> {
        Set(try store.database.query("SELECT name FROM pragma_table_info('\(table)')").compactMap { $0[0].string })
    }

    @Test("each case's position is its raw value, and each name is a column of its table",
          arguments: [("facilities", FacilityColumn.allCases.map { ($0.rawValue, $0.name) }),
                      ("rooms", RoomColumn.allCases.map { ($0.rawValue, $0.name) }),
                      ("settlements", SettlementColumn.allCases.map { ($0.rawValue, $0.name) }),
                      ("bookings", BookingColumn.allCases.map { ($0.rawValue, $0.name) })])
    func casesAreColumns(table: String, columns: [(Int32, String)]) throws {
        #expect(columns.map(\.0) == Array(0 ..< Int32(columns.count)))
        let stored = try Self.tableColumns(try Self.store(), table)
        for (_, name) in columns { #expect(stored.contains(name), "\(table) has no column \(name): \(stored.sorted())") }
    }

    @Test("snake-case names: opening_hours, booking_url, facility_id, toilets_wheelchair")
    func namesAreSnakeCase() {
        #expect(FacilityColumn.openingHours.name == "opening_hours")
        #expect(FacilityColumn.bookingURL.name == "booking_url")
        #expect(FacilityColumn.godAdgang.name == "god_adgang")
        #expect(RoomColumn.facilityId.name == "facility_id")
        #expect(RoomColumn.toiletsWheelchair.name == "toilets_wheelchair")
        #expect(FacilityColumn.placeholders.split(separator: ",").count == FacilityColumn.allCases.count)
    }

    @Test("the statement walk, the record cursor and the row query decode the same facilities and rooms")
    func walkAndQueryAgree() throws {
        let store = try Self.store()
        let facilities = (0 ..< 40).map(Self.facility)
        let rooms = (0 ..< 40).filter { $0 % 2 == 0 }.map(Self.room)
        try store.write {
            try store.insert(facilities: facilities, replace: false)
            try store.insert(rooms: rooms, replace: false)
        }
        #expect(try store.facilities() == facilities)
        #expect(try store.rooms() == rooms.sorted { ($0.facilityID, $0.id) < ($1.facilityID, $1.id) })
        var walked: [Facility] = [], walkedRooms: [Room] = []
        try store.forEachFacility { facility, own in
            walked.append(facility)
            walkedRooms += own
        }
        #expect(walked == facilities)
        #expect(walkedRooms == rooms)
        var recorded: [Facility] = []
        try store.forEachFacilityRecord(from: nil, to: nil) { record, _ in recorded.append(record.facility) }
        #expect(recorded == facilities)
    }

    /// A facility whose optional columns are NULL or set depending on `i`.
    static func facility(_ i: Int) -> Facility {
        let contact = Contact(name: "K \(i)", phone: i % 5 == 0 ? nil : "9\(i)", email: nil, bookingURL: "https://x/\(i)")
        let access = Accessibility(wheelchair: i % 2 == 0 ? .yes : .limited, toiletsWheelchair: .no, stepFree: .yes,
                                   hearingLoop: .unknown, godAdgang: i % 6 == 0 ? ["mobility"] : [], checked: "2024-01-0\(i % 9 + 1)")
        let address: String? = i % 3 == 0 ? nil : "Vej \(i)"
        let capacity: Int? = i % 7 == 0 ? nil : 10 * i
        return Facility(id: String(format: "f%03d", i), name: "Hus \(i)", kind: i % 2 == 0 ? .villageHall : .library,
                        location: Coordinate(lon: 9.5 + Double(i) / 100, lat: 57), address: address,
                        owner: i % 4 == 0 ? .municipal : .private, contact: contact, accessibility: access, capacity: capacity,
                        openingHours: "Mo-Fr 08:00-16:00", disabilitySuited: i % 2 == 1, districtCode: "D\(i % 3)")
    }

    /// A room of facility `i` with its own accessibility on every fourth.
    static func room(_ i: Int) -> Room {
        let capacity: Int? = i % 4 == 0 ? nil : i
        let access: Accessibility? = i % 4 == 0 ? Accessibility(wheelchair: .no, stepFree: .yes) : nil
        let hours: String? = i % 8 == 0 ? nil : "Tu 19:00-21:00"
        return Room(id: String(format: "f%03d-r", i), facilityID: String(format: "f%03d", i), name: "Sal", capacity: capacity,
                    equipment: i % 3 == 0 ? ["kitchen", "stage"] : [], accessibility: access, openingHours: hours,
                    disabilitySuited: i % 4 == 2)
    }
}
