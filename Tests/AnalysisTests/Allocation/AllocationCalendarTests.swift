import Facilities
import Foundation
import Scheduling
import Testing
@testable import Analysis
import GeoTypes

/// Season dates: holidays skipped, other closures and existing bookings block a slot.
@Suite("Allocation over the season calendar")
struct AllocationCalendarTests {
    typealias F = AllocationFixtures
    /// Thursdays 2026-04-02 (Skærtorsdag), 04-09, 04-16, 04-23, 04-30.
    static let april = try! AllocationSeason(parsing: "2026-03-30..2026-04-30")

    func allocate(hours: String, bookings: [LocalInterval] = [], season: AllocationSeason = april) throws -> AllocationResult {
        try F.allocate([F.application("a1", .adults, slots: ["Th 19:00-21:00"])],
                       rooms: [F.room("hall-1", in: "hall", hours: hours)], facilities: [F.facility("hall")],
                       bookings: ["hall-1": bookings], season: season)
    }

    @Test("A public holiday on which the room is closed is skipped and listed")
    func publicHolidaySkipped() throws {
        let result = try allocate(hours: "Mo-Su 08:00-23:00; PH off")
        let a = try #require(result.allocations.first)
        #expect(a.dates == ["2026-04-09", "2026-04-16", "2026-04-23", "2026-04-30"])
        #expect(a.skippedDates == ["2026-04-02"])
    }

    @Test("A room open on the holiday uses the holiday too")
    func openOnHoliday() throws {
        let a = try #require(try allocate(hours: "Mo-Su 08:00-23:00").allocations.first)
        #expect(a.dates.count == 5)
        #expect(a.skippedDates.isEmpty)
    }

    @Test("A closure on an ordinary date makes the slot not allocatable in that room")
    func ordinaryClosureBlocks() throws {
        let result = try allocate(hours: "Mo-Su 08:00-23:00; PH off; Apr 16 off")
        #expect(result.allocations.isEmpty)
        #expect(result.refusals.first?.reason.contains("1 closed then (Facility hall on 2026-04-16)") == true,
                "\(result.refusals)")
    }

    @Test("A room that closes before the slot ends is not allocatable")
    func partialHours() throws {
        #expect(try allocate(hours: "Mo-Su 08:00-20:00").allocations.isEmpty)
    }

    @Test("A season closed date is skipped like a holiday")
    func seasonClosedDate() throws {
        var season = Self.april
        season.closedDates = [try LocalDate(parsing: "2026-04-16")]
        let a = try #require(try allocate(hours: "Mo-Su 08:00-23:00; PH off; Apr 16 off", season: season).allocations.first)
        #expect(a.skippedDates == ["2026-04-02", "2026-04-16"])
    }

    @Test("An existing booking that overlaps one date blocks the room for the slot")
    func existingBookingBlocks() throws {
        let booking = try LocalInterval(start: LocalDateTime(parsing: "2026-04-23T20:30"), end: LocalDateTime(parsing: "2026-04-23T22:00"))
        let result = try allocate(hours: "Mo-Su 08:00-23:00", bookings: [booking])
        #expect(result.allocations.isEmpty)
        #expect(result.refusals.first?.reason.contains("1 already booked (Facility hall on 2026-04-23)") == true)
        let touching = try LocalInterval(start: LocalDateTime(parsing: "2026-04-23T21:00"), end: LocalDateTime(parsing: "2026-04-23T22:00"))
        #expect(try allocate(hours: "Mo-Su 08:00-23:00", bookings: [touching]).allocations.count == 1)
    }

    @Test("Rooms without usable opening hours are left out and listed in the summary")
    func roomsNotOffered() throws {
        let result = try F.allocate([F.application("a1", .adults)],
                                    rooms: [F.room("bad", in: "hall", hours: "Mo-Fr 25:00-26:00x"), F.room("none", in: "hall", hours: nil)],
                                    facilities: [F.facility("hall")])
        #expect(result.summary.roomsNotOffered.map(\.room) == ["bad", "none"])
        #expect(result.allocations.isEmpty)
    }

    @Test("An allocation's occurrences are its slot on each of its dates")
    func occurrences() throws {
        let a = try #require(try allocate(hours: "Mo-Su 08:00-23:00; PH off").allocations.first)
        let intervals = try a.occurrences()
        #expect(intervals.map(\.description) == a.dates.map { "\($0)T19:00/\($0)T21:00" })
    }

    @Test("A facility without listed rooms takes part as its implicit room")
    func implicitRoom() throws {
        var hall = F.facility("hall")
        hall.capacity = 40
        hall.openingHours = "Mo-Su 08:00-23:00"
        let result = try F.allocate([F.application("a1", .adults)], rooms: [], facilities: [hall])
        #expect(result.allocations.first?.room == "hall")
    }
}

/// The summary: requested versus allocated hours per activity class and per rural/urban home.
@Suite("Allocation summary")
struct AllocationSummaryTests {
    typealias F = AllocationFixtures

    @Test("Hours add up per class and per area; the isRural closure classifies homes without a flag")
    func summaryRows() throws {
        var ruralKids = F.application("k", .children, slots: ["Tu 17:00-19:00", "We 17:00-18:00"])
        ruralKids.home = F.point(eastMetres: 50_000)
        var flagged = F.application("f", .adults, slots: ["Tu 17:00-18:30"])
        flagged.rural = false
        flagged.home = F.point(eastMetres: 50_000)
        var homeless = F.application("h", .adults, slots: ["Tu 18:00-19:00"])
        homeless.home = nil
        let apps = [ruralKids, flagged, homeless]
        let result = try AllocationEngine.allocate(
            applications: apps, rooms: [F.room("hall-1", in: "hall")], facilities: [F.facility("hall")],
            season: try AllocationSeason(parsing: "2026-09-01..2026-09-30"), distance: F.distance,
            isRural: { $0.lon > F.point(eastMetres: 10_000).lon })
        // Tuesdays in September 2026: 1, 8, 15, 22, 29. The kids take 17:00-19:00, so both adults lose.
        #expect(result.allocations.map(\.application) == ["k"])
        let children = try #require(result.summary.byActivity.first { $0.group == "children" })
        #expect(children.requestedWeeklyHours == 2 && children.allocatedWeeklyHours == 2)
        #expect(children.allocatedSeasonHours == 10)
        let adults = try #require(result.summary.byActivity.first { $0.group == "adults" })
        #expect(adults.applications == 2 && adults.refused == 2 && adults.requestedWeeklyHours == 2.5)
        #expect(result.summary.byArea.map(\.group) == ["rural", "urban", "unknown"])
        #expect(result.summary.byArea.map(\.applications) == [1, 1, 1])
        #expect(result.summary.byArea[0].allocatedWeeklyHours == 2)
        #expect(result.summary.allocated == 1 && result.summary.refused == 2 && result.summary.applications == 3)
    }
}
