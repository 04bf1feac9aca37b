import Foundation
import Testing
import TestSupport
@testable import Overblik

/// The school-holiday warning of availability answers is the same whether a catalogue is loaded
/// (warm) or the store is asked directly (a cold `near`, which loads no facilities).
@Suite("Calendar warnings, cold and warm")
struct CalendarWarningTests {
    @Test("cold and warm give the same warning", arguments: [
        ("nothing uses SH", "Mo-Fr 08:00-16:00", "Sa 10:00-12:00"),
        ("a facility's hours use SH", "Mo-Fr 08:00-16:00; SH off", "Sa 10:00-12:00"),
        ("a room's hours use SH", "Mo-Fr 08:00-16:00", "Sa 10:00-12:00; SH off"),
    ])
    func coldEqualsWarm(_ what: String, facilityHours: String, roomHours: String) throws {
        let (o, path) = try freshOverblik("calendar-warning")
        let facilities = "id,name,kind,lon,lat,opening_hours\nA,Hal,sports_hall,9.9,57.0,\(facilityHours)\n"
        _ = try o.importFile(.facilities, at: try TestSupport.writeTemporary(facilities, name: "f.csv").path)
        let rooms = "facility_id,id,name,opening_hours\nA,A-sal,Sal,\(roomHours)\n"
        _ = try o.importFile(.rooms, at: try TestSupport.writeTemporary(rooms, name: "r.csv").path)
        let cold = try Overblik(queryingDatabasePath: path)
        let coldWarnings = try cold.calendarWarnings()
        #expect(cold.cachedCatalog == nil, "the cold path loads no catalogue")
        let warm = try Overblik(databasePath: path)
        _ = try warm.catalog()
        #expect(coldWarnings == (try warm.calendarWarnings()), "\(what)")
        #expect(coldWarnings.isEmpty == (what == "nothing uses SH"), "\(what): \(coldWarnings)")
    }
}
