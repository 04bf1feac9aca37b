import Analysis
import Foundation

/// The area measure of coverage as JSON (when no residents are stored, or `source=area`):
/// `{source: "area", reaches: [...], districts: [{code, name, rural, area_km2, covered_km2{label},
/// area_share{label}, facilities}], total: {area_km2, covered_km2, area_share}}`.
public struct AreaCoverageDocument: Encodable, Sendable {
    public var source = "area"
    public var reaches: [String]
    public var districts: [DistrictArea]
    public var total: Total

    /// The sums over every district.
    public struct Total: Encodable, Sendable {
        public var areaKm2: Double
        public var coveredKm2: [String: Double]
        public var areaShare: [String: Double]
        enum CodingKeys: String, CodingKey { case areaKm2 = "area_km2", coveredKm2 = "covered_km2", areaShare = "area_share" }
    }

    public init(_ areas: [DistrictArea], labels: [String]) {
        let area = areas.reduce(0) { $0 + $1.areaKm2 }
        var covered: [String: Double] = [:], share: [String: Double] = [:]
        for l in labels {
            covered[l] = areas.reduce(0) { $0 + ($1.coveredKm2[l] ?? 0) }
            if area > 0 { share[l] = covered[l]! / area }
        }
        reaches = labels
        districts = areas
        total = Total(areaKm2: area, coveredKm2: covered, areaShare: share)
    }
}

/// The one JSON rendering of coverage and gaps, for `coverage --format json`, `gaps --format json`,
/// `GET /api/coverage` and `GET /api/gaps`.
public enum CoverageJSON {
    /// By district: the area document when the outcome measured area, else the district report
    /// (``CoverageDocument``); by settlement or point: the demand rows.
    public static func data(_ outcome: CoverageOutcome, grouping: CoverageParameters.Grouping, labels: [String]) throws -> Data {
        switch (grouping, outcome.areas) {
        case let (.district, areas?): return try OverblikJSON.data(AreaCoverageDocument(areas, labels: labels))
        case (.district, nil): return try OverblikJSON.data(CoverageDocument(outcome))
        default: return try OverblikJSON.data(outcome.demand)
        }
    }
}

extension Overblik {
    /// Answers a coverage question (see ``CoverageParameters/question(gaps:)``); by road only on a store
    /// with a network for the mode.
    /// - Throws: ``OverblikError/badInput(_:)`` for a road question without a network, store errors.
    public func coverage(_ question: CoverageParameters.Question) throws -> CoverageOutcome {
        if let road = question.road { try requireNetwork(road) }
        return try coverage(question.query, by: question.road)
    }

    /// Answers a gaps question (see ``CoverageParameters/question(gaps:)``), worst first.
    /// - Throws: ``OverblikError/badInput(_:)`` for a road question without a network, store errors.
    public func gaps(_ question: CoverageParameters.Question, includeOutside: Bool) throws -> [GapLine] {
        if let road = question.road { try requireNetwork(road) }
        return try gaps(question.query, by: question.road, includeOutside: includeOutside)
    }

    /// `GET /api/coverage`: the bytes of `coverage --format json` for the same question.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter, store errors.
    public func coverageJSON(_ parameters: CoverageParameters) throws -> Data {
        let question = try parameters.question(gaps: false)
        return try CoverageJSON.data(coverage(question), grouping: question.grouping, labels: question.labels)
    }

    /// `GET /api/gaps`: the bytes of `gaps --format json` for the same question.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter, store errors.
    public func gapsJSON(_ parameters: CoverageParameters) throws -> Data {
        let question = try parameters.question(gaps: true)
        return try OverblikJSON.data(gaps(question, includeOutside: try parameters.includeOutside()))
    }
}
