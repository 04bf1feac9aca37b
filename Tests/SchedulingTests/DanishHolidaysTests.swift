import Testing
import Scheduling

@Suite("Danish holidays")
struct DanishHolidaysTests {
    @Test("Easter Sunday follows the Gregorian computus", arguments: [
        (2000, "2000-04-23"), (2019, "2019-04-21"), (2023, "2023-04-09"), (2024, "2024-03-31"),
        (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2028, "2028-04-16"), (2038, "2038-04-25"),
    ])
    func easter(year: Int, expected: String) {
        #expect(DanishHolidays.easterSunday(year: year) == date(expected))
    }

    @Test("Holiday lists per year", arguments: [
        (2023, ["2023-01-01", "2023-04-06", "2023-04-07", "2023-04-09", "2023-04-10", "2023-05-05", "2023-05-18",
                "2023-05-28", "2023-05-29", "2023-12-25", "2023-12-26"]),
        (2024, ["2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-09", "2024-05-19",
                "2024-05-20", "2024-12-25", "2024-12-26"]),
        (2026, ["2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-14", "2026-05-24",
                "2026-05-25", "2026-12-25", "2026-12-26"]),
        (2027, ["2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-06", "2027-05-16",
                "2027-05-17", "2027-12-25", "2027-12-26"]),
    ])
    func holidayLists(year: Int, expected: [String]) {
        #expect(DanishHolidays.holidays(year: year).map(\.date.description) == expected)
    }

    @Test("Store bededag exists only before 2024")
    func storeBededag() {
        #expect(DanishHolidays.holiday(on: date("2023-05-05"))?.name == "Store bededag")
        #expect(DanishHolidays.holidays(year: 2024).allSatisfy { $0.name != "Store bededag" })
        #expect(DanishHolidays.holidays(year: 2026).count == 10)
        #expect(DanishHolidays.holidays(year: 2023).count == 11)
    }

    @Test("Holidays carry their Danish names")
    func names() {
        let names = DanishHolidays.holidays(year: 2026).map(\.name)
        #expect(names == ["Nytårsdag", "Skærtorsdag", "Langfredag", "Påskedag", "2. påskedag",
                          "Kristi himmelfartsdag", "Pinsedag", "2. pinsedag", "Juledag", "2. juledag"])
    }

    @Test("Customary closing days count as PH only when asked")
    func customary() {
        let plain = HolidayCalendar.danish
        let strict = HolidayCalendar(customaryClosingDaysArePublicHolidays: true)
        for day in ["2026-06-05", "2026-12-24", "2026-12-31"] {
            #expect(!plain.isPublicHoliday(date(day)))
            #expect(strict.isPublicHoliday(date(day)))
        }
        #expect(strict.publicHolidays(year: 2026).filter(\.isCustomary).map(\.name) == ["Grundlovsdag", "Juleaften", "Nytårsaften"])
        #expect(plain.isPublicHoliday(date("2026-04-03")))
        #expect(!plain.isPublicHoliday(date("2026-04-04")))
    }
}
