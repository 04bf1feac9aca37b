import Testing
@testable import Analysis

@Suite("Gap analysis")
struct GapAnalysisTests {
    @Test("Gaps are settlements beyond reach ranked by residents times distance, unreachable first")
    func ranking() throws {
        let nearest: [NearestFacility?] = [
            NearestFacility(facility: 0, metres: 6_000),   // 100 × 6000 = 600 000
            NearestFacility(facility: 1, metres: 5_000),   // at the threshold: covered
            nil,                                           // no facility: first
            NearestFacility(facility: 2, metres: 12_000),  // 50 × 12000 = 600 000, fewer residents
            NearestFacility(facility: 3, metres: 2_500),   // urban, beyond 2 km
            NearestFacility(facility: 0, metres: 9_000),   // population 0: never a gap
        ]
        let gaps = try GapAnalysis.gaps(populations: [100, 400, 10, 50, 1_000, 0],
                                        rural: [true, true, true, true, false, true],
                                        reach: .byClass(ruralMetres: 5_000, urbanMetres: 2_000), nearest: nearest)
        #expect(gaps.map(\.index) == [2, 4, 0, 3])
        #expect(gaps[0].facility == nil && gaps[0].distanceMetres == nil && gaps[0].score == nil)
        #expect(gaps[1].score == 2_500_000 && gaps[1].thresholdMetres == 2_000 && gaps[1].facility == 3)
    }

    @Test("No settlements give no gaps")
    func empty() throws {
        #expect(try GapAnalysis.gaps(populations: [], rural: [], reach: .within(metres: 1), nearest: []).isEmpty)
    }

    @Test("Mismatched inputs are rejected")
    func mismatch() {
        #expect(throws: AnalysisInputError.countMismatch(what: "settlement rural flags", expected: 1, got: 0)) {
            try GapAnalysis.gaps(populations: [1], rural: [], reach: .within(metres: 1), nearest: [nil])
        }
    }
}
