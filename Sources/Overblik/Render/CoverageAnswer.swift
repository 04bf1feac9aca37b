import Analysis
import Foundation
import GeoJSON
import GeoTypes

/// How coverage rows are grouped: by district (the report), or one row per settlement or point.
public enum CoverageGrouping: String, CaseIterable, Sendable {
    case district, settlement, point
}

/// A coverage answer ready to render: the district report (table, CSV, JSON, and GeoJSON as the
/// `export coverage` layer), one row per demand point, or the area measure.
public struct CoverageAnswer: RenderableOutcome {
    public let outcome: CoverageOutcome
    public let grouping: CoverageGrouping
    let labels: [String]
    let layer: () throws -> FeatureLayer

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        if let areas = outcome.areas, grouping == .district, format != .geojson {
            return try AreaRendering.render(areas, labels: labels, format: format, to: sink)
        }
        switch (grouping, format) {
        case (.district, .json): try sink.json(CoverageDocument(outcome))
        case (.district, .csv): CoverageRendering.districtCSV(outcome, to: sink)
        case (.district, .geojson): try layer().render(.geojson, to: sink)
        case (.district, .table): CoverageRendering.districtTable(outcome, to: sink)
        case (_, .json): try sink.json(outcome.demand)
        case (_, .csv): CoverageRendering.demandCSV(outcome, to: sink)
        case (_, .geojson): try CoverageRendering.demandLayer(outcome).render(.geojson, to: sink)
        case (_, .table): CoverageRendering.demandTable(outcome, to: sink)
        default: throw OutputFormat.unsupported(format, by: "coverage")
        }
    }
}

extension Overblik {
    /// ``coverage(_:by:)`` grouped for rendering; the district GeoJSON is the `export coverage`
    /// layer of the same question (``ExportOptions`` at `now`).
    public func coverage(_ query: CoverageQuery, by road: RoadQuestion?, grouping: CoverageGrouping,
                         now: LocalDateTime? = nil) throws -> CoverageAnswer {
        let outcome = try coverage(query, by: road)
        let options = ExportOptions(filter: query.filter, now: now ?? Self.localNow())
        return CoverageAnswer(outcome: outcome, grouping: grouping, labels: query.reaches.map(\.label)) {
            FeatureLayer(features: try self.coverageFeatures(outcome, query: query, options: options))
        }
    }
}

/// Table and CSV renderings of coverage results, and the demand points' layer.
enum CoverageRendering {
    static func labels(_ o: CoverageOutcome) -> [String] { o.report.reaches.map(\.label) }

    static func metres(_ m: Double?) -> String { m.map { String(format: "%.0f", $0) } ?? "" }

    static func districtTable(_ o: CoverageOutcome, to sink: OutcomeSink) {
        let labels = labels(o)
        sink.line("Demand: \(o.source.rawValue); \(o.qualifyingFacilities.count) qualifying facilities; reaches: \(labels.joined(separator: ", "))")
        var headers = ["code", "district", "area", "residents"]
        for l in labels { headers += ["within \(l)", "share"] }
        headers += ["mean", "median", "p90", "max", "facilities", "per 1000"]
        var t = TextTable(headers, rightAligned: Set(3..<headers.count))
        // By road in time, the figures are seconds.
        let byTime = o.road?.ranksByTime ?? false
        func value(_ v: Double) -> String { byTime ? Format.minutes(v) : Format.distance(v) }
        func row(_ code: String, _ name: String, _ area: String, _ f: CoverageFigures) -> [String] {
            var cells = [code, name, area, Format.count(f.population)]
            for l in labels {
                cells.append(Format.count(f.coveredPopulation[l] ?? 0))
                cells.append((f.share[l] ?? nil).map(Format.percent) ?? "-")
            }
            cells += [f.meanMetres.map(value) ?? "-", f.medianMetres.map(value) ?? "-",
                      f.p90Metres.map(value) ?? "-", f.maxMetres.map(value) ?? "-",
                      String(f.facilities), f.facilitiesPer1000.map { String(format: "%.2f", $0) } ?? "-"]
            return cells
        }
        for d in o.report.districts { t.add(row(d.code, d.name, d.rural ? "rural" : "urban", d.figures)) }
        t.add(row("", "RURAL", "", o.report.rural))
        t.add(row("", "URBAN", "", o.report.urban))
        t.add(row("", "TOTAL", "", o.report.total))
        if o.report.outsideDistricts.points > 0 {
            t.add(row("", "OUTSIDE (not in total)", "", o.report.outsideDistricts))
        }
        sink.write(t.render())
        if let c = o.classification {
            sink.line(c.summary)
            if let w = c.warning { sink.line("warning: \(w)") }
        }
        if !o.report.unreachablePoints.isEmpty {
            sink.line("\(o.report.unreachablePoints.count) demand point(s) have no qualifying facility at all.")
        }
    }

