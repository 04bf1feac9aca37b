import Foundation
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// A long-running facade (the server's readers) sees what other programs change, and only that.
@Suite("Catalogue freshness across connections")
struct CatalogFreshnessTests {
    static func sampleStore(_ label: String) throws -> (Overblik, String) {
        let (o, path) = try freshOverblik(label)
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try o.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        return (o, path)
    }

    @Test("facilities imported, renamed and deleted by another connection are seen on the next call")
    func seesOtherWriters() throws {
        let (reader, path) = try Self.sampleStore("fresh-import")
        let before = try reader.catalog().facilities.count
        let writer = try Overblik(databasePath: path)
        let csv = try TestSupport.writeTemporary("id,name,kind,lon,lat\nnew-hall,Ny Hal,village_hall,9.6,57.0\n", name: "new.csv")
        _ = try writer.importFile(.facilities, at: csv.path)
        #expect(try reader.catalog().facilities.count == before + 1)
        #expect(try reader.catalog().facilities.contains { $0.id == "new-hall" })

        // Another program, straight through SQL (no facade): a rename and a delete.
        let other = try Database(path: path)
        try other.execute("UPDATE facilities SET name = 'Omdøbt Hal' WHERE id = 'new-hall'")
        #expect(try reader.catalog().facilities.first { $0.id == "new-hall" }?.name == "Omdøbt Hal")
        try other.execute("DELETE FROM facilities WHERE id = 'new-hall'")
        #expect(try reader.catalog().facilities.count == before)
    }

    @Test("a booking by another connection does not reload the catalogue; a school-holiday import updates the calendar")
    func bookingsKeepTheCatalogue() throws {
        let (reader, path) = try Self.sampleStore("fresh-booking")
        let loaded = try reader.catalog()
        let writer = try Overblik(databasePath: path)
        let generation = try reader.store.meta(Overblik.catalogGenerationKey)
        #expect(generation != nil)
        // Tuesday 2 March 2027, 19-20: the main library's meeting room is open Mo-Fr 08:00-21:00.
        let receipt = try writer.book(roomID: "hovedbiblioteket-i-aalborg-moedelokale", from: LocalDateTime(parsing: "2027-03-02T19:00"),
                                      to: LocalDateTime(parsing: "2027-03-02T20:00"), holder: "Koret")
        #expect(receipt.bookings.count == 1)
        #expect(try reader.store.meta(Overblik.catalogGenerationKey) == generation, "a booking moved the generation")
        #expect(try reader.catalog().facilities.count == loaded.facilities.count)

        #expect(try reader.holidayCalendar().schoolHolidays.periods.isEmpty)
        let calendar = try String(contentsOf: TestSupport.sampleFile("calendars/aalborg-school-holidays.csv"), encoding: .utf8)
        _ = try writer.importSchoolHolidays(csv: calendar, source: "aalborg-school-holidays.csv")
        #expect(try !reader.holidayCalendar().schoolHolidays.periods.isEmpty)
    }
}
