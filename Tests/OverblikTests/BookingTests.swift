import Facilities
import Foundation
import GeoTypes
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// A fresh store with one facility and rooms of the given availability (room id → opening_hours).
func bookingStore(_ label: String, rooms: [String: String?]) throws -> Overblik {
    let (o, _) = try freshOverblik(label)
    let facility = Facility(id: "hall", name: "Forsamlingshus", kind: .villageHall, location: Coordinate(lon: 9.9, lat: 57.0))
    try o.store.write {
        try o.store.insert(facilities: [facility], replace: false)
        try o.store.insert(rooms: rooms.map { Room(id: $0.key, facilityID: "hall", name: $0.key, openingHours: $0.value) },
                           replace: false)
    }
    return o
}

func t(_ text: String) -> LocalDateTime { try! LocalDateTime(parsing: text) }
func d(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

/// The message of an expected OverblikError, with its case.
func refusal(_ body: () throws -> Void) -> (kind: String, message: String)? {
    do { try body() } catch let e as OverblikError {
        switch e {
        case .conflict(let m): return ("conflict", m)
        case .badInput(let m): return ("badInput", m)
        case .notFound: return ("notFound", e.description)
        case .io(let m): return ("io", m)
        }
    } catch { return ("other", "\(error)") }
    return nil
}

@Suite("Booking rooms through the facade")
struct BookingTests {
    @Test("an overlapping booking is refused naming the other booking, and nothing is written")
    func overlapNamesTheOtherBooking() throws {
        let o = try bookingStore("overlap", rooms: ["sal": "Mo-Su 08:00-22:00"])
        let first = try o.bookIn2026(roomID: "sal", from: t("2026-12-01T18:00"), to: t("2026-12-01T20:00"), holder: "Nibe Kor")
        let id = try #require(first.bookings.first?.id)
        let r = try #require(refusal { try o.bookIn2026(roomID: "sal", from: t("2026-12-01T19:00"), to: t("2026-12-01T21:00"), holder: "Skak") })
        #expect(r.kind == "conflict")
        #expect(r.message.contains("booking \(id)"))
        #expect(r.message.contains("Nibe Kor"))
        #expect(r.message.contains("2026-12-01T18:00-20:00"))
        #expect(try o.bookings().count == 1)
        // Touching ends do not overlap (half-open intervals).
        try o.bookIn2026(roomID: "sal", from: t("2026-12-01T20:00"), to: t("2026-12-01T21:00"), holder: "Skak")
        #expect(try o.bookings(roomID: "sal").map(\.holder) == ["Nibe Kor", "Skak"])
    }

    @Test("bookings outside availability are refused with the parts outside", arguments: [
        ("2026-12-01T16:00", "2026-12-01T18:00", "2026-12-01T16:00-17:00"),   // before opening
        ("2026-12-01T21:00", "2026-12-01T23:00", "2026-12-01T22:00-23:00"),   // after closing
        ("2026-12-25T18:00", "2026-12-25T20:00", "2026-12-25T18:00-20:00"),   // Juledag (PH off)
        ("2026-12-05T18:00", "2026-12-05T20:00", "2026-12-05T18:00-20:00"),   // Saturday
    ])
    func outsideAvailability(from: String, to: String, outsidePart: String) throws {
        let o = try bookingStore("outside", rooms: ["sal": "Mo-Fr 17:00-22:00; PH off"])
        let r = try #require(refusal { try o.bookIn2026(roomID: "sal", from: t(from), to: t(to), holder: "X") })
        #expect(r.kind == "conflict")
        #expect(r.message.contains("outside the room's availability: \(outsidePart)"), "\(r.message)")
        #expect(try o.bookings().isEmpty)
    }

    @Test("a room without opening_hours is never bookable, and a closure blocks its time")
    func noAvailabilityAndClosures() throws {
        let o = try bookingStore("none", rooms: ["empty": nil, "sal": "24/7"])
        let r = try #require(refusal { try o.bookIn2026(roomID: "empty", from: t("2026-12-01T10:00"), to: t("2026-12-01T11:00"), holder: "X") })
        #expect(r.kind == "conflict")
        #expect(r.message.contains("no availability"))
        try o.store.insert(closure: StoredClosure(facilityID: "hall", roomID: nil, startLocal: "2026-12-02T00:00",
                                                  endLocal: "2026-12-03T00:00", reason: "valg"))
        let c = try #require(refusal { try o.bookIn2026(roomID: "sal", from: t("2026-12-02T10:00"), to: t("2026-12-02T11:00"), holder: "X") })
        #expect(c.kind == "conflict")
        #expect(c.message.contains("2026-12-02T10:00-11:00"))
        #expect(try o.bookings().isEmpty)
    }

    @Test("unknown rooms are not found with suggestions; bad times and names are bad input")
    func unknownRoomAndBadInput() throws {
        let o = try bookingStore("bad", rooms: ["sal-stor": "24/7"])
        let unknown = try #require(refusal { try o.bookIn2026(roomID: "sal", from: t("2026-12-01T10:00"), to: t("2026-12-01T11:00"), holder: "X") })
        #expect(unknown.kind == "notFound")
        #expect(unknown.message.contains("sal-stor"))
        #expect(refusal { try o.bookIn2026(roomID: "sal-stor", from: t("2026-12-01T11:00"), to: t("2026-12-01T10:00"), holder: "X") }?.kind == "badInput")
        #expect(refusal { try o.bookIn2026(roomID: "sal-stor", from: t("2026-12-01T10:00"), to: t("2026-12-01T11:00"), holder: " ") }?.kind == "badInput")
        #expect(refusal { try o.bookIn2026(roomID: "sal-stor", from: t("2026-12-01T10:00"), to: t("2026-12-01T11:00"), holder: "X", activity: "football") }?.kind == "badInput")
        // 02:30 on the spring-forward Sunday does not exist.
        #expect(refusal { try o.bookIn2026(roomID: "sal-stor", from: t("2026-03-29T02:30"), to: t("2026-03-29T04:00"), holder: "X") }?.kind == "badInput")
        #expect(try o.bookings().isEmpty)
    }

    @Test("weekly bookings skip public holidays and report them", arguments: [
        // Thursdays around Easter 2026: Skærtorsdag 2 April.
        ("2026-03-26T19:00", "2026-04-30", ["2026-04-02"], 5),
        // Thursdays in May 2026: Kristi himmelfartsdag 14 May.
        ("2026-05-07T19:00", "2026-05-28", ["2026-05-14"], 3),
        // Mondays: 2. påskedag 6 April and 2. pinsedag 25 May 2026.
        ("2026-03-30T10:00", "2026-05-25", ["2026-04-06", "2026-05-25"], 7),
        // Tuesdays in February: no holiday.
        ("2026-02-03T19:00", "2026-02-24", [], 4),
    ])
    func weeklySkipsPublicHolidays(start: String, until: String, skipped: [String], booked: Int) throws {
        let o = try bookingStore("weekly", rooms: ["sal": "24/7"])
        let from = t(start)
        let receipt = try o.bookIn2026(roomID: "sal", from: from, to: from.adding(minutes: 120), holder: "Kor",
                                 repeatWeeklyUntil: d(until))
        #expect(receipt.skipped.map(\.date.description) == skipped)
        #expect(receipt.bookings.count == booked)
        #expect(receipt.bookings.allSatisfy { $0.seriesID == receipt.seriesID && $0.seriesID != nil })
        #expect(receipt.bookings.allSatisfy { $0.interval.start.minuteOfDay == from.minuteOfDay })
        let series = try #require(try o.store.series(id: receipt.seriesID!))
        #expect(series.skipped == skipped)
        #expect(try o.bookings().count == booked)
        // With --include-holidays the holidays are booked too.
        let o2 = try bookingStore("weekly-all", rooms: ["sal": "24/7"])
        let all = try o2.bookIn2026(roomID: "sal", from: from, to: from.adding(minutes: 120), holder: "Kor",
                              repeatWeeklyUntil: d(until), includeHolidays: true)
        #expect(all.bookings.count == booked + skipped.count)
        #expect(all.skipped.isEmpty)
    }

    @Test("a weekly booking with one clashing week is refused whole: no booking and no series written")
    func weeklyIsAllOrNothing() throws {
        let o = try bookingStore("atomic", rooms: ["sal": "Mo-Su 08:00-22:00"])
        let blocker = try o.bookIn2026(roomID: "sal", from: t("2026-04-16T19:30"), to: t("2026-04-16T20:00"), holder: "Loppemarked")
        let r = try #require(refusal {
            try o.bookIn2026(roomID: "sal", from: t("2026-03-26T19:00"), to: t("2026-03-26T21:00"), holder: "Kor",
                       repeatWeeklyUntil: d("2026-06-25"))
        })
        #expect(r.kind == "conflict")
        #expect(r.message.contains("booking \(blocker.bookings[0].id) by Loppemarked"))
        #expect(try o.bookings().map(\.holder) == ["Loppemarked"])
        #expect(try o.store.database.scalar("SELECT count(*) FROM booking_series")?.int == 0)
    }

    @Test("a booking across the spring change lasts its real length and conflicts by real time")
    func dstDayBooking() throws {
        let o = try bookingStore("dst", rooms: ["sal": "24/7"])
        let spring = try o.bookIn2026(roomID: "sal", from: t("2026-03-29T01:00"), to: t("2026-03-29T04:00"), holder: "Nat")
        #expect(spring.bookings[0].minutes == 120)
        #expect(spring.bookings[0].utc.start.description == "2026-03-29T00:00:00Z")
        #expect(spring.bookings[0].utc.end.description == "2026-03-29T02:00:00Z")
        #expect(refusal { try o.bookIn2026(roomID: "sal", from: t("2026-03-29T03:30"), to: t("2026-03-29T05:00"), holder: "Y") }?.kind == "conflict")
        try o.bookIn2026(roomID: "sal", from: t("2026-03-29T04:00"), to: t("2026-03-29T05:00"), holder: "Y")
        let autumn = try o.bookIn2026(roomID: "sal", from: t("2026-10-25T01:00"), to: t("2026-10-25T04:00"), holder: "Nat")
        #expect(autumn.bookings[0].minutes == 240)
        let free = try o.freeTime(roomID: "sal", from: t("2026-03-29T00:00"), to: t("2026-03-29T06:00"))
        #expect(free.free.map(\.description) == ["2026-03-29T00:00/2026-03-29T01:00", "2026-03-29T05:00/2026-03-29T06:00"])
    }

    @Test("weekly bookings skip dates the room is closed for school holidays")
    func weeklySkipsSchoolHolidays() throws {
        let o = try bookingStore("sh", rooms: ["aula": "Mo-Th 17:00-22:00; PH off; SH off"])
        try o.importSchoolHolidays(csv: "from,to,name\n2026-10-10,2026-10-18,Efterårsferie\n", source: "test.csv")
        let r = try o.bookIn2026(roomID: "aula", from: t("2026-10-06T19:00"), to: t("2026-10-06T21:00"), holder: "Kor",
                           repeatWeeklyUntil: d("2026-10-27"))
        #expect(r.skipped.map(\.description) == ["2026-10-13 (Efterårsferie)"])
        #expect(r.bookings.map(\.interval.start.date.description) == ["2026-10-06", "2026-10-20", "2026-10-27"])
    }

    @Test("cancel removes one booking or a whole series; unknown ids are not found")
    func cancelling() throws {
        let o = try bookingStore("cancel", rooms: ["sal": "24/7"])
        let single = try o.bookIn2026(roomID: "sal", from: t("2026-12-01T10:00"), to: t("2026-12-01T11:00"), holder: "A")
        let weekly = try o.bookIn2026(roomID: "sal", from: t("2026-12-02T10:00"), to: t("2026-12-02T11:00"), holder: "B",
                                repeatWeeklyUntil: d("2026-12-30"))
        #expect(weekly.bookings.count == 5)
        #expect(try o.cancel(bookingID: single.bookings[0].id).cancelled.map(\.holder) == ["A"])
        #expect(refusal { try o.cancel(bookingID: single.bookings[0].id) }?.kind == "notFound")
        #expect(refusal { try o.cancel(bookingID: 999_999, wholeSeries: true) }?.kind == "notFound")
        try o.cancel(bookingID: weekly.bookings[1].id)
        let ics = try o.iCalendar(bookings: o.bookings(), stamp: UTCInstant(secondsSince1970: 0))
        #expect(ics.contains("RRULE:FREQ=WEEKLY"))
        #expect(ics.contains("EXDATE;TZID=Europe/Copenhagen:20261209T100000"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
        let removed = try o.cancel(bookingID: weekly.bookings[2].id, wholeSeries: true)
        #expect(removed.cancelled.count == 4)
        #expect(removed.seriesID == weekly.seriesID)
        #expect(try o.bookings().isEmpty)
        #expect(try o.store.series(id: weekly.seriesID!) == nil)
    }

    @Test("free time is availability minus bookings, with short gaps dropped by --min-duration")
    func freeTime() throws {
        let o = try bookingStore("free", rooms: ["sal": "Mo-Fr 17:00-22:00; PH off"])
        try o.bookIn2026(roomID: "sal", from: t("2026-12-01T18:00"), to: t("2026-12-01T21:30"), holder: "A")
        let all = try o.freeTime(roomID: "sal", from: t("2026-12-01T00:00"), to: t("2026-12-02T00:00"))
        #expect(all.free.map(\.description) == ["2026-12-01T17:00/2026-12-01T18:00", "2026-12-01T21:30/2026-12-01T22:00"])
        let long = try o.freeTime(roomID: "sal", from: t("2026-12-01T00:00"), to: t("2026-12-02T00:00"),
                                  minDuration: ScheduleDuration(minutes: 45))
        #expect(long.free.map(\.description) == ["2026-12-01T17:00/2026-12-01T18:00"])
        let christmas = try o.freeTime(roomID: "sal", from: t("2026-12-24T00:00"), to: t("2026-12-28T00:00"))
        #expect(christmas.free.map(\.start.date.description) == ["2026-12-24"])
    }
}

