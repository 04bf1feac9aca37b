import Analysis
import Foundation
import GeoJSON
import GeoTypes
import Overblik

/// Table, CSV and GeoJSON renderings of coverage results.
enum CoveragePrinter {
    static func labels(_ o: CoverageOutcome) -> [String] { o.report.reaches.map(\.label) }

    static func metres(_ m: Double?) -> String { m.map { String(format: "%.0f", $0) } ?? "" }

    static func districtTable(_ o: CoverageOutcome) {
        let labels = labels(o)
        Output.line("Demand: \(o.source.rawValue); \(o.qualifyingFacilities.count) qualifying facilities; reaches: \(labels.joined(separator: ", "))")
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
        Output.write(t.render())
        if let c = o.classification {
            Output.line(c.summary)
            if let w = c.warning { Output.line("warning: \(w)") }
        }
        if !o.report.unreachablePoints.isEmpty {
            Output.line("\(o.report.unreachablePoints.count) demand point(s) have no qualifying facility at all.")
        }
    }

    static func districtCSV(_ o: CoverageOutcome) {
        let labels = labels(o)
        var header = ["code", "name", "rural", "population"]
        for l in labels { header += ["covered_\(l)", "share_\(l)"] }
        header += ["mean_m", "median_m", "p90_m", "max_m", "facilities", "facilities_per_1000"]
        Output.write(CSVText.row(header))
        func row(_ code: String, _ name: String, _ rural: String, _ f: CoverageFigures) {
            var cells = [code, name, rural, Format.count(f.population)]
            for l in labels {
                cells.append(Format.count(f.coveredPopulation[l] ?? 0))
                cells.append((f.share[l] ?? nil).map { String(format: "%.6f", $0) } ?? "")
            }
            cells += [metres(f.meanMetres), metres(f.medianMetres), metres(f.p90Metres), metres(f.maxMetres),
                      String(f.facilities), f.facilitiesPer1000.map { String(format: "%.4f", $0) } ?? ""]
            Output.write(CSVText.row(cells))
        }
        for d in o.report.districts { row(d.code, d.name, String(d.rural), d.figures) }
        row("", "rural", "true", o.report.rural)
        row("", "urban", "false", o.report.urban)
        row("", "total", "", o.report.total)
        row("", "outside", "", o.report.outsideDistricts)
    }

    /// Districts as polygons with their figures (flat properties: one column per reach).
    static func districtGeoJSON(_ o: CoverageOutcome, overblik: Overblik) throws {
        let shapes = Dictionary(try overblik.store.districts().map { ($0.district.code, $0.rings) }, uniquingKeysWith: { a, _ in a })
        let labels = labels(o)
        var features: [GeoJSONFeature] = []
        for d in o.report.districts {
            guard let rings = shapes[d.code], !rings.isEmpty else { continue }
            let f = d.figures
            var props: [JSONMember] = [
                JSONMember("code", .string(d.code)), JSONMember("name", .string(d.name)), JSONMember("rural", .bool(d.rural)),
                JSONMember("population", .number(f.population)),
                JSONMember("rural_source", o.classification?.source.map { .string($0.rawValue) } ?? .null),
            ]
            for l in labels {
                props.append(JSONMember("covered_\(l)", .number(f.coveredPopulation[l] ?? 0)))
                props.append(JSONMember("share_\(l)", (f.share[l] ?? nil).map(JSONValue.number) ?? .null))
            }
            for (key, value) in [("mean_m", f.meanMetres), ("median_m", f.medianMetres), ("p90_m", f.p90Metres), ("max_m", f.maxMetres)] {
                props.append(JSONMember(key, value.map(JSONValue.number) ?? .null))
            }
            props.append(JSONMember("facilities", .integer(Int64(f.facilities))))
            props.append(JSONMember("facilities_per_1000", f.facilitiesPer1000.map(JSONValue.number) ?? .null))
            let geometry: GeoJSONGeometry = rings.count == 1 ? .polygon(rings[0]) : .multiPolygon(rings)
            features.append(GeoJSONFeature(id: .string(d.code), geometry: geometry, properties: props))
        }
        // Demand outside every district: its own feature without a geometry (RFC 7946 §3.2 allows
        // null), never part of any district's figures.
        let outside = o.report.outsideDistricts
        if outside.points > 0 {
            var props: [JSONMember] = [JSONMember("code", .null), JSONMember("name", .string("outside every district")),
                                       JSONMember("rural", .null), JSONMember("population", .number(outside.population))]
            for l in labels {
                props.append(JSONMember("covered_\(l)", .number(outside.coveredPopulation[l] ?? 0)))
                props.append(JSONMember("share_\(l)", (outside.share[l] ?? nil).map(JSONValue.number) ?? .null))
            }
            features.append(GeoJSONFeature(id: .string("outside"), geometry: nil, properties: props))
        }
        try GeoJSONOutput.collection(features)
    }

    static func demandTable(_ o: CoverageOutcome) {
        let labels = labels(o)
        var t = TextTable(["id", "name", "residents", "area", "district", "nearest facility", "distance"] + labels,
                          rightAligned: [2, 6])
        for d in o.demand {
            t.add([d.id, d.name ?? "", Format.count(d.weight), d.pointClass.rawValue, d.district ?? "-",
                   d.nearestFacilityName ?? "none", d.distanceM.map(Format.distance) ?? "-"]
                  + labels.map { (d.covered[$0] ?? false) ? "yes" : "no" })
        }
        Output.write(t.render())
    }

    static func demandCSV(_ o: CoverageOutcome) {
        let labels = labels(o)
        Output.write(CSVText.row(["id", "name", "lon", "lat", "weight", "rural", "district", "nearest_facility",
                                  "distance_m"] + labels.map { "covered_\($0)" }))
        for d in o.demand {
            let rural = d.rural.map { String($0) } ?? ""
            Output.write(CSVText.row([d.id, d.name ?? "", String(d.lon), String(d.lat), Format.count(d.weight), rural,
                                      d.district ?? "", d.nearestFacility ?? "", d.distanceM.map { String(format: "%.3f", $0) } ?? ""]
                                     + labels.map { String(d.covered[$0] ?? false) }))
        }
    }

    static func demandGeoJSON(_ o: CoverageOutcome) throws {
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
        try GeoJSONOutput.collection(features)
    }
}
