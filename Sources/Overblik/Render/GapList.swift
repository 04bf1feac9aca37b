import Foundation
import Scheduling

/// Demand beyond reach, worst first, ready to render: table, CSV, JSON, and GeoJSON as the
/// `export gaps` layer.
public struct GapList: RenderableOutcome {
    public let gaps: [GapLine]
    let road: RoadQuestion?
    let layer: FeatureLayer

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(gaps)
        case .geojson: try layer.render(.geojson, to: sink)
        case .ics: throw OutputFormat.unsupported(format, by: "gaps")
        case .csv:
            sink.write(CSVText.row(["id", "name", "lon", "lat", "population", "rural", "district", "nearest_facility",
                                      "nearest_facility_name", "distance_m", "threshold_m", "score"]))
            for g in gaps {
                let rural = g.rural.map { String($0) } ?? ""
                sink.write(CSVText.row([g.id, g.name ?? "", String(g.lon), String(g.lat), Format.count(g.population),
                                          rural, g.district ?? "", g.nearestFacility ?? "", g.nearestFacilityName ?? "",
                                          g.distanceM.map(Format.threeDecimals) ?? "", String(g.thresholdM),
                                          g.score.map { String(format: "%.0f", $0) } ?? ""]))
            }
        case .table:
            sink.line("\(gaps.count) beyond reach")
            var t = TextTable(["#", "name", "residents", "area", "nearest facility", "distance", "reach"], rightAligned: [0, 2, 5, 6])
            for (i, g) in gaps.enumerated() {
                t.add([String(i + 1), g.name ?? g.id, Format.count(g.population), g.pointClass.rawValue,
                       g.nearestFacilityName ?? "none qualifies", g.distanceM.map(Format.distance) ?? "-", road?.ranksByTime == true ? Format.minutes(g.thresholdM) : Format.distance(g.thresholdM)])
            }
            sink.write(t.render())
        }
    }
}

extension Overblik {
    /// ``gaps(_:by:includeOutside:)`` ready to render; its GeoJSON is the `export gaps` layer.
    public func gapList(_ query: CoverageQuery, by road: RoadQuestion? = nil, includeOutside: Bool = false,
                        now: LocalDateTime? = nil) throws -> GapList {
        let lines = try gaps(query, by: road, includeOutside: includeOutside)
        let options = ExportOptions(filter: query.filter, now: now ?? Self.localNow())
        return GapList(gaps: lines, road: road, layer: FeatureLayer(features: gapFeatures(lines, options: options)))
    }
}
