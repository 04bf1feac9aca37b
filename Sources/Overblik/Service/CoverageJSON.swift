import Analysis
public import Foundation

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

extension Overblik {
    /// `GET /api/coverage`: the bytes of `coverage --format json` for the same question.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter, store errors.
    public func coverageJSON(_ parameters: CoverageParameters) throws -> Data {
        let question = try parameters.question(gaps: false)
        if let road = question.road { try requireNetwork(road) }
        return try coverage(question.query, by: question.road, grouping: question.grouping).rendered(.json)
    }

    /// `GET /api/gaps`: the bytes of `gaps --format json` for the same question.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter, store errors.
    public func gapsJSON(_ parameters: CoverageParameters) throws -> Data {
        let question = try parameters.question(gaps: true)
        if let road = question.road { try requireNetwork(road) }
        return try gapList(question.query, by: question.road, includeOutside: try parameters.includeOutside()).rendered(.json)
    }
}
