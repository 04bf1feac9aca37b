import Testing
import Scheduling

@Suite("Interval algebra")
struct IntervalAlgebraTests {
    /// Intervals on 2026-12-01 written as hour pairs.
    func day(_ pairs: [(Int, Int)]) -> [LocalInterval] {
        let midnight = at("2026-12-01T00:00")
        return pairs.map { pair in
            do { return try LocalInterval(start: midnight.adding(minutes: pair.0 * 60), end: midnight.adding(minutes: pair.1 * 60)) }
            catch { fatalError("bad test interval \(pair)") }
        }
    }

    @Test("Normalising merges overlapping and touching intervals")
    func normalize() {
        #expect(IntervalAlgebra.normalized(day([(14, 16), (8, 10), (10, 12), (9, 11), (17, 18)])) == day([(8, 12), (14, 16), (17, 18)]))
    }

    @Test("Subtraction cuts holes and trims ends", arguments: [
        ([(8, 16)], [(10, 12)], [(8, 10), (12, 16)]),
        ([(8, 16)], [(6, 9), (15, 20)], [(9, 15)]),
        ([(8, 16)], [(8, 16)], []),
        ([(8, 10), (12, 14)], [(9, 13)], [(8, 9), (13, 14)]),
        ([(8, 10)], [], [(8, 10)]),
        ([(8, 10)], [(10, 11)], [(8, 10)]),
    ])
    func subtract(base: [(Int, Int)], cut: [(Int, Int)], expected: [(Int, Int)]) {
        #expect(IntervalAlgebra.subtracting(day(cut), from: day(base)) == day(expected))
    }

    @Test("Intersection keeps common minutes")
    func intersect() {
        #expect(IntervalAlgebra.intersection(day([(8, 12), (14, 18)]), day([(10, 15), (17, 20)])) == day([(10, 12), (14, 15), (17, 18)]))
    }

    @Test("Empty or reversed intervals are rejected")
    func rejectsEmpty() {
        #expect(throws: IntervalError.self) { try LocalInterval(start: at("2026-12-01T10:00"), end: at("2026-12-01T10:00")) }
        #expect(throws: IntervalError.self) { try LocalInterval(start: at("2026-12-01T10:00"), end: at("2026-12-01T09:00")) }
    }

    @Test("Opening-hours intervals on the spring change day are shorter in real time")
    func dstOpeningHours() {
        let list = hours("Su 01:00-04:00").intervals(from: at("2026-03-29T00:00"), to: at("2026-03-30T00:00"), calendar: .danish)
        #expect(render(list) == ["2026-03-29T01:00/2026-03-29T04:00"])
        #expect(list.first?.realMinutes == 120)
        let autumn = hours("Su 01:00-04:00").intervals(from: at("2026-10-25T00:00"), to: at("2026-10-26T00:00"), calendar: .danish)
        #expect(autumn.first?.realMinutes == 240)
    }

    @Test("The benchmark helper produces a year of intervals")
    func benchmarkHelper() {
        let h = hours(SchedulingBenchmark.sampleOpeningHours)
        let perYear = SchedulingBenchmark.yearOfIntervals(h, year: 2026, calendar: testCalendar, iterations: 2) / 2
        let direct = h.intervals(from: at("2026-01-01T00:00"), to: at("2027-01-01T00:00"), calendar: testCalendar).count
        #expect(perYear == direct && direct > 150)
    }
}
