import Testing
import Foundation
import Scheduling

@Suite("School holiday calendars")
struct SchoolHolidayCalendarTests {
    @Test("CSV periods parse with header, comments and inclusive dates")
    func parses() throws {
        let text = "\u{FEFF}from,to,name\n# comment\n\n2026-10-10,2026-10-18,Efterårsferie\r\n2026-12-19,2027-01-03,\"Jul, nytår\"\n"
        let calendar = try SchoolHolidayCalendar(csv: text)
        #expect(calendar.periods.count == 2)
        #expect(calendar.periods[1].name == "Jul, nytår")
        #expect(calendar.contains(date("2026-10-10")))
        #expect(calendar.contains(date("2026-10-18")))
        #expect(!calendar.contains(date("2026-10-19")))
        #expect(!calendar.contains(date("2026-10-09")))
        #expect(calendar.period(containing: date("2027-01-01"))?.name == "Jul, nytår")
    }

    @Test("Bad lines are reported with their line number", arguments: [
        ("from,to,name\n2026-10-10,2026-10-18\n", 2),
        ("2026-10-10,2026-10-18,A\n2026-10-20,2026-10-19,B\n", 2),
        ("2026-10-10,2026-13-18,A\n", 1),
        ("\n\n2026-10-10,x,A\n", 3),
        ("2026-10-10,2026-10-18,\n", 1),
    ])
    func reportsLines(text: String, line: Int) {
        #expect(throws: CalendarFileError.self) { try SchoolHolidayCalendar(csv: text) }
        do { _ = try SchoolHolidayCalendar(csv: text) } catch { #expect(error.line == line) }
    }

    @Test("A reversed period is rejected")
    func reversed() {
        #expect(throws: LocalTimeError.reversedDates(from: date("2026-06-02"), to: date("2026-06-01"))) {
            try SchoolHolidayPeriod(from: date("2026-06-02"), to: date("2026-06-01"), name: "x")
        }
    }

    @Test("Overlapping periods still answer membership")
    func overlapping() throws {
        let a = try SchoolHolidayPeriod(from: date("2026-06-01"), to: date("2026-08-31"), name: "Long")
        let b = try SchoolHolidayPeriod(from: date("2026-06-05"), to: date("2026-06-05"), name: "Short")
        let calendar = SchoolHolidayCalendar(periods: [b, a])
        #expect(calendar.contains(date("2026-07-15")))
        #expect(calendar.contains(date("2026-06-05")))
        #expect(!calendar.contains(date("2026-09-01")))
    }

    @Test("The Aalborg calendar file covers three school years with week 42 and week 7 holidays")
    func aalborgFile() throws {
        let path = dataDirectory() + "/calendars/aalborg-school-holidays.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let calendar = try SchoolHolidayCalendar(csv: text)
        let periods = calendar.periods
        #expect(periods.count >= 20)
        for (previous, next) in zip(periods, periods.dropFirst()) { #expect(previous.to < next.from) }
        for name in ["Efterårsferie"] {
            for p in periods where p.name == name {
                #expect(p.from.weekday == .saturday && p.to.weekday == .sunday)
                #expect(p.from.adding(days: 2).isoWeek.week == 42)
            }
        }
        for p in periods where p.name == "Vinterferie" {
            #expect(p.from.adding(days: 2).isoWeek.week == 7)
        }
        for p in periods where p.name == "Påskeferie" {
            #expect(p.to == DanishHolidays.easterSunday(year: p.to.year).adding(days: 1))
        }
        #expect(calendar.contains(date("2026-10-14")))
        #expect(calendar.contains(date("2027-07-15")))
        #expect(!calendar.contains(date("2026-11-03")))
    }
}
