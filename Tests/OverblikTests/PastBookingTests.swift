import Foundation
import Scheduling
import Testing
import TestSupport
@testable import Overblik

extension Overblik {
    /// The facade's `book` on a clock fixed at 2026-01-01T00:00, before every date the booking tests use
    /// (the past is refused; ``PastBookingTests`` tests that rule).
    @discardableResult
    func bookIn2026(roomID: String, from: LocalDateTime, to: LocalDateTime, holder: String, activity: String? = nil,
                    repeatWeeklyUntil: LocalDate? = nil, includeHolidays: Bool = false) throws -> BookingReceipt {
        try book(roomID: roomID, from: from, to: to, holder: holder, activity: activity, repeatWeeklyUntil: repeatWeeklyUntil,
                 includeHolidays: includeHolidays, now: CopenhagenTime.instant(of: t("2026-01-01T00:00")))
    }
}

@Suite("Bookings in the past")
struct PastBookingTests {
    @Test("the facade refuses a booking that starts before its clock, and takes one that starts at it or later",
          arguments: [("2026-12-01T18:59", false), ("2026-12-01T19:00", true), ("2026-12-08T19:00", true)])
    func refusesThePast(start: String, accepted: Bool) throws {
        let o = try bookingStore("past", rooms: ["sal": "Mo-Su 08:00-23:00"])
        let now = CopenhagenTime.instant(of: t("2026-12-01T19:00"))
        let from = t(start)
        let outcome = refusal { try o.book(roomID: "sal", from: from, to: from.adding(minutes: 60), holder: "Kor", now: now) }
        if accepted {
            #expect(outcome == nil)
            #expect(try o.bookings().count == 1)
        } else {
            #expect(outcome?.kind == "badInput")
            #expect(outcome?.message.contains("\(start) lies in the past (now 2026-12-01T19:00)") == true, "\(String(describing: outcome))")
            #expect(try o.bookings().isEmpty)
        }
    }

    @Test("a weekly series is refused when its first week has begun, even though later weeks lie ahead")
    func seriesFromThePast() throws {
        let o = try bookingStore("past-series", rooms: ["sal": "Mo-Su 08:00-23:00"])
        let now = CopenhagenTime.instant(of: t("2026-12-09T12:00"))
        let outcome = refusal {
            try o.book(roomID: "sal", from: t("2026-12-01T19:00"), to: t("2026-12-01T21:00"), holder: "Kor",
                       repeatWeeklyUntil: d("2027-03-30"), now: now)
        }
        #expect(outcome?.kind == "badInput")
        #expect(try o.bookings().isEmpty)
    }
}
