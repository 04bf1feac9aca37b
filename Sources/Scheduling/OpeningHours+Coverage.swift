extension OpeningHours {
    /// Whether every minute of `interval` is open.
    func covers(_ interval: LocalInterval, calendar: HolidayCalendar) -> Bool {
        intervals(from: interval.start, to: interval.end, calendar: calendar) == [interval]
    }

    /// Whether every minute of `interval` would be open if `day` were not a public holiday
    /// (`publicOnly`) or not a public or school holiday.
    func covers(_ interval: LocalInterval, calendar: HolidayCalendar, ignoringHolidaysOn day: LocalDate,
                publicOnly: Bool) -> Bool {
        let first = CivilCalendar.floorDiv(interval.start.localMinutes, 1440) - 1
        let last = CivilCalendar.floorDiv(interval.end.localMinutes - 1, 1440)
        let list = uncachedIntervals(firstDay: first, lastDay: last, fromMinute: interval.start.localMinutes,
                                     toMinute: interval.end.localMinutes, calendar: calendar) { facts in
            guard facts.dayNumber == day.dayNumber else { return }
            facts.isPublicHoliday = false
            if !publicOnly { facts.isSchoolHoliday = false }
        }
        return list == [interval]
    }
}
