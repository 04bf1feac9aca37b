import Analysis
import Foundation

/// Renderings of the area measure of coverage (used when there are no residents to count).
enum AreaRendering {
    static func render(_ areas: [DistrictArea], labels: [String], format: OutputFormat, to sink: OutcomeSink) throws {
        let doc = AreaCoverageDocument(areas, labels: labels)
        switch format {
        case .json: try sink.json(doc)
        case .csv:
            sink.write(CSVText.row(["code", "name", "rural", "area_km2"] + labels.flatMap { ["covered_km2_\($0)", "area_share_\($0)"] }))
            for d in areas {
                sink.write(CSVText.row([d.code, d.name, String(d.rural), String(format: "%.4f", d.areaKm2)] + labels.flatMap { l in
                    [String(format: "%.4f", d.coveredKm2[l] ?? 0), (d.areaShare[l] ?? nil).map { String(format: "%.6f", $0) } ?? ""]
                }))
            }
        default:
            sink.line("No population points or settlements stored: share of each district's AREA within reach.")
            var t = TextTable(["code", "district", "area", "km²"] + labels.flatMap { ["km² within \($0)", "share"] },
                              rightAligned: Set(3 ..< 4 + 2 * labels.count))
            func cells(_ l: String, _ covered: Double, _ share: Double?) -> [String] {
                [String(format: "%.2f", covered), share.map(Format.percent) ?? "-"]
            }
            for d in areas {
                t.add([d.code, d.name, d.rural ? "rural" : "urban", String(format: "%.2f", d.areaKm2)]
                    + labels.flatMap { cells($0, d.coveredKm2[$0] ?? 0, d.areaShare[$0] ?? nil) })
            }
            t.add(["", "TOTAL", "", String(format: "%.2f", doc.total.areaKm2)]
                + labels.flatMap { cells($0, doc.total.coveredKm2[$0] ?? 0, doc.total.areaShare[$0]) })
            sink.write(t.render())
        }
    }
}