@Suite("Booking while another connection writes")
struct BookingLockTests {
    @Test("a booking made while another connection holds the write lock waits for it and then succeeds")
    func waitsForTheWriteLock() throws {
        let (o, path) = try freshOverblik("lock")
        let facility = Facility(id: "hall", name: "Hus", kind: .villageHall, location: Coordinate(lon: 9.9, lat: 57.0),
                                openingHours: "24/7")
        try o.store.write { try o.store.insert(facilities: [facility], replace: false) }
        let locked = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        let thread = Thread {
            // A second connection takes the write lock, writes a booking of its own, and keeps the lock a while.
            guard let other = try? OverblikStore(path: path) else { locked.signal(); released.signal(); return }
            _ = try? other.write {
                try other.insert(booking: StoredBooking(roomID: "hall", startLocal: "2026-12-01T08:00", endLocal: "2026-12-01T09:00",
                                                        startUTC: 1_795_000_000, endUTC: 1_795_003_600, holder: "Other"),
                                 createdUTC: 0)
                locked.signal()
                usleep(1_500_000)
            }
            released.signal()
        }
        thread.start()
        locked.wait()
        let receipt = try o.bookIn2026(roomID: "hall", from: t("2026-12-02T10:00"), to: t("2026-12-02T11:00"), holder: "Waiting")
        released.wait()
        #expect(receipt.bookings.count == 1)
        #expect(try o.bookings().map(\.holder).sorted() == ["Other", "Waiting"])
    }
}
