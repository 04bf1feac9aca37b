import TestSupport
import Testing
@testable import Analysis

@Suite("Weighted quantile selection")
struct WeightedQuantileTests {
    /// The definition, by sorting: the smallest d whose cumulative weight reaches q·W.
    static func bySorting(_ items: [WeightedDistance], q: Double) -> Double? {
        let total = items.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var cumulative = 0.0
        for item in items.sorted(by: { $0.metres < $1.metres }) {
            cumulative += item.weight
            if cumulative >= q * total { return item.metres }
        }
        return nil
    }

    @Test("Selection agrees with sorting, with ties, infinities and both quantiles at once", arguments: 0 ..< 60)
    func agreesWithSorting(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let n = seed < 5 ? seed : Int.random(in: 1 ... 3_000, using: &rng)
        let distinct = Int.random(in: 1 ... 200, using: &rng)
        let items = (0 ..< n).map { _ in
            WeightedDistance(metres: Int.random(in: 0 ..< 15, using: &rng) == 0 ? .infinity : Double(Int.random(in: 0 ..< distinct, using: &rng)),
                             weight: Double(Int.random(in: 1 ... 7, using: &rng)))
        }
        let total = items.reduce(0) { $0 + $1.weight }
        for (q1, q2) in [(0.5, 0.9), (0.1, 0.1), (0.0, 1.0), (0.25, 0.75)] {
            var copy = items
            let (a, b) = copy.withUnsafeMutableBufferPointer { WeightedQuantile.select($0, q1: q1, q2: q2, totalWeight: total) }
            #expect(a == Self.bySorting(items, q: q1), "q1 = \(q1), n = \(n)")
            #expect(b == Self.bySorting(items, q: q2), "q2 = \(q2), n = \(n)")
            var single = items
            #expect(WeightedQuantile.select(&single, q: q2, totalWeight: total) == Self.bySorting(items, q: q2))
        }
    }

    @Test("The weighted median of 1, 2, 3, 4 metres weighted 1, 1, 1, 1 is 2 metres, p90 is 4")
    func handCase() {
        var items = [4.0, 1, 3, 2].map { WeightedDistance(metres: $0, weight: 1) }
        let (median, p90) = items.withUnsafeMutableBufferPointer { WeightedQuantile.select($0, q1: 0.5, q2: 0.9, totalWeight: 4) }
        #expect(median == 2 && p90 == 4)
    }
}
