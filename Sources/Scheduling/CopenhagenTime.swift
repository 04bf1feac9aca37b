/// A point on the UTC time line, in seconds since 1970-01-01T00:00:00Z.
public struct UTCInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public let secondsSince1970: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    public static func < (a: UTCInstant, b: UTCInstant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    /// `YYYYMMDDTHHMMSSZ` (the iCalendar UTC form).
    public var iCalendarText: String {
        let days = CivilCalendar.floorDiv(Int(secondsSince1970), 86_400)
        let secs = CivilCalendar.floorMod(Int(secondsSince1970), 86_400)
        let c = CivilCalendar.civil(days)
        return CivilCalendar.pad(c.year, 4) + CivilCalendar.pad(c.month, 2) + CivilCalendar.pad(c.day, 2) + "T"
            + CivilCalendar.pad(secs / 3600, 2) + CivilCalendar.pad(secs / 60 % 60, 2) + CivilCalendar.pad(secs % 60, 2) + "Z"
    }

    /// ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let days = CivilCalendar.floorDiv(Int(secondsSince1970), 86_400)
        let secs = CivilCalendar.floorMod(Int(secondsSince1970), 86_400)
        return LocalDate(dayNumber: days).description + "T" + CivilCalendar.pad(secs / 3600, 2) + ":"
            + CivilCalendar.pad(secs / 60 % 60, 2) + ":" + CivilCalendar.pad(secs % 60, 2) + "Z"
    }
}

/// Europe/Copenhagen civil time: CET (UTC+1) in winter, CEST (UTC+2) in summer, by the EU rule
/// (summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
///
/// Implemented from the rule itself, without a time-zone database; valid for the years the EU rule
/// applies (1996 onwards) and used as the rule for all years.
///
/// Policies for wall-clock times that are not exactly one instant:
/// - **Spring gap** (02:00-02:59 on the last Sunday of March does not exist): such a time is read
///   with the offset in force *before* the jump (CET), so it lands the length of the gap later:
///   02:30 becomes 01:30Z, shown as 03:30 CEST. This is what `java.time` and most calendar
///   clients do.
/// - **Autumn repeat** (02:00-02:59 on the last Sunday of October happens twice): the *earlier*
///   instant (still CEST, UTC+2) is chosen.
public enum CopenhagenTime {
    /// UTC offset in seconds at an instant: 3600 (CET) or 7200 (CEST).
    public static func utcOffsetSeconds(at instant: UTCInstant) -> Int {
        let days = CivilCalendar.floorDiv(Int(instant.secondsSince1970), 86_400)
        let year = CivilCalendar.civil(days).year
        let (start, end) = summerTime(year: year)
        return (instant.secondsSince1970 >= start && instant.secondsSince1970 < end) ? 7200 : 3600
    }

    /// Whether daylight-saving (CEST) is in force at an instant.
    public static func isSummerTime(at instant: UTCInstant) -> Bool { utcOffsetSeconds(at: instant) == 7200 }

    /// The instants (seconds since 1970) at which summer time begins and ends in `year`.
    static func summerTime(year: Int) -> (start: Int64, end: Int64) {
        let march = CivilCalendar.lastSunday(year: year, month: 3)
        let october = CivilCalendar.lastSunday(year: year, month: 10)
        return (Int64(march) * 86_400 + 3600, Int64(october) * 86_400 + 3600)
    }

    /// The wall-clock time at an instant (seconds are truncated).
    public static func localTime(at instant: UTCInstant) -> LocalDateTime {
        let local = instant.secondsSince1970 + Int64(utcOffsetSeconds(at: instant))
        return LocalDateTime(localMinutes: Int(CivilCalendar.floorDiv(Int(local), 60)))
    }

    /// The instant of a wall-clock time, applying the gap and repeat policies described on the type.
    public static func instant(of local: LocalDateTime) -> UTCInstant {
        let asUTC = Int64(local.localMinutes) * 60
        let summer = asUTC - 7200
        if utcOffsetSeconds(at: UTCInstant(secondsSince1970: summer)) == 7200 {
            return UTCInstant(secondsSince1970: summer) // CEST reading valid (earlier one if repeated)
        }
        // CET reading; in the spring gap neither reading is valid and CET moves the time forward.
        return UTCInstant(secondsSince1970: asUTC - 3600)
    }

    /// Whether a wall-clock time falls in the spring-forward gap (does not exist).
    public static func isInGap(_ local: LocalDateTime) -> Bool {
        let asUTC = Int64(local.localMinutes) * 60
        return utcOffsetSeconds(at: UTCInstant(secondsSince1970: asUTC - 7200)) != 7200
            && utcOffsetSeconds(at: UTCInstant(secondsSince1970: asUTC - 3600)) != 3600
    }

    /// Whether a wall-clock time occurs twice (the autumn repeated hour).
    public static func isAmbiguous(_ local: LocalDateTime) -> Bool {
        let asUTC = Int64(local.localMinutes) * 60
        return utcOffsetSeconds(at: UTCInstant(secondsSince1970: asUTC - 7200)) == 7200
            && utcOffsetSeconds(at: UTCInstant(secondsSince1970: asUTC - 3600)) == 3600
    }

    /// Elapsed real minutes from one wall-clock time to another (DST-aware; negative if `to` is earlier).
    public static func realMinutes(from: LocalDateTime, to: LocalDateTime) -> Int {
        Int((instant(of: to).secondsSince1970 - instant(of: from).secondsSince1970) / 60)
    }
}
