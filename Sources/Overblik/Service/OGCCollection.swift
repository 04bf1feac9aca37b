import Analysis
import Foundation
import GeoJSON
import GeoTypes
public import Scheduling

/// The live layers served as OGC API - Features collections. Availability members (`open_now`,
/// `next_free`, ...) are computed at request time, from the clock injected as `now`.
public enum OGCCollection: String, CaseIterable, Sendable {
    case facilities, rooms, districts, coverage, gaps

    public var title: String {
        switch self {
        case .facilities: return "Facilities"
        case .rooms: return "Bookable rooms"
        case .districts: return "Districts"
        case .coverage: return "Coverage by district (5 km)"
        case .gaps: return "Settlements beyond 5 km of a facility"
        }
    }

    public var summary: String {
        switch self {
        case .facilities: return "Municipal premises with accessibility, opening hours, open now and the next free slot."
        case .rooms: return "Every bookable room at its facility's position, with capacity, equipment and availability."
        case .districts: return "District polygons with rural flag, area and facility count."
        case .coverage: return "District polygons with the share of residents within 5 km of a facility."
        case .gaps: return "Settlements with no facility within 5 km, worst first."
        }
    }
}

/// One page of a collection: the features (each an encoded GeoJSON Feature object) and how many
/// matched in all. JSON assembly with links is left to the server, which knows its address.
public struct OGCPage: Sendable {
    public let features: [String]
    public let numberMatched: Int
    /// When the members were computed (UTC, RFC 3339).
    public let timeStamp: String
}

extension Overblik {
    /// A page of `collection`: features whose bounding box meets `bbox` (minLon, minLat, maxLon, maxLat),
    /// from `offset`, at most `limit`.
    /// - Throws: ``OverblikError/badInput(_:)`` for a malformed bbox.
    public func ogcItems(_ collection: OGCCollection, bbox: [Double]?, limit: Int, offset: Int,
                         now: UTCInstant = Overblik.currentInstant()) throws -> OGCPage {
        if let bbox {
            guard bbox.count == 4, bbox.allSatisfy(\.isFinite), bbox[0] <= bbox[2], bbox[1] <= bbox[3] else {
                throw OverblikError.badInput("bbox: expected minLon,minLat,maxLon,maxLat with min <= max")
            }
        }
        var matched = try ogcFeatures(collection, now: now)
        if let bbox {
            matched = matched.filter { f in
                guard let box = f.geometry.flatMap(Self.bounds) else { return false }
                return box[0] <= bbox[2] && box[2] >= bbox[0] && box[1] <= bbox[3] && box[3] >= bbox[1]
            }
        }
        let page = matched.dropFirst(max(0, offset)).prefix(max(0, limit))
        return OGCPage(features: try page.map(Self.encode), numberMatched: matched.count, timeStamp: now.description)
    }

    /// One feature of `collection` by id.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown id.
    public func ogcItem(_ collection: OGCCollection, id: String, now: UTCInstant = Overblik.currentInstant()) throws -> String {
        guard let feature = try ogcFeatures(collection, now: now).first(where: { $0.id?.description == id }) else {
            throw OverblikError.notFound(what: "feature '\(id)' in \(collection.rawValue)", suggestions: [])
        }
        return try Self.encode(feature)
    }

    /// The coverage question of the `coverage` and `gaps` layers: 5 km for rural and urban residents alike.
    static let ogcCoverageQuery = CoverageQuery(reaches: [Reach(.within(metres: 5_000))], includeDemand: false)

    /// How the residents of the `coverage` layer were classed rural or urban (the planner's legend names it).
    public func ogcCoverageClassification() throws -> RuralClassification? {
        try exportCoverageWithClassification(Self.ogcCoverageQuery).classification
    }

    func ogcFeatures(_ collection: OGCCollection, now: UTCInstant) throws -> [GeoJSONFeature] {
        let options = ExportOptions(now: CopenhagenTime.localTime(at: now))
        let reach = Self.ogcCoverageQuery
        switch collection {
        case .facilities: return try facilityFeatures(options: options)
        case .rooms: return try roomFeatures(now: options.now)
        case .districts: return try districtFeatures(options: options)
        case .coverage: return try districtFeatures(options: options, coverage: try exportCoverage(reach).figures)
        case .gaps: return try gapFeatures(reach, options: options)
        }
    }

    /// Rooms as points at their facility, with `open_now` computed for `now`.
    func roomFeatures(now: LocalDateTime) throws -> [GeoJSONFeature] {
        let catalog = try catalog()
        let calendar = try holidayCalendar()
        let facilities = Dictionary(catalog.facilities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return catalog.rooms.sorted { $0.id < $1.id }.compactMap { room in
            guard let facility = facilities[room.facilityID] else { return nil }
            let hours = room.openingHours.flatMap { try? OpeningHours(parsing: $0) }
            let properties: [JSONMember] = [
                JSONMember("id", .string(room.id)), JSONMember("facility_id", .string(facility.id)),
                JSONMember("facility_name", .string(facility.name)), JSONMember("name", .string(room.name)),
                JSONMember("capacity", room.capacity.map { .integer(Int64($0)) } ?? .null),
                JSONMember("equipment", .string(room.equipment.joined(separator: ","))),
                JSONMember("opening_hours", room.openingHours.map(JSONValue.string) ?? .null),
                JSONMember("open_now", hours.map { .bool($0.isOpen(at: now, calendar: calendar)) } ?? .null),
                JSONMember("booking_url", facility.contact.bookingURL.map(JSONValue.string) ?? .null),
            ]
            return GeoJSONFeature(id: .string(room.id), geometry: .point(facility.location), properties: properties)
        }
    }

    static func encode(_ feature: GeoJSONFeature) throws -> String {
        let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
        do {
            try writer.write(feature)
            var text = String(decoding: try writer.finish().bytes, as: UTF8.self)
            if text.hasPrefix("\u{1E}") { text.removeFirst() }
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        } catch {
            throw OverblikError.io("encoding feature \(feature.id?.description ?? "?"): \(error)")
        }
    }

    /// [minLon, minLat, maxLon, maxLat] of a geometry.
    static func bounds(_ geometry: GeoJSONGeometry) -> [Double]? {
        var points: [Coordinate] = []
        func collect(_ g: GeoJSONGeometry) {
            switch g {
            case let .point(c): points.append(c)
            case let .multiPoint(cs), let .lineString(cs): points += cs
            case let .multiLineString(lines), let .polygon(lines): points += lines.joined()
            case let .multiPolygon(polys): points += polys.joined().joined()
            case let .geometryCollection(gs): gs.forEach(collect)
            }
        }
        collect(geometry)
        guard let first = points.first else { return nil }
        var box = [first.lon, first.lat, first.lon, first.lat]
        for p in points {
            box[0] = min(box[0], p.lon); box[1] = min(box[1], p.lat); box[2] = max(box[2], p.lon); box[3] = max(box[3], p.lat)
        }
        return box
    }
}
