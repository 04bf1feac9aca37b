import Testing
import TestSupport
@testable import Analysis

/// The streamed 2SFCA (rows asked for twice, in blocks on two threads) against the textbook
/// computation written out here over a held table of rows: the same bits, on seeded random cases.
@Suite("Streamed 2SFCA gives the bits of the held-table computation")
struct StreamedCatchmentTests {
    /// Rows of random facilities with random distances (some beyond the catchment), sorted by (distance, facility).
    static func instance(seed: UInt64, points: Int, facilities: Int) -> (supply: [Double], population: [Double], rows: [[NearestFacility]], districts: [Int32]) {
        var rng = SeededGenerator(seed: seed)
        let supply = (0 ..< facilities).map { _ in Double.random(in: 0...500, using: &rng).rounded() / 7 }
        let population = (0 ..< points).map { i in i % 11 == 0 ? 0 : Double(Int.random(in: 1...40, using: &rng)) }
        let rows = (0 ..< points).map { _ -> [NearestFacility] in
            let columns = (0 ..< facilities).shuffled(using: &rng).prefix(Int.random(in: 0...min(30, facilities), using: &rng))
            return columns.map { NearestFacility(facility: $0, metres: Double.random(in: 0...1_300, using: &rng)) }
                .sorted { ($0.metres, $0.facility) < ($1.metres, $1.facility) }
        }
        let districts = (0 ..< points).map { _ in Int32.random(in: -1...3, using: &rng) }
        return (supply, population, rows, districts)
    }

    /// Step 1 over the held rows point by point, then step 2 row by row.
    static func reference(supply: [Double], population: [Double], rows: [[NearestFacility]], d0: Double, decay: DistanceDecay) -> (ratio: [Double], index: [Double]) {
        var demand = [Double](repeating: 0, count: supply.count)
        for (i, row) in rows.enumerated() where population[i] > 0 {
            for hit in row { demand[hit.facility] += decay.weight(metres: hit.metres, catchmentMetres: d0) * population[i] }
        }
        let ratio = supply.indices.map { demand[$0] > 0 ? supply[$0] / demand[$0] : 0 }
        let index = rows.map { row in row.reduce(0.0) { $0 + decay.weight(metres: $1.metres, catchmentMetres: d0) * ratio[$1.facility] } }
        return (ratio, index)
    }

    @Test("same ratios, indices and district means", arguments: [(UInt64(1), 5_000, 40), (2, 700, 3), (3, 3, 50), (4, 0, 5)],
          [DistanceDecay.gaussian, .none])
    func sameBits(_ c: (seed: UInt64, points: Int, facilities: Int), decay: DistanceDecay) throws {
        let x = Self.instance(seed: c.seed, points: c.points, facilities: c.facilities)
        let expected = Self.reference(supply: x.supply, population: x.population, rows: x.rows, d0: 1_000, decay: decay)
        let rows = x.rows
        let streamed = try TwoStepFloatingCatchment.compute(supply: x.supply, population: x.population, catchmentMetres: 1_000,
                                                            decay: decay, districts: x.districts, districtCount: 4, threads: 2) { rows[$0] }
        #expect(streamed.ratio == expected.ratio)
        #expect(streamed.index == expected.index)
        let held = try TwoStepFloatingCatchment.compute(
            supply: x.supply, population: x.population,
            distances: DistanceRows.build(rowCount: rows.count, columnCount: x.supply.count) { rows[$0] },
            catchmentMetres: 1_000, decay: decay, districts: x.districts, districtCount: 4)
        #expect(held == streamed)
    }

    @Test("a row naming no facility, or with a bad distance, is refused", arguments: [-1, 5], [Double.nan, 10])
    func badRows(column: Int, metres: Double) {
        #expect(throws: AnalysisInputError.self) {
            try TwoStepFloatingCatchment.compute(supply: [1, 2, 3, 4, 5], population: [1, 1], catchmentMetres: 100) { i in
                i == 1 ? [NearestFacility(facility: column, metres: metres)] : []
            }
        }
    }
}
