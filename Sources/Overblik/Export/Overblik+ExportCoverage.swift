import Analysis
public import GeoJSON
import GeoTypes

extension Overblik {
    /// Coverage figures per district code for the export and the web map, from ``coverage(_:)``.
    ///
    /// The figures are the coverage use case's own (nothing is recomputed here); each reach becomes
    /// one `covered_<label>` / `share_<label>` pair, labels made safe for property names
    /// (`5000m`, `rural_5000m_urban_2000m`).
    /// - Returns: district code → figures, and the label of the first reach (the headline share).
    public func exportCoverage(_ query: CoverageQuery) throws -> (figures: [String: DistrictCoverageFigures], headline: String?) {
        let (figures, headline, _) = try exportCoverageWithClassification(query)
        return (figures, headline)
    }

    /// ``exportCoverage(_:)`` and how the points were classified rural or urban (for legends).
    public func exportCoverageWithClassification(_ query: CoverageQuery)
        throws -> (figures: [String: DistrictCoverageFigures], headline: String?, classification: RuralClassification?) {
        var reportOnly = query
        reportOnly.includeDemand = false
        let outcome = try coverage(reportOnly)
        return (Self.coverageFigures(outcome, reaches: query.reaches), query.reaches.first.map { Self.propertyLabel($0.label) },
                outcome.classification)
    }

    /// District code → the figures of `outcome` (one threshold per reach, labels made property-safe).
    static func coverageFigures(_ outcome: CoverageOutcome, reaches: [Reach]) -> [String: DistrictCoverageFigures] {
        var figures: [String: DistrictCoverageFigures] = [:]
        for d in outcome.report.districts {
            let f = d.figures
            figures[d.code] = DistrictCoverageFigures(
                population: f.population,
                thresholds: reaches.map { reach in
                    DistrictCoverageFigures.Threshold(label: Self.propertyLabel(reach.label),
                                                      covered: f.coveredPopulation[reach.label] ?? 0,
                                                      share: f.share[reach.label] ?? nil)
                },
                meanMetres: f.meanMetres, medianMetres: f.medianMetres, p90Metres: f.p90Metres, maxMetres: f.maxMetres,
                rural: d.rural)
        }
        return figures
    }

    /// The gaps layer: settlements (or population points) beyond reach, worst first, as point features
    /// with id, name, population, rural, district, nearest_facility, nearest_facility_name,
    /// distance_m (null when no facility qualifies), threshold_m and score.
    public func gapFeatures(_ query: CoverageQuery, options: ExportOptions) throws -> [GeoJSONFeature] {
        gapFeatures(try gaps(query), options: options)
    }

    /// The gaps layer of `lines` (the same bytes from `export gaps` and `gaps --format geojson`).
    func gapFeatures(_ lines: [GapLine], options: ExportOptions) -> [GeoJSONFeature] {
        lines.enumerated().map { index, g in
            var p: [JSONMember] = [
                JSONMember("id", .string(g.id)), JSONMember("name", g.name.map(JSONValue.string) ?? .null),
                JSONMember("population", .number(g.population)), JSONMember("rural", g.rural.map(JSONValue.bool) ?? .null),
                JSONMember("class", .string(g.pointClass.rawValue)),
                JSONMember("district", g.district.map(JSONValue.string) ?? .null),
                JSONMember("nearest_facility", g.nearestFacility.map(JSONValue.string) ?? .null),
                JSONMember("nearest_facility_name", g.nearestFacilityName.map(JSONValue.string) ?? .null),
                JSONMember("distance_m", g.distanceM.map { .number($0.rounded()) } ?? .null),
                JSONMember("threshold_m", .number(g.thresholdM)),
                JSONMember("score", g.score.map { .number(($0 * 1000).rounded() / 1000) } ?? .null),
            ]
            if options.style {
                p.append(JSONMember("marker-color", .string("#d7191c")))
                p.append(JSONMember("marker-size", .string(g.population >= 1000 ? "large" : g.population >= 200 ? "medium" : "small")))
                p.append(JSONMember("title", .string(g.name ?? g.id)))
            }
            let id = (options.idField ?? .property("id")).id(position: index, properties: p)
            return GeoJSONFeature(id: id, geometry: .point(Coordinate(lon: g.lon, lat: g.lat)), properties: p)
        }
    }

    /// A reach label as a property-name suffix: letters, digits and `_`.
    static func propertyLabel(_ label: String) -> String {
        var out = ""
        for c in label {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("_") { out.append("_") }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
