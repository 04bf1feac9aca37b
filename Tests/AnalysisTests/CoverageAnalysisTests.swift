import TestSupport
import Foundation
import Testing
@testable import Analysis

/// Brute force: sort by distance and take the first cumulative weight >= q·W.
private func bruteQuantile(_ items: [(Double, Double)], q: Double) -> Double? {
    let positive = items.filter { $0.1 > 0 }
    let total = positive.reduce(0) { $0 + $1.1 }
    guard total > 0 else { return nil }
    var cumulative = 0.0
    for (d, w) in positive.sorted(by: { $0.0 < $1.0 }) {
        cumulative += w
        if cumulative >= q * total { return d.isFinite ? d : nil }
    }
    return nil
}

private struct BruteFigures: Equatable {
    var population = 0.0, covered: [String: Double] = [:], mean: Double?, median: Double?, p90: Double?
    var max: Double?, unreachable = 0.0, points = 0
}

private func brute(_ idx: [Int], weights: [Double], metres: [Double], rural: [Bool], reaches: [Reach]) -> BruteFigures {
    var f = BruteFigures()
    var items: [(Double, Double)] = []
    var weighted = 0.0, maxD = 0.0, positive = 0
    for r in reaches { f.covered[r.label] = 0 }
    for i in idx {
        f.points += 1
        f.population += weights[i]
        items.append((metres[i], weights[i]))
        if weights[i] > 0 { positive += 1 }
        if metres[i].isFinite {
            weighted += weights[i] * metres[i]
            if weights[i] > 0 { maxD = Swift.max(maxD, metres[i]) }
        } else {
            f.unreachable += weights[i]
        }
        for r in reaches where metres[i] <= r.rule.thresholdMetres(rural: rural[i]) { f.covered[r.label]! += weights[i] }
    }
    let defined = f.population > 0 && f.unreachable == 0
    f.mean = defined ? weighted / f.population : nil
    f.max = defined && positive > 0 ? maxD : nil
    f.median = bruteQuantile(items, q: 0.5)
    f.p90 = bruteQuantile(items, q: 0.9)
    return f
}

private func asBrute(_ c: CoverageFigures) -> BruteFigures {
    BruteFigures(population: c.population, covered: c.coveredPopulation, mean: c.meanMetres, median: c.medianMetres,
                 p90: c.p90Metres, max: c.maxMetres, unreachable: c.unreachablePopulation, points: c.points)
}

@Suite("Coverage statistics")
struct CoverageAnalysisTests {
    static let reaches = [Reach(.within(metres: 2_500), label: "2.5km"),
                          Reach(.byClass(ruralMetres: 5_000, urbanMetres: 1_000))]

    @Test("A hand-computed district with an unreachable household has null mean and max",
          arguments: [1, 2])
    func handComputed(threads: Int) throws {
        let points = try DemandPoints(weights: [1, 2, 3, 4], districts: [0, 0, 0, 0])
        let analysis = try CoverageAnalysis(districts: [DistrictInfo(code: "A", name: "Alpha", rural: true)],
                                            points: points, facilityDistricts: [0, 0, -1],
                                            reaches: [Reach(.within(metres: 250), label: "250m")])
        let result = try analysis.run(nearestFacility: [0, 1, 1, -1], nearestMetres: [100, 200, 300, .infinity],
                                      threads: threads)
        let d = try #require(result.report.districts.first).figures
        #expect(d.population == 10)
        #expect(d.coveredPopulation["250m"] == 3)
        #expect(d.share["250m"] == 0.3)
        #expect(d.meanMetres == nil)
        #expect(d.maxMetres == nil)
        #expect(d.medianMetres == 300)     // cumulative 1, 3, 6 >= 5 at 300 m
        #expect(d.p90Metres == nil)        // 9 is reached only by the unreachable household
        #expect(d.unreachablePopulation == 4)
        #expect(d.facilities == 2)
        #expect(d.facilitiesPer1000 == 200)
        #expect(result.report.unreachablePoints == [3])
        // The facility outside every district is in no class and not in the total.
        #expect(result.report.total.facilities == 2)
        #expect(result.report.outsideDistricts.facilities == 1)
    }

    @Test("Fully reachable points give the weighted mean, median, p90 and max")
    func reachable() throws {
        let points = try DemandPoints(weights: [1, 1, 1, 1], districts: [0, 0, 0, 0], rural: [false, false, true, true])
        let analysis = try CoverageAnalysis(districts: [DistrictInfo(code: "U", name: "Urb", rural: false)],
                                            points: points, facilityDistricts: [],
                                            reaches: [Reach(.byClass(ruralMetres: 35, urbanMetres: 15), label: "k")])
        let r = analysis.run { i in NearestFacility(facility: 0, metres: Double(10 * (i + 1))) }
        let d = r.report.districts[0].figures
        #expect(d.meanMetres == 25)
        #expect(d.medianMetres == 20)   // the median is the smallest d with half the weight at or below it
        #expect(d.p90Metres == 40)
        #expect(d.maxMetres == 40)
        #expect(d.coveredPopulation["k"] == 2)  // urban 10 (<=15) and rural 30 (<=35)
        #expect(r.report.rural.population == 2)
        #expect(r.report.rural.coveredPopulation["k"] == 1)
        #expect(r.report.urban.coveredPopulation["k"] == 1)
        #expect(d.facilitiesPer1000 == 0)
    }

