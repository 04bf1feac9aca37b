import ArgumentParser
import Formats
import Foundation
import GeoJSON
import GeoTypes
import Overblik

struct NearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "Facilities nearest to a place, by exact WGS84 geodesic distance, with filters.",
        discussion: """
        WHERE is LON,LAT, a settlement name (case- and diacritic-insensitive: Naesby finds Næsby) or a
        facility id. Filters are applied inside the search: "the 5 nearest wheelchair-accessible village
        halls" is exact however many other facilities lie nearer. Ties are broken by facility id; the
        radius of --within is inclusive. An unknown place exits 1 with suggestions.

        Examples:
          overblik near Nibe --kind village_hall --wheelchair yes --within 10km --limit 5
          overblik near 9.9187,57.048 --capacity 25 --free-at 2026-12-01T19:00 --for 2h
          overblik near Sebbersund --free-weekly "Tu 19:00-21:00" --from 2026-08-01 --to 2027-06-30 --step-free
          overblik near --from-file addresses.csv --kind library --limit 1 --format csv
          overblik near Nibe --kind village_hall --by car --within 10min     (by road: docs/roads.md)
        """)

    @Argument(help: "LON,LAT, a settlement name or a facility id (omit with --from-file).")
    var place: String?

    @OptionGroup var filters: FilterOptions

    @Option(help: "Only facilities within this distance (inclusive): 500m, 10km; with --by also a time: 10min.") var within: String?
    @Option(help: "By road instead of geodesic: walk, bike or car (needs `import network`).") var by: String?
    @Option(help: "With --by and no --within: rank by distance (default) or time.") var rank: String?
    @Option(help: "How many facilities at most.") var limit: Int = 10
    @Option(help: "Answer every row of a CSV with columns id,lon,lat, one result block per row.") var fromFile: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be >= 0") }
        if place == nil && fromFile == nil { throw ValidationError("give a place (LON,LAT, settlement or facility id) or --from-file FILE") }
        if place != nil && fromFile != nil { throw ValidationError("give either a place or --from-file, not both") }
    }

    func run() throws {
        try global.require([.table, .json, .csv, .geojson], command: "near")
        let road = try by.map { try RoadQuestion(by: $0, within: within, rank: rank) }
        let query = NearQuery(filter: try filters.filter(), limit: limit,
                              within: road != nil ? nil : try within.map { try parseDistance($0, option: "--within") },
                              time: try filters.timeCondition())
        let overblik = try global.openForQuery()
        if let fromFile {
            try runBatch(overblik, query: query, road: road, file: fromFile)
            return
        }
        let resolved = try overblik.resolvePlace(place!)
        let answer = try road.map { try overblik.near(resolved, query, by: $0) } ?? overblik.near(resolved, query)
        if query.time != nil {
            for warning in try overblik.calendarWarnings() { Output.error("overblik: warning: " + warning) }
        }
        if !answer.unreachable.isEmpty {
            Output.error("overblik: \(answer.unreachable.count) matching facilit\(answer.unreachable.count == 1 ? "y is" : "ies are") more than 1 km from the \(road?.modeName ?? "") network: "
                + answer.unreachable.prefix(20).joined(separator: ", "))
        }
        let printer = NearPrinter(format: global.format)
        printer.begin()
        try printer.block(answer, queryID: nil)
        printer.end()
        Output.flush()
        if answer.hits.isEmpty {
            Output.error("overblik: no facility matches within the given limits")
        }
    }

    func runBatch(_ overblik: Overblik, query: NearQuery, road: RoadQuestion?, file: String) throws {
        let reader: CSVReader
        do { reader = try CSVReader(path: file) } catch {
            throw OverblikError.badInput("\(file): \(error)")
        }
        let columns = reader.header.map { $0.lowercased() }
        guard let idColumn = columns.firstIndex(of: "id"), let lonColumn = columns.firstIndex(of: "lon"),
              let latColumn = columns.firstIndex(of: "lat") else {
            throw OverblikError.badInput("\(file): line 1: expected columns id,lon,lat; found \(reader.header.joined(separator: ","))")
        }
        let printer = NearPrinter(format: global.format)
        printer.begin()
        var bad = 0
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw OverblikError.badInput("\(file): \(error)") }
            guard let record else { break }
            let id = record.fields[safe: idColumn] ?? ""
            guard let lon = DecimalNumber.parse(record.fields[safe: lonColumn] ?? ""), let lat = DecimalNumber.parse(record.fields[safe: latColumn] ?? ""),
                  let point = try? Coordinate(validatingLon: lon, lat: lat) else {
                Output.error("overblik: \(file):\(record.line): field lon,lat: expected WGS84 lon,lat in range; skipped row '\(id)'")
                bad += 1
                continue
            }
            let place = ResolvedPlace(kind: .coordinate, name: "\(lon),\(lat)", id: id, location: point)
            try printer.block(try road.map { try overblik.near(place, query, by: $0) } ?? overblik.near(place, query), queryID: id)
        }
        printer.end()
        Output.flush()
        if bad > 0 { throw SilentExit(code: ExitCodes.badInput, message: "\(bad) input row(s) skipped, see above") }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// Prints near answers in each format, one block per question (streams in batch mode).
