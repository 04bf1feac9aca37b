import Facilities
import GeoTypes

/// The class of every district as the coverage report decides it: the layer's rural field when it
/// has one, else by the majority of its residents (each classed by ``PointClassifier``), else the
/// settlement rule for a district without residents.
public struct DistrictClasses: Sendable {
    /// District code → rural.
    public var rural: [String: Bool]
    /// District code → what decided it: `district_layer`, `resident_majority` or `settlement_rule`.
    public var decidedBy: [String: String]
    /// How the residents were classed (points, or settlements when the store has no population points).
    public var classification: RuralClassification
}

extension Overblik {
    /// Classes every stored district by ``PointClassifier/districtRural(_:residents:)``, over the
    /// same demand a coverage report uses by default: the population points (streamed in chunks),
    /// else the settlements (one of the town size or more is urban).
    /// - Throws: store errors.
    /// - Complexity: O(points) time, O(districts) memory beyond one chunk.
    public func districtClasses(policy: RuralPolicy = RuralPolicy()) throws -> DistrictClasses {
        // Districts and settlements from the store: `info` needs no facilities.
        let classifier = try pointClassifier(policy: policy)
        let codes = try backend.districtSummaries().map(\.code)
        var index: [String: Int32] = [:]
        for (k, code) in codes.enumerated() { index[code] = Int32(k) }
        var residents = [(rural: Double, urban: Double)](repeating: (0, 0), count: codes.count)
        var bySource: [RuralSource?] = [], sourceWeights: [Double] = []
        func tally(_ locations: [Coordinate], districts: [Int32], pointRural: [Bool?], weights: [Double]) {
            let decided = classifier.classify(locations, districts: districts.map { $0 >= 0 ? codes[Int($0)] : nil },
                                              pointRural: pointRural)
            for i in decided.indices {
                let k = Int(districts[i])
                if k >= 0, decided[i].class == .rural { residents[k].rural += weights[i] }
                if k >= 0, decided[i].class == .urban { residents[k].urban += weights[i] }
            }
            // Per source totals only (not per point): the chunks of millions of points are not kept.
            var chunk: [RuralSource?: Double] = [:]
            for i in decided.indices { chunk[decided[i].source, default: 0] += weights[i] }
            for (s, w) in chunk { bySource.append(s); sourceWeights.append(w) }
        }
        if try backend.hasPopulation() {
            try backend.forEachPopulationChunk(district: { $0.flatMap { index[$0] } ?? -1 }) { chunk in
                tally(zip(chunk.lon, chunk.lat).map { Coordinate(lon: $0, lat: $1) }, districts: chunk.district,
                      pointRural: chunk.rural.map { $0 < 0 ? nil : $0 == 1 }, weights: chunk.weight)
            }
        } else {
            let s = try backend.settlements()
            tally(s.map(\.location), districts: s.map { $0.districtCode.flatMap { index[$0] } ?? -1 },
                  pointRural: s.map { $0.population >= policy.townPopulation ? false : nil }, weights: s.map(\.population))
        }
        let rural = classifier.districtRural(codes, residents: residents)
        var classes = DistrictClasses(rural: [:], decidedBy: [:],
                                      classification: RuralClassification(policy: policy, sources: bySource, weights: sourceWeights))
        for (k, code) in codes.enumerated() {
            classes.rural[code] = rural[k]
            classes.decidedBy[code] = classifier.layerRural[code] != nil ? "district_layer"
                : residents[k].rural + residents[k].urban > 0 ? "resident_majority" : "settlement_rule"
        }
        return classes
    }
}