    @Test("A point exactly at the threshold is covered; without districts no point is outside one")
    func thresholdIsInclusive() throws {
        let points = try DemandPoints(weights: [5], districts: [-1])
        let analysis = try CoverageAnalysis(districts: [], points: points, facilityDistricts: [],
                                            reaches: [Reach(.within(metres: 1000))])
        let r = try analysis.run(nearestFacility: [0], nearestMetres: [1000])
        #expect(r.report.total.coveredPopulation["1000m"] == 5)
        // Without districts nothing is outside one: the point is in its class and the total only.
        #expect(r.report.outsideDistricts.population == 0 && r.report.outsideDistricts.points == 0)
        #expect(r.report.rural.population + r.report.urban.population == r.report.total.population)
    }

    @Test("Without districts, facilities count in RURAL or URBAN by the class of their own location")
    func facilitiesWithoutDistricts() throws {
        let points = try DemandPoints(weights: [5, 7], districts: [-1, -1], rural: [true, false])
        let analysis = try CoverageAnalysis(districts: [], points: points, facilityDistricts: [-1, -1, -1],
                                            facilityRural: [true, false, true], reaches: [Reach(.within(metres: 1000))])
        let r = try analysis.run(nearestFacility: [0, 1], nearestMetres: [10, 20])
        #expect(r.report.rural.facilities == 2 && r.report.urban.facilities == 1 && r.report.total.facilities == 3)
        #expect(r.report.rural.facilitiesPer1000 == 2.0 / 5 * 1000)
        #expect(throws: AnalysisInputError.countMismatch(what: "facility classes", expected: 3, got: 1)) {
            try CoverageAnalysis(districts: [], points: points, facilityDistricts: [-1, -1, -1], facilityRural: [true],
                                 reaches: [Reach(.within(metres: 1))])
        }
    }

    @Test("Empty inputs give zero populations and null ratios")
    func empty() throws {
        let analysis = try CoverageAnalysis(districts: [DistrictInfo(code: "E", name: "Empty", rural: true)],
                                            points: try DemandPoints(weights: [], districts: []),
                                            facilityDistricts: [], reaches: [Reach(.within(metres: 1))])
        let r = analysis.run { _ in nil }
        let f = r.report.districts[0].figures
        #expect(f.population == 0)
        #expect(f.share["1m"] == .some(nil))
        #expect(f.meanMetres == nil && f.medianMetres == nil && f.p90Metres == nil && f.maxMetres == nil)
        #expect(f.facilitiesPer1000 == nil)
        #expect(r.report.total.points == 0)
    }

    @Test("Bad input is rejected with what and where")
    func rejects() throws {
        #expect(throws: AnalysisInputError.invalidWeight(what: "demand point weight", index: 1, value: -1)) {
            try DemandPoints(weights: [1, -1], districts: [0, 0])
        }
        let points = try DemandPoints(weights: [1], districts: [3])
        #expect(throws: AnalysisInputError.indexOutOfRange(what: "demand point district", index: 0, value: 3, count: 1)) {
            try CoverageAnalysis(districts: [DistrictInfo(code: "A", name: "A", rural: false)], points: points,
                                 facilityDistricts: [], reaches: [Reach(.within(metres: 1))])
        }
        #expect(throws: AnalysisInputError.duplicateReachLabel("x")) {
            try CoverageAnalysis(districts: [], points: try DemandPoints(weights: [], districts: []), facilityDistricts: [],
                                 reaches: [Reach(.within(metres: 1), label: "x"), Reach(.within(metres: 2), label: "x")])
        }
        #expect(throws: AnalysisInputError.noReach) {
            try CoverageAnalysis(districts: [], points: try DemandPoints(weights: [], districts: []), facilityDistricts: [], reaches: [])
        }
    }

    @Test("Random instances agree with a brute-force computation",
          arguments: [(1 as UInt64, 300), (2, 2_000), (3, 60_000), (4, 1), (5, 0)])
    func randomAgreesWithBruteForce(seed: UInt64, n: Int) throws {
        var rng = SeededGenerator(seed: seed)
        let districtCount = Int.random(in: 0 ... 9, using: &rng)
        let infos = (0 ..< districtCount).map { DistrictInfo(code: "D\($0)", name: "District \($0)", rural: Bool.random(using: &rng)) }
        var weights: [Double] = [], dist: [Int32] = [], metres: [Double] = [], ruralFlags: [Bool] = []
        for _ in 0 ..< n {
            weights.append(Double(Int.random(in: 0 ... 9, using: &rng)))
            dist.append(Int32(Int.random(in: -1 ..< districtCount, using: &rng)))
            metres.append(Int.random(in: 0 ..< 20, using: &rng) == 0 ? .infinity : Double(100 * Int.random(in: 0 ... 80, using: &rng)))
            ruralFlags.append(Bool.random(using: &rng))
        }
        let perPoint = seed % 2 == 0
        let points = try DemandPoints(weights: weights, districts: dist, rural: perPoint ? ruralFlags : nil)
        let rural = perPoint ? ruralFlags : dist.map { $0 >= 0 && infos[Int($0)].rural }
        let facilityDistricts = (0 ..< 15).map { _ in Int32(Int.random(in: -1 ..< districtCount, using: &rng)) }
        let analysis = try CoverageAnalysis(districts: infos, points: points, facilityDistricts: facilityDistricts,
                                            reaches: Self.reaches)
        let facilities = metres.map { $0.isFinite ? Int32(0) : -1 }
        let m = metres
        let viaOracle = analysis.run { i in m[i].isFinite ? NearestFacility(facility: 0, metres: m[i]) : nil }
        let viaArrays = try analysis.run(nearestFacility: facilities, nearestMetres: metres, threads: 1)
        #expect(viaOracle.report == viaArrays.report)
        let report = viaOracle.report

        for row in report.districts {
            let idx = (0 ..< n).filter { dist[$0] == Int32(row.index) }
            #expect(asBrute(row.figures) == brute(idx, weights: weights, metres: metres, rural: rural, reaches: Self.reaches),
                    "district \(row.code)")
            #expect(row.figures.facilities == facilityDistricts.filter { $0 == Int32(row.index) }.count)
        }
        // Points outside every district are in neither class nor the total, unless there are no districts.
        let inside = (0 ..< n).filter { dist[$0] >= 0 || districtCount == 0 }
        #expect(asBrute(report.rural) == brute(inside.filter { rural[$0] }, weights: weights, metres: metres, rural: rural, reaches: Self.reaches))
        #expect(asBrute(report.urban) == brute(inside.filter { !rural[$0] }, weights: weights, metres: metres, rural: rural, reaches: Self.reaches))
        #expect(asBrute(report.total) == brute(inside, weights: weights, metres: metres, rural: rural, reaches: Self.reaches))
        #expect(asBrute(report.outsideDistricts) == brute((0 ..< n).filter { dist[$0] < 0 }, weights: weights, metres: metres, rural: rural, reaches: Self.reaches))
        #expect(report.unreachablePoints == (0 ..< n).filter { !metres[$0].isFinite })
        // Worst-served order holds pairwise.
        for (a, b) in zip(report.districts, report.districts.dropFirst()) {
            #expect(!CoverageAnalysis.worseServed(b, a, firstLabel: Self.reaches[0].label))
        }
        #expect(report.districts.count == districtCount)
    }

    @Test("Districts are ordered rural first, then by share, then by mean distance, then by code")
    func ordering() throws {
        let infos = [DistrictInfo(code: "U1", name: "", rural: false), DistrictInfo(code: "R2", name: "", rural: true),
                     DistrictInfo(code: "R1", name: "", rural: true), DistrictInfo(code: "R3", name: "", rural: true),
                     DistrictInfo(code: "R0", name: "", rural: true)]
        // U1 worst share but urban; R2/R1 same share 0.5, R1 farther mean; R3 full; R0 no residents.
        let points = try DemandPoints(weights: [1, 1, 1, 1, 1, 1, 1], districts: [0, 1, 1, 2, 2, 3, 3])
        let analysis = try CoverageAnalysis(districts: infos, points: points, facilityDistricts: [],
                                            reaches: [Reach(.within(metres: 100))])
        let r = try analysis.run(nearestFacility: [0, 0, 0, 0, 0, 0, 0], nearestMetres: [900, 50, 200, 50, 400, 10, 10])
        #expect(r.report.districts.map(\.code) == ["R1", "R2", "R3", "R0", "U1"])
    }

    @Test("The JSON shape has the keys of DESIGN.md, with explicit nulls")
    func jsonShape() throws {
        let points = try DemandPoints(weights: [2], districts: [0])
        let analysis = try CoverageAnalysis(districts: [DistrictInfo(code: "A", name: "Alpha", rural: true)],
                                            points: points, facilityDistricts: [0], reaches: [Reach(.within(metres: 5000), label: "5km")])
        let report = try analysis.run(nearestFacility: [-1], nearestMetres: [.infinity]).report
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let district = try #require((object["districts"] as? [[String: Any]])?.first)
        for key in ["code", "name", "rural", "population", "covered_population", "share", "mean_m", "median_m", "p90_m", "max_m", "facilities"] {
            #expect(district[key] != nil, "missing \(key)")
        }
        #expect(district["mean_m"] is NSNull)
        #expect((district["covered_population"] as? [String: Double])?["5km"] == 0)
        for key in ["rural", "urban", "total"] { #expect(object[key] is [String: Any]) }
        #expect(try JSONDecoder().decode(CoverageReport.self, from: data) == report)
    }
}
