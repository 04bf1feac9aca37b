import Testing
import Scheduling

@Suite("iCalendar output")
struct ICalendarTests {
    let stamp = UTCInstant(secondsSince1970: 1_795_000_000)

    func physicalLines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        lines.removeLast()
        return lines
    }

    /// Undoes folding: a line starting with a space continues the previous one.
    func unfolded(_ text: String) -> [String] {
        var out: [String] = []
        for line in physicalLines(text) {
            if line.hasPrefix(" ") { out[out.count - 1] += line.dropFirst() } else { out.append(String(line)) }
        }
        return out
    }

    @Test("A booking becomes a VEVENT with TZID times, a VTIMEZONE, UID, DTSTAMP and SUMMARY")
    func singleEvent() {
        let event = ICalendarEvent(uid: "booking-1@overblik", summary: "Skak, Nibe; voksne",
                                   interval: interval("2026-12-01T19:00", "2026-12-01T21:00"))
        let text = ICalendarWriter.calendar(events: [event], stamp: stamp)
        let lines = unfolded(text)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.contains("TZID:Europe/Copenhagen"))
        #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        #expect(lines.contains("DTSTART;TZID=Europe/Copenhagen:20261201T190000"))
        #expect(lines.contains("DTEND;TZID=Europe/Copenhagen:20261201T210000"))
        #expect(lines.contains("UID:booking-1@overblik"))
        #expect(lines.contains("DTSTAMP:" + stamp.iCalendarText))
        #expect(lines.contains("SUMMARY:Skak\\, Nibe\\; voksne"))
        #expect(lines.contains("TRANSP:OPAQUE"))
        #expect(!text.replacingCRLF().contains("\n"))
    }

    @Test("Recurring bookings carry RRULE with a UTC UNTIL and EXDATEs for skipped dates")
    func recurring() throws {
        let rec = try WeeklyRecurrence(start: at("2026-03-26T19:00"), end: at("2026-03-26T21:00"), until: date("2026-04-30"))
        let event = ICalendarEvent(uid: "r@overblik", summary: "Kor", recurrence: rec, expansion: rec.expand(calendar: .danish))
        let lines = unfolded(ICalendarWriter.calendar(events: [event], stamp: stamp))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;UNTIL=20260430T170000Z")) // 19:00 CEST
        #expect(lines.contains("EXDATE;TZID=Europe/Copenhagen:20260402T190000"))
    }

    @Test("Free slots can be written as transparent events or as VFREEBUSY")
    func freeSlots() {
        let free = [interval("2026-12-01T17:00", "2026-12-01T18:00"), interval("2026-12-01T19:00", "2026-12-01T22:00")]
        let events = free.enumerated().map {
            ICalendarEvent(uid: "free-\($0.offset)@overblik", summary: "Ledig", interval: $0.element, isTransparent: true)
        }
        #expect(unfolded(ICalendarWriter.calendar(events: events, stamp: stamp)).filter { $0 == "TRANSP:TRANSPARENT" }.count == 2)
        let fb = unfolded(ICalendarWriter.freeBusy(uid: "fb@overblik", free: free, from: at("2026-12-01T00:00"),
                                                   to: at("2026-12-02T00:00"), stamp: stamp))
        #expect(fb.contains("BEGIN:VFREEBUSY") && fb.contains("END:VFREEBUSY"))
        #expect(fb.contains("DTSTART:20261130T230000Z"))
        #expect(fb.contains("FREEBUSY;FBTYPE=FREE:20261201T160000Z/20261201T170000Z"))
        #expect(fb.contains("FREEBUSY;FBTYPE=FREE:20261201T180000Z/20261201T210000Z"))
    }

    @Test("Long lines fold at 75 octets without splitting UTF-8 and unfold to the original")
    func folding() {
        let summary = String(repeating: "Forsamlingshus ære ø å – ", count: 8)
        let event = ICalendarEvent(uid: "long@overblik", summary: summary, interval: interval("2026-12-01T19:00", "2026-12-01T21:00"),
                                   details: "Line one\nLine two\\end")
        let text = ICalendarWriter.calendar(events: [event], stamp: stamp)
        for line in physicalLines(text) { #expect(line.utf8.count <= 75) }
        let lines = unfolded(text)
        #expect(lines.contains("SUMMARY:" + summary))
        #expect(lines.contains("DESCRIPTION:Line one\\nLine two\\\\end"))
        #expect(physicalLines(text).contains { $0.hasPrefix(" ") })
    }

    @Test("Folding keeps short lines intact", arguments: [0, 1, 74, 75, 76, 150, 151])
    func foldSizes(length: Int) {
        let line = String(repeating: "x", count: length)
        let parts = ICalendarWriter.fold(line)
        #expect(parts.allSatisfy { $0.utf8.count <= 75 })
        #expect(parts.first! + parts.dropFirst().map { String($0.dropFirst()) }.joined() == line)
        #expect(parts.count == (length <= 75 ? 1 : 1 + (length - 75 + 73) / 74))
    }
}

extension String {
    func replacingCRLF() -> String { split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "") }
}
