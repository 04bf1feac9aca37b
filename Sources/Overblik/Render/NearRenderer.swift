import Foundation
import GeoJSON

/// Renders near answers in every format, one block per question (streamed in batch mode):
/// a table, CSV with the GeoJSON feature's fields plus rank and position, JSON (JSON Lines in batch
/// mode) and one GeoJSON FeatureCollection of every hit.
public final class NearRenderer {
    public let format: OutputFormat
    private var first = true

    /// CSV columns: the GeoJSON properties of a hit (``NearHit/geoJSONFeature(queryID:)``), in the
    /// order the CSV has always had, then those added later.
    public static let csvHeader = ["query_id", "rank", "id", "name", "kind", "lon", "lat", "distance_m", "direction",
                                   "district", "rural", "owner", "wheelchair", "toilets_wheelchair", "step_free",
                                   "hearing_loop", "rooms", "phone", "email", "booking_url",
                                   "bearing_deg", "district_name", "address", "opening_hours", "room_count", "contact_name"]

    /// - Throws: ``OverblikError/badInput(_:)`` for iCalendar, which near does not write.
    public init(format: OutputFormat) throws {
        guard format != .ics else { throw OutputFormat.unsupported(format, by: "near") }
        self.format = format
    }

    /// Writes what comes before the first block (the CSV header, the collection's opening).
    public func begin(_ sink: OutcomeSink) {
        switch format {
        case .csv: sink.write(CSVText.row(Self.csvHeader))
        case .geojson: sink.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
        default: break
        }
    }

    /// Writes one answer; `queryID` is the row id in batch mode.
    public func block(_ answer: NearAnswer, queryID: String?, to sink: OutcomeSink) throws {
        switch format {
        case .json:
            if let queryID {
                let line = BatchLine(id: queryID, lon: answer.place.location.lon, lat: answer.place.location.lat, results: answer.hits)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                sink.write(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
            } else {
                sink.write(String(decoding: try answer.json(), as: UTF8.self))
            }
        case .csv:
            for (rank, h) in answer.hits.enumerated() {
                sink.write(CSVText.row([queryID ?? "", String(rank + 1), h.id, h.name, h.kind, String(h.lon), String(h.lat),
                                        Format.threeDecimals(h.distanceM), h.direction ?? "", h.district ?? "",
                                        h.rural.map { String($0) } ?? "", h.owner, h.wheelchair, h.toiletsWheelchair,
                                        h.stepFree, h.hearingLoop, h.roomsText, h.phone ?? "", h.email ?? "", h.bookingURL ?? "",
                                        h.bearingDeg.map { String($0) } ?? "", h.districtName ?? "", h.address ?? "",
                                        h.openingHours ?? "", String(h.rooms.count), h.contactName ?? ""]))
            }
        case .geojson:
            for h in answer.hits {
                let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
                try writer.write(h.geoJSONFeature(queryID: queryID))
                // Strip the RS prefix and LF suffix of the sequence record: it is embedded in a collection.
                var text = try writer.finish().text
                if text.hasPrefix("\u{1E}") { text.removeFirst() }
                while text.hasSuffix("\n") { text.removeLast() }
                sink.write((first ? "" : ",\n") + text)
                first = false
            }
        default:
            table(answer, queryID: queryID, to: sink)
        }
    }

    /// Writes what comes after the last block.
    public func end(_ sink: OutcomeSink) {
        if format == .geojson { sink.write("\n]}\n") }
    }

    private func table(_ answer: NearAnswer, queryID: String?, to sink: OutcomeSink) {
        let header = queryID.map { "\($0): " } ?? ""
        let how = answer.road.map { " by \($0.modeName), ranked by \($0.metricName)" } ?? ""
        sink.line("\(header)near \(answer.place.name) (\(answer.place.location.lon), \(answer.place.location.lat))\(how): \(answer.hits.count) match\(answer.hits.count == 1 ? "" : "es")")
        guard !answer.hits.isEmpty else { sink.line(); return }
        var t = TextTable(["#", answer.road == nil ? "distance" : "road", "dir", "name", "kind", "district", "area", "wheelchair", "rooms", "contact"], rightAligned: [0, 1])
        for (i, h) in answer.hits.enumerated() {
            let rooms = h.rooms.prefix(3).map { r in r.capacity.map { "\(r.name) (\($0))" } ?? r.name }.joined(separator: ", ")
                + (h.rooms.count > 3 ? ", +\(h.rooms.count - 3)" : "")
            let shown = h.roadM.map { m in Format.distance(m) + (h.roadMin.map { String(format: ", %.1f min", $0) } ?? "") } ?? Format.distance(h.distanceM)
            t.add([String(i + 1), shown, h.direction ?? "-", h.name, h.kind,
                   h.districtName ?? h.district ?? "-", h.rural.map { $0 ? "rural" : "urban" } ?? "-", h.wheelchair, rooms,
                   h.phone ?? h.email ?? h.bookingURL ?? "-"])
        }
        sink.write(t.render())
        sink.line()
    }

    struct BatchLine: Encodable {
        var id: String
        var lon: Double
        var lat: Double
        var results: [NearHit]
    }
}

extension NearHit {
    /// The rooms as one text cell: "Sal (80); Mødelokale" (the same in CSV and GeoJSON).
    var roomsText: String { rooms.map { r in r.capacity.map { "\(r.name) (\($0))" } ?? r.name }.joined(separator: "; ") }
}
