import Testing
import Scheduling

@Suite("Copenhagen daylight-saving time")
struct CopenhagenTimeTests {
    @Test("Wall-clock times map to UTC with CET or CEST", arguments: [
        ("2026-01-15T12:00", "2026-01-15T11:00:00Z"),
        ("2026-07-15T12:00", "2026-07-15T10:00:00Z"),
        ("2026-03-29T01:59", "2026-03-29T00:59:00Z"),  // last CET minute
        ("2026-03-29T03:00", "2026-03-29T01:00:00Z"),  // first CEST minute
        ("2026-03-29T02:30", "2026-03-29T01:30:00Z"),  // gap: moves forward by one hour (03:30 CEST)
        ("2026-10-25T01:59", "2026-10-24T23:59:00Z"),
        ("2026-10-25T02:30", "2026-10-25T00:30:00Z"),  // repeated hour: the earlier instant (CEST)
        ("2026-10-25T03:00", "2026-10-25T02:00:00Z"),
    ])
    func localToUTC(local: String, utc: String) {
        #expect(CopenhagenTime.instant(of: at(local)).description == utc)
    }

    @Test("UTC instants map back to wall-clock time; the repeated hour shows twice")
    func utcToLocal() {
        let base = CopenhagenTime.instant(of: at("2026-10-25T00:00")).secondsSince1970 // 2026-10-24T22:00Z
        let seen = (0..<6).map { CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: base + Int64($0) * 1800)).description }
        #expect(seen == ["2026-10-25T00:00", "2026-10-25T00:30", "2026-10-25T01:00", "2026-10-25T01:30",
                         "2026-10-25T02:00", "2026-10-25T02:30"])
        let later = (6..<10).map { CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: base + Int64($0) * 1800)).description }
        #expect(later == ["2026-10-25T02:00", "2026-10-25T02:30", "2026-10-25T03:00", "2026-10-25T03:30"])
    }

    @Test("Gap and repeated hour are detected")
    func gapAndRepeat() {
        #expect(CopenhagenTime.isInGap(at("2026-03-29T02:00")))
        #expect(CopenhagenTime.isInGap(at("2026-03-29T02:59")))
        #expect(!CopenhagenTime.isInGap(at("2026-03-29T03:00")))
        #expect(!CopenhagenTime.isInGap(at("2026-03-29T01:59")))
        #expect(CopenhagenTime.isAmbiguous(at("2026-10-25T02:00")))
        #expect(!CopenhagenTime.isAmbiguous(at("2026-10-25T03:00")))
        #expect(!CopenhagenTime.isAmbiguous(at("2026-10-25T01:59")))
    }

    @Test("Transitions fall on the last Sundays of March and October", arguments: [
        (2026, "2026-03-29", "2026-10-25"), (2027, "2027-03-28", "2027-10-31"), (2028, "2028-03-26", "2028-10-29"),
    ])
    func transitionDates(year: Int, spring: String, autumn: String) {
        #expect(CopenhagenTime.isInGap(at(spring + "T02:30")))
        #expect(CopenhagenTime.isAmbiguous(at(autumn + "T02:30")))
        #expect(!CopenhagenTime.isInGap(at(date(spring).adding(days: -7).description + "T02:30")))
    }

    @Test("Real durations count the hour lost or gained", arguments: [
        ("2026-03-29T01:00", "2026-03-29T04:00", 120),
        ("2026-10-25T01:00", "2026-10-25T04:00", 240),
        ("2026-06-01T01:00", "2026-06-01T04:00", 180),
        ("2026-03-28T12:00", "2026-03-29T12:00", 1380),
    ])
    func realDurations(from: String, to: String, minutes: Int) {
        #expect(interval(from, to).realMinutes == minutes)
    }
}
