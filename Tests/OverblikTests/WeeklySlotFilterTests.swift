import Scheduling
import Testing
@testable import Overblik

@Suite("The weekly-slot filter used by near --free-weekly")
struct WeeklySlotFilterTests {
    static let availabilities: [String?] = [
        "Mo-Th 17:00-22:00; PH off; SH off; Jul off",
        "Tu 19:00-20:30",                 // too short for the slot: never free
        "Mo-Su 09:00-23:00; Dec 24-26 off",
        "Tu 18:00-22:00; 2026 Oct 20 off", // one closed Tuesday: a conflict
        "24/7",
        "Tu 19:00-21:00; PH off",
        nil,
        "not hours at all",
    ]

    @Test("answers exactly like FreeTime.checkWeekly for every room, with and without bookings", arguments: [
        "Tu 19:00-21:00", "Th 17:30-19:00", "Sa 22:00-01:00",
    ])
    func agreesWithCheckWeekly(slotText: String) throws {
        var calendar = HolidayCalendar.danish
        calendar.schoolHolidays = try SchoolHolidayCalendar(csv: "from,to,name\n2026-10-10,2026-10-18,Efterårsferie\n")
        let slot = try WeeklySlot(parsing: slotText)
        let from = try LocalDate(parsing: "2026-08-01"), through = try LocalDate(parsing: "2026-12-31")
        var filter = WeeklySlotFilter(slot: slot, from: from, through: through, calendar: calendar)
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var freeSeen = 0, busySeen = 0
        for round in 0..<200 {
            let text = Self.availabilities[round % Self.availabilities.count]
            var bookings: [LocalInterval] = []
            for _ in 0..<next(4) {
                let start = LocalDateTime(date: from.adding(days: next(160)), minuteOfDay: 16 * 60 + next(16) * 30)
                bookings.append(try LocalInterval(start: start, end: start.adding(minutes: 30 + next(6) * 30)))
            }
            var expected = false
            if let text, let hours = try? OpeningHours(parsing: text) {
                let check = FreeTime.checkWeekly(slot, openingHours: hours, calendar: calendar, bookings: bookings,
                                                 from: from, through: through)
                expected = check.isFreeEveryWeek && !check.freeDates.isEmpty
            }
            #expect(filter.isFree(openingHours: text, bookings: bookings) == expected, "\(text ?? "nil") \(bookings)")
            if expected { freeSeen += 1 } else { busySeen += 1 }
        }
        #expect(freeSeen > 0 && busySeen > 0)
    }
}