struct NearPrinter {
    let format: OutputFormat
    nonisolated(unsafe) static var first = true

    func begin() {
        switch format {
        case .csv:
            Output.write(CSVText.row(["query_id", "rank", "id", "name", "kind", "lon", "lat", "distance_m", "direction",
                                      "district", "rural", "owner", "wheelchair", "toilets_wheelchair", "step_free",
                                      "hearing_loop", "rooms", "phone", "email", "booking_url"]))
        case .geojson:
            Output.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
        default: break
        }
    }

    func block(_ answer: NearAnswer, queryID: String?) throws {
        switch format {
        case .json:
            if let queryID {
                // Batch: one JSON object per line (JSON Lines), streamed.
                let line = BatchLine(id: queryID, lon: answer.place.location.lon, lat: answer.place.location.lat, results: answer.hits)
                Output.write(try jsonLine(line))
            } else {
                Output.write(String(decoding: try answer.json(), as: UTF8.self))
            }
        case .csv:
            for (rank, h) in answer.hits.enumerated() {
                Output.write(CSVText.row([queryID ?? "", String(rank + 1), h.id, h.name, h.kind, String(h.lon), String(h.lat),
                                          String(format: "%.3f", h.distanceM), h.direction ?? "", h.district ?? "",
                                          h.rural.map { String($0) } ?? "", h.owner, h.wheelchair, h.toiletsWheelchair,
                                          h.stepFree, h.hearingLoop,
                                          h.rooms.map { r in r.capacity.map { "\(r.name) (\($0))" } ?? r.name }.joined(separator: "; "),
                                          h.phone ?? "", h.email ?? "", h.bookingURL ?? ""]))
            }
        case .geojson:
            for h in answer.hits {
                let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
                try writer.write(h.geoJSONFeature(queryID: queryID))
                // Strip the RS prefix and LF suffix of the sequence record: we embed it in a collection.
                var text = try writer.finish().text
                if text.hasPrefix("\u{1E}") { text.removeFirst() }
                while text.hasSuffix("\n") { text.removeLast() }
                Output.write((NearPrinter.first ? "" : ",\n") + text)
                NearPrinter.first = false
            }
        default:
            table(answer, queryID: queryID)
        }
    }

    func end() {
        if format == .geojson { Output.write("\n]}\n") }
    }

    func table(_ answer: NearAnswer, queryID: String?) {
        let header = queryID.map { "\($0): " } ?? ""
        let how = answer.road.map { " by \($0.modeName), ranked by \($0.metricName)" } ?? ""
        Output.line("\(header)near \(answer.place.name) (\(answer.place.location.lon), \(answer.place.location.lat))\(how): \(answer.hits.count) match\(answer.hits.count == 1 ? "" : "es")")
        guard !answer.hits.isEmpty else { Output.line(); return }
        var t = TextTable(["#", answer.road == nil ? "distance" : "road", "dir", "name", "kind", "district", "area", "wheelchair", "rooms", "contact"], rightAligned: [0, 1])
        for (i, h) in answer.hits.enumerated() {
            let rooms = h.rooms.prefix(3).map { r in r.capacity.map { "\(r.name) (\($0))" } ?? r.name }.joined(separator: ", ")
                + (h.rooms.count > 3 ? ", +\(h.rooms.count - 3)" : "")
            let shown = h.roadM.map { m in Format.distance(m) + (h.roadMin.map { String(format: ", %.1f min", $0) } ?? "") } ?? Format.distance(h.distanceM)
            t.add([String(i + 1), shown, h.direction ?? "-", h.name, h.kind,
                   h.districtName ?? h.district ?? "-", h.rural.map { $0 ? "rural" : "urban" } ?? "-", h.wheelchair, rooms,
                   h.phone ?? h.email ?? h.bookingURL ?? "-"])
        }
        Output.write(t.render())
        Output.line()
    }

    struct BatchLine: Encodable {
        var id: String
        var lon: Double
        var lat: Double
        var results: [NearHit]
    }

    func jsonLine<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