    static func districtCSV(_ o: CoverageOutcome, to sink: OutcomeSink) {
        let labels = labels(o)
        var header = ["code", "name", "rural", "population"]
        for l in labels { header += ["covered_\(l)", "share_\(l)"] }
        header += ["mean_m", "median_m", "p90_m", "max_m", "facilities", "facilities_per_1000"]
        sink.write(CSVText.row(header))
        func row(_ code: String, _ name: String, _ rural: String, _ f: CoverageFigures) {
            var cells = [code, name, rural, Format.count(f.population)]
            for l in labels {
                cells.append(Format.count(f.coveredPopulation[l] ?? 0))
                cells.append((f.share[l] ?? nil).map { String(format: "%.6f", $0) } ?? "")
            }
            cells += [metres(f.meanMetres), metres(f.medianMetres), metres(f.p90Metres), metres(f.maxMetres),
                      String(f.facilities), f.facilitiesPer1000.map { String(format: "%.4f", $0) } ?? ""]
            sink.write(CSVText.row(cells))
        }
        for d in o.report.districts { row(d.code, d.name, String(d.rural), d.figures) }
        row("", "rural", "true", o.report.rural)
        row("", "urban", "false", o.report.urban)
        row("", "total", "", o.report.total)
        row("", "outside", "", o.report.outsideDistricts)
    }

    static func demandTable(_ o: CoverageOutcome, to sink: OutcomeSink) {
        let labels = labels(o)
        var t = TextTable(["id", "name", "residents", "area", "district", "nearest facility", "distance"] + labels,
                          rightAligned: [2, 6])
        for d in o.demand {
            t.add([d.id, d.name ?? "", Format.count(d.weight), d.pointClass.rawValue, d.district ?? "-",
                   d.nearestFacilityName ?? "none", d.distanceM.map(Format.distance) ?? "-"]
                  + labels.map { (d.covered[$0] ?? false) ? "yes" : "no" })
        }
        sink.write(t.render())
    }

    static func demandCSV(_ o: CoverageOutcome, to sink: OutcomeSink) {
        let labels = labels(o)
        sink.write(CSVText.row(["id", "name", "lon", "lat", "weight", "rural", "district", "nearest_facility",
                                  "distance_m"] + labels.map { "covered_\($0)" }))
        for d in o.demand {
            let rural = d.rural.map { String($0) } ?? ""
            sink.write(CSVText.row([d.id, d.name ?? "", String(d.lon), String(d.lat), Format.count(d.weight), rural,
                                      d.district ?? "", d.nearestFacility ?? "", d.distanceM.map(Format.threeDecimals) ?? ""]
                                     + labels.map { String(d.covered[$0] ?? false) }))
        }
    }

    static func demandLayer(_ o: CoverageOutcome) -> FeatureLayer {
        let labels = labels(o)
        let features = o.demand.map { d in
            var props: [JSONMember] = [
                JSONMember("id", .string(d.id)), JSONMember("name", d.name.map(JSONValue.string) ?? .null),
                JSONMember("weight", .number(d.weight)), JSONMember("rural", d.rural.map(JSONValue.bool) ?? .null),
                JSONMember("class", .string(d.pointClass.rawValue)),
                JSONMember("district", d.district.map(JSONValue.string) ?? .null),
                JSONMember("nearest_facility", d.nearestFacility.map(JSONValue.string) ?? .null),
                JSONMember("distance_m", d.distanceM.map(JSONValue.number) ?? .null),
            ]
            for l in labels { props.append(JSONMember("covered_\(l)", .bool(d.covered[l] ?? false))) }
            return GeoJSONFeature(id: .string(d.id), geometry: .point(Coordinate(lon: d.lon, lat: d.lat)), properties: props)
        }
        return FeatureLayer(features: features)
    }
}
