import Foundation
import Testing
@testable import Analysis

@Suite("Two-step floating catchment accessibility")
struct TwoStepFloatingCatchmentTests {
    /// Points: 0 (100 residents) 0 m from facility 0; 1 (200) 500 m from f0 and 800 m from f1;
    /// 2 (300) 1 200 m from f1, outside the 1 000 m catchment. Supplies 10 and 20.
    static func rows() throws -> DistanceRows {
        try DistanceRows(rows: SparseRows(rows: [[0], [0, 1], [1]], columnCount: 2), metres: [0, 500, 800, 1_200])
    }

    @Test("Classic 2SFCA on a hand-computed case")
    func classic() throws {
        let r = try TwoStepFloatingCatchment.compute(supply: [10, 20], population: [100, 200, 300], distances: Self.rows(),
                                                     catchmentMetres: 1_000, decay: .none, districts: [0, 0, 1], districtCount: 3)
        // R0 = 10 / (100 + 200), R1 = 20 / 200; A = [R0, R0 + R1, 0].
        #expect(abs(r.ratio[0] - 1.0 / 30) < 1e-15)
        #expect(abs(r.ratio[1] - 0.1) < 1e-15)
        #expect(abs(r.index[0] - 1.0 / 30) < 1e-15)
        #expect(abs(r.index[1] - (1.0 / 30 + 0.1)) < 1e-15)
        #expect(r.index[2] == 0)
        #expect(abs(r.districtMean[0]! - (100.0 / 30 + 200 * (1.0 / 30 + 0.1)) / 300) < 1e-12)
        #expect(r.districtMean[1] == 0)
        #expect(r.districtMean[2] == nil)
        // Supply is conserved: Σ P_i A_i = Σ S_j over facilities that anyone reaches.
        #expect(abs(zip([100.0, 200, 300], r.index).reduce(0) { $0 + $1.0 * $1.1 } - 30) < 1e-12)
    }

    @Test("Gaussian 2SFCA on a hand-computed case")
    func gaussian() throws {
        let r = try TwoStepFloatingCatchment.compute(supply: [10, 20], population: [100, 200, 300], distances: Self.rows(),
                                                     catchmentMetres: 1_000, decay: .gaussian)
        // w(500) = (e^-0.125 − e^-0.5) / (1 − e^-0.5) = 0.701366573..., w(800) = 0.304009398...
        #expect(abs(DistanceDecay.gaussian.weight(metres: 500, catchmentMetres: 1_000) - 0.7013665732) < 1e-9)
        #expect(abs(DistanceDecay.gaussian.weight(metres: 800, catchmentMetres: 1_000) - 0.3040093982) < 1e-9)
        #expect(abs(r.ratio[0] - 0.0416192701826) < 1e-12)   // 10 / (100 + 200 w(500))
        #expect(abs(r.ratio[1] - 0.3289371992564) < 1e-12)   // 20 / (200 w(800))
        #expect(abs(r.index[1] - 0.1291903649087) < 1e-12)   // w(500) R0 + w(800) R1
        #expect(r.overallMean != nil)
    }

    @Test("The Gaussian decay is 1 at the facility, 0 at and beyond the edge, and falls in between",
          arguments: [0.0, 100, 250, 500, 750, 999])
    func decayShape(metres: Double) {
        let w = DistanceDecay.gaussian.weight(metres: metres, catchmentMetres: 1_000)
        let further = DistanceDecay.gaussian.weight(metres: metres + 1, catchmentMetres: 1_000)
        #expect(w <= 1 && w > further && further >= 0)
        #expect(DistanceDecay.gaussian.weight(metres: 0, catchmentMetres: 1_000) == 1)
        #expect(abs(DistanceDecay.gaussian.weight(metres: 1_000, catchmentMetres: 1_000)) < 1e-15)
        #expect(DistanceDecay.gaussian.weight(metres: 1_000.5, catchmentMetres: 1_000) == 0)
    }

    @Test("A facility nobody reaches has ratio 0; empty input gives empty output")
    func degenerate() throws {
        let r = try TwoStepFloatingCatchment.compute(supply: [5], population: [10],
                                                     distances: DistanceRows(rows: SparseRows(rows: [[]], columnCount: 1), metres: []),
                                                     catchmentMetres: 1_000)
        #expect(r.ratio == [0] && r.index == [0] && r.overallMean == 0)
        let e = try TwoStepFloatingCatchment.compute(supply: [], population: [],
                                                     distances: DistanceRows(rows: SparseRows(rows: [], columnCount: 0), metres: []),
                                                     catchmentMetres: 1_000)
        #expect(e.index.isEmpty && e.overallMean == nil)
    }

    @Test("Mismatched sizes are rejected")
    func rejects() throws {
        #expect(throws: AnalysisInputError.countMismatch(what: "distance row columns (one per facility)", expected: 3, got: 2)) {
            try TwoStepFloatingCatchment.compute(supply: [1, 2, 3], population: [1, 1, 1], distances: Self.rows(), catchmentMetres: 1)
        }
    }
}
