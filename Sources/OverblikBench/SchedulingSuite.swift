import Foundation
import Overblik
import Scheduling

/// Scheduling hot paths: a year of open intervals from a compiled opening_hours rule (target < 50 µs),
/// and the `near --free-weekly` filter over many synthetic rooms (target < 100 ms for 100 000 rooms),
/// measured both as plain `FreeTime.checkWeekly` per room and through `WeeklySlotFilter`, whose verdicts
/// are compared room by room.
enum SchedulingSuite: BenchSuite {
    static let name = "scheduling"
    static let summary = "opening_hours year intervals; weekly-slot filter over N rooms (--sizes)"

    /// Availabilities seen in Aalborg-like data; rooms draw from these.
    static let availabilityPool = [
        SchedulingBenchmark.sampleOpeningHours,
        "Mo-Th 17:00-22:00; PH off; SH off; Jul off",
        "Mo-Th 17:00-21:00; PH off; SH off",
        "Mo-Fr 08:00-21:00; Sa,Su 10:00-16:00; PH off",
        "Mo-Th 10:00-19:00; Fr 10:00-17:00; Sa 10:00-14:00; PH off",
        "Mo-Su 09:00-23:00; Dec 24-26 off",
        "Mo-Su 10:00-23:00; 2026 Jun 01-2026 Aug 15 off; PH off",
        "Tu,Th 18:00-22:00; Sa 09:00-13:00; PH off; Jul off",
        "Mo-Fr 16:00-22:00; Sa,Su 08:00-18:00; week 01-53/2 Su off; PH off",
        "24/7",
    ]

    struct YearCase: Encodable {
        var caseName: String
        var openingHours: String
        var intervalsPerYear: Int
        var latency: LatencySummary
        var targetMicroseconds: Double
    }

    struct FilterCase: Encodable {
        var caseName: String
        var rooms: Int
        var distinctOpeningHours: Int
        var bookings: Int
        var freeRooms: Int
        var wallMilliseconds: Double
        var cpuMilliseconds: Double
        var targetMilliseconds: Double
        var mismatches: Int
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        var calendar = HolidayCalendar.danish
        if let text = try? String(contentsOfFile: "Data/calendars/aalborg-school-holidays.csv", encoding: .utf8) {
            calendar.schoolHolidays = try SchoolHolidayCalendar(csv: text)
        }
        report.tableHeader(["case", "median µs", "p95 µs", "cpu µs/op", "intervals", "target µs"])
        let iterations = min(options.queries, 5_000)
        for (i, text) in availabilityPool.prefix(4).enumerated() {
            let hours = try OpeningHours(parsing: text)
            var latencies = [UInt64](repeating: 0, count: iterations)
            var produced = 0
            let cpu0 = threadCPUNanoseconds(), wall0 = nowNanoseconds()
            for k in 0..<iterations {
                let t = nowNanoseconds()
                produced = SchedulingBenchmark.yearOfIntervals(hours, year: 2026 + k % 2, calendar: calendar, iterations: 1)
                latencies[k] = nowNanoseconds() - t
            }
            let latency = LatencySummary(nanoseconds: latencies, totalNanoseconds: nowNanoseconds() - wall0,
                                         cpuNanoseconds: threadCPUNanoseconds() - cpu0)
            let result = YearCase(caseName: "year-intervals-\(i)", openingHours: text, intervalsPerYear: produced,
                                  latency: latency, targetMicroseconds: 50)
            report.emit(result)
            report.tableRow([result.caseName, fixed(latency.medianMicroseconds, 2), fixed(latency.p95Microseconds, 2),
                             fixed(latency.cpuMicrosecondsPerOperation, 2), String(produced), "50"])
        }

        report.tableHeader(["case", "rooms", "free", "wall ms", "cpu ms", "target ms", "mismatch"])
        let slot = try WeeklySlot(parsing: "Tu 19:00-21:00")
        let from = try LocalDate(parsing: "2026-08-01"), through = try LocalDate(parsing: "2027-06-30")
        for size in options.sizes where size <= 1_000_000 {
            var rng = SplitMix64(seed: options.seed &+ UInt64(size))
            // Each room: an availability from the pool; one room in five has a few bookings in the period.
            var texts: [String] = [], bookings: [[LocalInterval]] = []
            texts.reserveCapacity(size)
            for _ in 0..<size {
                texts.append(availabilityPool[Int(rng.next() % UInt64(availabilityPool.count))])
                var list: [LocalInterval] = []
                if rng.next() % 5 == 0 {
                    for _ in 0..<Int(1 + rng.next() % 4) {
                        let day = from.adding(days: Int(rng.next() % 330))
                        let start = LocalDateTime(date: day, minuteOfDay: 17 * 60 + Int(rng.next() % 8) * 30)
                        list.append(try LocalInterval(start: start, end: start.adding(minutes: 90)))
                    }
                }
                bookings.append(list)
            }
            let totalBookings = bookings.reduce(0) { $0 + $1.count }

            // Fast path: the filter near uses.
            var filter = WeeklySlotFilter(slot: slot, from: from, through: through, calendar: calendar)
            var fast = [Bool](repeating: false, count: size)
            let c0 = threadCPUNanoseconds(), w0 = nowNanoseconds()
            for r in 0..<size { fast[r] = filter.isFree(openingHours: texts[r], bookings: bookings[r]) }
            let fastWall = Double(nowNanoseconds() - w0) / 1e6, fastCPU = Double(threadCPUNanoseconds() - c0) / 1e6

            // Plain path: checkWeekly per room (compiled rules shared, as timeFilter does); skipped above
            // 200 000 rooms, where it takes many seconds.
            var compiled: [String: OpeningHours] = [:]
            for text in availabilityPool { compiled[text] = try OpeningHours(parsing: text) }
            var mismatches = 0, freeCount = 0
            let plainRooms = size <= 200_000 ? size : 0
            let c1 = threadCPUNanoseconds(), w1 = nowNanoseconds()
            for r in 0..<plainRooms {
                let check = FreeTime.checkWeekly(slot, openingHours: compiled[texts[r]]!, calendar: calendar, bookings: bookings[r],
                                                 from: from, through: through)
                let free = check.isFreeEveryWeek && !check.freeDates.isEmpty
                if free { freeCount += 1 }
                if free != fast[r] { mismatches += 1 }
            }
            let plainWall = Double(nowNanoseconds() - w1) / 1e6, plainCPU = Double(threadCPUNanoseconds() - c1) / 1e6

            if plainRooms == 0 { freeCount = fast.filter { $0 }.count }
            var cases = [("weekly-filter", fastWall, fastCPU)]
            if plainRooms > 0 { cases.append(("checkWeekly-per-room", plainWall, plainCPU)) }
            for (caseName, wall, cpu) in cases {
                let result = FilterCase(caseName: caseName, rooms: size, distinctOpeningHours: availabilityPool.count,
                                        bookings: totalBookings, freeRooms: freeCount, wallMilliseconds: wall,
                                        cpuMilliseconds: cpu, targetMilliseconds: 100, mismatches: mismatches)
                report.emit(result)
                report.tableRow([caseName, String(size), String(freeCount), fixed(wall, 1), fixed(cpu, 1), "100", String(mismatches)])
            }
        }
    }
}
