import Analysis
import GeoJSON
import GeoTypes

extension SitingOutcome {
    /// The chosen sites as points with rank, gain and cumulative cover (`site --format geojson`).
    public var layer: FeatureLayer {
        let features = sites.map { s in
            GeoJSONFeature(id: .string(s.id), geometry: .point(Coordinate(lon: s.lon, lat: s.lat)), properties: [
                JSONMember("rank", .number(Double(s.rank))), JSONMember("id", .string(s.id)), JSONMember("name", .string(s.name)),
                JSONMember("kind", s.kind.map(JSONValue.string) ?? .null), JSONMember("gain", .number(s.gain)),
                JSONMember("weighted_gain", .number(s.weightedGain)), JSONMember("cumulative_covered", .number(s.cumulativeCovered)),
                JSONMember("cumulative_share", s.cumulativeShare.map(JSONValue.number) ?? .null),
            ])
        }
        return FeatureLayer(features: features)
    }
}

extension Overblik {
    /// The allocations of a round as points at their facilities (`allocate --format geojson`).
    public func allocationLayer(_ r: AllocationResult) throws -> FeatureLayer {
        let catalog = try catalog()
        let places = Dictionary(catalog.facilities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let features: [GeoJSONFeature] = r.allocations.compactMap { a in
            guard let f = places[a.facility] else { return nil }
            return GeoJSONFeature(id: .string(a.application), geometry: .point(f.location), properties: [
                JSONMember("application", .string(a.application)), JSONMember("facility", .string(a.facility)),
                JSONMember("facility_name", .string(f.name)), JSONMember("room", .string(a.room)),
                JSONMember("weekday", .string(a.weekday)), JSONMember("start", .string(a.start)),
                JSONMember("end", .string(a.end)), JSONMember("dates", .integer(Int64(a.dates.count))),
                JSONMember("skipped_dates", .string(a.skippedDates.joined(separator: " "))),
                JSONMember("rule", .string(a.rule)), JSONMember("reason", .string(a.reason)),
            ])
        }
        return FeatureLayer(features: features)
    }
}
