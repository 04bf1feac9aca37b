public import GeoJSON
import GeoTypes
public import Store

/// Coverage figures of one district as the export carries them (flat: one property per threshold).
public struct DistrictCoverageFigures: Sendable, Hashable {
    /// Figures at one reach threshold.
    public struct Threshold: Sendable, Hashable {
        /// Label used in property names, e.g. `5km` gives `covered_5km` and `share_5km`.
        public var label: String
        /// Covered population.
        public var covered: Double
        /// Covered share in 0...1 (nil when the district has no population).
        public var share: Double?
        public init(label: String, covered: Double, share: Double?) {
            self.label = label
            self.covered = covered
            self.share = share
        }
    }
    /// Population of the district (sum of population weights).
    public var population: Double
    /// One entry per threshold; the first is the headline share used for styling.
    public var thresholds: [Threshold]
    public var meanMetres: Double?
    public var medianMetres: Double?
    public var p90Metres: Double?
    public var maxMetres: Double?
    /// The district's class in the coverage report (layer flag, else the majority of its residents).
    public var rural: Bool?

    public init(population: Double, thresholds: [Threshold], meanMetres: Double?, medianMetres: Double?,
                p90Metres: Double?, maxMetres: Double?, rural: Bool? = nil) {
        self.rural = rural
        self.population = population
        self.thresholds = thresholds
        self.meanMetres = meanMetres
        self.medianMetres = medianMetres
        self.p90Metres = p90Metres
        self.maxMetres = maxMetres
    }
}

/// Builds district polygon features: code, name, rural, area, facility count, and coverage figures
/// when given. Rings are passed as stored; the writer rewinds them (exterior CCW, holes CW).
public struct DistrictFeatureBuilder {
    let options: ExportOptions

    public init(options: ExportOptions) { self.options = options }

    /// The feature of a district.
    /// - Parameters:
    ///   - district: the stored district with rings.
    ///   - rural: its rural flag (layer flag or settlement rule).
    ///   - facilities: matching facilities inside it.
    ///   - coverage: its coverage figures, when computed.
    ///   - position: 0-based output position.
    public func feature(_ district: StoredDistrict, rural: Bool, facilities: Int, coverage: DistrictCoverageFigures?,
                        position: Int) -> GeoJSONFeature {
        var p: [JSONMember] = [
            JSONMember("code", .string(district.district.code)),
            JSONMember("name", .string(district.district.name)),
            JSONMember("rural", .bool(rural)),
            JSONMember("area_km2", district.areaKm2.map { .number(($0 * 1000).rounded() / 1000) } ?? .null),
            JSONMember("facilities", .integer(Int64(facilities))),
        ]
        var headline: Double?
        if let c = coverage {
            p.append(JSONMember("population", .number(c.population)))
            for t in c.thresholds { p.append(JSONMember("covered_\(t.label)", .number(t.covered))) }
            for t in c.thresholds {
                p.append(JSONMember("share_\(t.label)", t.share.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null))
            }
            headline = c.thresholds.first?.share
            func metres(_ key: String, _ v: Double?) { p.append(JSONMember(key, v.map { .number($0.rounded()) } ?? .null)) }
            metres("mean_m", c.meanMetres)
            metres("median_m", c.medianMetres)
            metres("p90_m", c.p90Metres)
            metres("max_m", c.maxMetres)
        }
        if options.style {
            // With coverage figures, a district without residents has its own grey, never a share colour.
            let fill = coverage == nil ? MapStyle.fill(rural: rural) : headline.map { MapStyle.fill(share: $0) } ?? MapStyle.noResidents
            p.append(JSONMember("fill", .string(fill)))
            p.append(JSONMember("fill-opacity", .number(MapStyle.fillOpacity)))
            p.append(JSONMember("stroke", .string("#555555")))
            p.append(JSONMember("stroke-width", .number(1)))
            p.append(JSONMember("title", .string(district.district.name)))
        }
        let id = (options.idField ?? .property("code")).id(position: position, properties: p)
        return GeoJSONFeature(id: id, geometry: .multiPolygon(district.rings), properties: p)
    }
}
