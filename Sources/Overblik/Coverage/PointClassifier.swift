public import Facilities
public import GeoTypes
import Geometry
public import Store
import Foundation

/// The thresholds of DESIGN.md's rural rule, in one place.
public struct RuralPolicy: Sendable, Hashable, Codable {
    /// A point inside the extent of a town of at least this many inhabitants is urban; under the
    /// settlement rule, a district holding a settlement this large is urban (landdistrikt: 3 000).
    public var townPopulation: Double
    /// A district is urban when more than this share of its residents are urban, unless its layer
    /// says otherwise (0.5: most of its residents).
    public var urbanMajority: Double

    public init(townPopulation: Double = RuralRule.defaultThreshold, urbanMajority: Double = 0.5) {
        self.townPopulation = townPopulation
        self.urbanMajority = urbanMajority
    }

    enum CodingKeys: String, CodingKey {
        case townPopulation = "town_population", urbanMajority = "urban_majority"
    }
}

/// Where a demand point lives: in the countryside, in a town, or outside every district.
public enum PointClass: String, Sendable, Codable, Hashable {
    case rural, urban, outside

    /// `true` rural, `false` urban, nil outside every district.
    public var isRural: Bool? { self == .outside ? nil : self == .rural }
}

/// The source that decided a point's class, in DESIGN.md's order of precedence.
public enum RuralSource: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// (a) the point's own `rural` column.
    case pointFlag = "point_flag"
    /// (b) urban-area polygons (town extents with population).
    case urbanAreas = "urban_areas"
    /// (c) the district layer's rural field.
    case districtLayer = "district_layer"
    /// (d) last resort: the district is urban when a settlement of the town size lies in it.
    case settlementRule = "settlement_rule"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Decides the class of a point: the one place that does (near, coverage, gaps, site, access and
/// the exports all ask it).
///
/// A point outside every district is ``PointClass/outside``, whatever else is known (when the store
/// has districts at all: without a district layer nothing is outside). Otherwise the
/// first source that applies decides: the point's own flag; the urban-area layer when one is stored
/// (inside the extent of a town of ``RuralPolicy/townPopulation`` or more: urban, else rural); the
/// district layer's rural field; the settlement rule.
///
/// ```swift
/// let classifier = try overblik.pointClassifier()
/// classifier.classify(Coordinate(lon: 9.92, lat: 57.05), district: "D01", pointRural: nil)
/// // (class: .urban, source: .urbanAreas)
/// ```
package struct PointClassifier: Sendable {
    public let policy: RuralPolicy
    /// Extents of towns at or above the policy's size; nil when no urban area is stored at all.
    let towns: PointLocator?
    /// District code → the layer's rural field (only districts whose layer says).
    let layerRural: [String: Bool]
    /// District code → rural under the settlement rule.
    let settlementRural: [String: Bool]
    /// Whether any district is stored: without a district layer no point is outside one.
    let hasDistricts: Bool

    /// - Parameters:
    ///   - urbanAreas: stored town extents (all sizes; those below the policy's size are ignored).
    ///   - districts: districts with their layer flags.
    ///   - settlements: settlements with their districts, for the last-resort rule.
    public init(policy: RuralPolicy, urbanAreas: [StoredUrbanArea], districts: [District], settlements: [Settlement]) {
        self.policy = policy
        hasDistricts = !districts.isEmpty
        if urbanAreas.isEmpty {
            towns = nil
        } else {
            towns = PointLocator(districts: urbanAreas.filter { $0.area.population >= policy.townPopulation }.map { u in
                MultiPolygon(u.rings.map { Polygon<Coordinate>(uncheckedExterior: $0[0], holes: Array($0.dropFirst())) })
            })
        }
        var layer: [String: Bool] = [:]
        for d in districts { if let r = d.rural { layer[d.code] = r } }
        layerRural = layer
        var hasTown = Set<String>()
        for s in settlements where s.population >= policy.townPopulation {
            if let code = s.districtCode { hasTown.insert(code) }
        }
        settlementRural = Dictionary(districts.map { ($0.code, !hasTown.contains($0.code)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The class of one point and the source that decided it (nil for a point outside every district).
    /// - Parameters:
    ///   - location: the point.
    ///   - district: the district code the point lies in; nil when it lies in none.
    ///   - pointRural: the point's own rural flag, when it has one.
    public func classify(_ location: Coordinate, district: String?, pointRural: Bool?) -> (class: PointClass, source: RuralSource?) {
        classify([location], districts: [district], pointRural: [pointRural])[0]
    }

    /// The class of many points at once (one locator pass); the same answer per point as
    /// ``classify(_:district:pointRural:)``, which calls this.
    /// - Complexity: O(n) expected.
    public func classify(_ locations: [Coordinate], districts: [String?], pointRural: [Bool?]) -> [(class: PointClass, source: RuralSource?)] {
        precondition(districts.count == locations.count && pointRural.count == locations.count,
                     "PointClassifier: columns of different lengths")
        let inTown: [Int?]? = towns.map { locator in
            // Only points that reach the urban-area rule need the polygon test.
            let ask = locations.indices.filter { (districts[$0] != nil || !hasDistricts) && pointRural[$0] == nil }
            var found = [Int?](repeating: nil, count: locations.count)
            for (k, hit) in zip(ask, locator.locateAll(ask.map { locations[$0] })) { found[k] = hit }
            return found
        }
        return locations.indices.map { i in
            let code = districts[i]
            if code == nil && hasDistricts { return (.outside, nil) }
            if let flag = pointRural[i] { return (flag ? .rural : .urban, .pointFlag) }
            if let inTown { return (inTown[i] == nil ? .rural : .urban, .urbanAreas) }
            if let flag = code.flatMap({ layerRural[$0] }) { return (flag ? .rural : .urban, .districtLayer) }
            // Without a district the settlement rule knows no town: rural.
            return ((code.flatMap { settlementRural[$0] } ?? true) ? .rural : .urban, .settlementRule)
        }
    }

    /// The class of each district: its layer's rural field when it has one; else urban when more
    /// than ``RuralPolicy/urbanMajority`` of its residents are urban; a district without residents
    /// (and without a layer flag) by the settlement rule.
    /// - Parameters:
    ///   - districts: the district codes, in the order of the result.
    ///   - residents: per district index, the (rural, urban) residents of its points.
    public func districtRural(_ districts: [String], residents: [(rural: Double, urban: Double)]) -> [Bool] {
        districts.indices.map { k in
            if let flag = layerRural[districts[k]] { return flag }
            let (r, u) = residents[k]
            if r + u > 0 { return !(u / (r + u) > policy.urbanMajority) }
            return settlementRural[districts[k]] ?? true
        }
    }
}

/// How the points of a report were classified: the policy, and the residents each source decided.
public struct RuralClassification: Sendable, Codable, Hashable {
    public var policy: RuralPolicy
    /// Residents (demand weight) classified by each source; points outside every district are not
    /// classified and not listed.
    public var residentsBySource: [String: Double]
    /// The source that classified the most residents (nil without classified residents).
    public var source: RuralSource?
    /// Set when the last-resort settlement rule classified anyone.
    public var warning: String?

    init(policy: RuralPolicy, sources: [RuralSource?], weights: [Double]) {
        self.policy = policy
        var by: [RuralSource: Double] = [:]
        for (s, w) in zip(sources, weights) { if let s { by[s, default: 0] += w } }
        residentsBySource = Dictionary(uniqueKeysWithValues: by.map { ($0.key.rawValue, Overblik.rounded($0.value)) })
        source = by.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        warning = sources.contains(.settlementRule)
            ? "rural class of some points from the settlement rule (last resort: a district is urban when a settlement of "
                + "\(Int(policy.townPopulation)) or more lies in it); import urban areas (overblik import urban-areas) or a rural field"
            : nil
    }

    /// One line for people: `rural class: urban areas (towns of 3000+), district majority 50 %`.
    public var summary: String {
        let name = source.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "none"
        return "rural class from \(name) (towns of \(Int(policy.townPopulation))+; a district is urban when over "
            + "\(Int((policy.urbanMajority * 100).rounded())) % of its residents are)"
    }

    /// The same line in Danish (web pages and maps are Danish by default):
    /// `land/by-klassen fra byzonerne (byer med 3000+ indbyggere; et distrikt er byområde, når over 50 % af beboerne bor i by)`.
    public var danishSummary: String {
        let name: String
        switch source {
        case .pointFlag?: name = "punkternes eget rural-felt"
        case .urbanAreas?: name = "byzonerne"
        case .districtLayer?: name = "distriktslagets rural-felt"
        case .settlementRule?: name = "bystørrelse (sidste udvej)"
        case nil: name = "ingen kilde"
        }
        return "land/by-klassen fra \(name) (byer med \(Int(policy.townPopulation))+ indbyggere; et distrikt er byområde, når over "
            + "\(Int((policy.urbanMajority * 100).rounded())) % af beboerne bor i by)"
    }

    enum CodingKeys: String, CodingKey {
        case policy, source, warning
        case residentsBySource = "residents_by_source"
    }
}

extension Overblik {
    /// The point classifier of this store under `policy` (urban areas, district flags, settlements).
    /// - Throws: store errors.
    package func pointClassifier(policy: RuralPolicy = RuralPolicy()) throws -> PointClassifier {
        // The loaded catalogue's own when it fits; else made from the store (without loading facilities).
        if cachedCatalog != nil {
            let catalog = try catalog()
            if policy == catalog.classifier.policy { return catalog.classifier }
        }
        return PointClassifier(policy: policy, urbanAreas: try backend.urbanAreas(), districts: try backend.districtSummaries(),
                               settlements: try backend.settlements())
    }
}

/// The JSON document of a coverage report by district: the report's members plus `source` (the
/// demand) and `classification` (how points were classed rural or urban).
public struct CoverageDocument: Encodable, Sendable {
    public let outcome: CoverageOutcome

    public init(_ outcome: CoverageOutcome) { self.outcome = outcome }

    enum CodingKeys: String, CodingKey { case source, classification }

    public func encode(to encoder: any Encoder) throws {
        try outcome.report.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome.source, forKey: .source)
        try c.encode(outcome.classification, forKey: .classification)
    }
}

extension PointClassifier {
    /// The rural flag of a facility's location (nil outside every district): the one rule the
    /// catalogue and the cold `near` path share.
    func facilityRural(_ facility: Facility) -> Bool? {
        classify(facility.location, district: facility.districtCode, pointRural: nil).class.isRural
    }
}
