import Foundation
import Scheduling
import Store

/// A place whose name matches a search. JSON: `{kind, id, name, lon, lat}` (no position for districts).
public struct PlaceMatch: Sendable, Hashable, Encodable {
    /// settlement, facility or district.
    public let kind: String
    public let id: String
    public let name: String
    public let lon: Double?
    public let lat: Double?
}

extension Overblik {
    /// Settlements, districts (parishes, postcode areas) and facilities whose name or id contains
    /// `text`, case- and diacritic-insensitive (`Naesby` finds `Næsby`); names that start with it first.
    /// - Throws: ``OverblikError/badInput(_:)`` for an empty search.
    public func places(matching text: String, limit: Int = 20) throws -> [PlaceMatch] {
        let key = PlaceResolver.fold(text.trimmingCharacters(in: .whitespaces))
        guard !key.isEmpty else { throw OverblikError.badInput("q: give some letters of a place name") }
        let catalog = try catalog()
        var scored: [(Int, PlaceMatch)] = []
        func consider(_ name: String, _ id: String, rank: Int, _ match: @autoclosure () -> PlaceMatch) {
            let folded = PlaceResolver.fold(name), foldedID = PlaceResolver.fold(id)
            if folded == key || foldedID == key { scored.append((rank, match())) }
            else if folded.hasPrefix(key) { scored.append((rank + 10, match())) }
            else if folded.contains(key) || foldedID.contains(key) { scored.append((rank + 20, match())) }
        }
        for s in catalog.settlements {
            consider(s.name, s.id, rank: 0, PlaceMatch(kind: "settlement", id: s.id, name: s.name, lon: s.location.lon, lat: s.location.lat))
        }
        for d in catalog.districts {
            consider(d.name, d.code, rank: 1, PlaceMatch(kind: "district", id: d.code, name: d.name, lon: nil, lat: nil))
        }
        for f in catalog.facilities {
            consider(f.name, f.id, rank: 2, PlaceMatch(kind: "facility", id: f.id, name: f.name, lon: f.location.lon, lat: f.location.lat))
        }
        return scored.sorted { ($0.0, $0.1.name, $0.1.id) < ($1.0, $1.1.name, $1.1.id) }.prefix(max(0, limit)).map(\.1)
    }

    /// Whether the store can be read: its schema version.
    public func healthCheck() throws -> Int { try backend.schemaVersion }

    /// Free time of a room given as text (`from`/`to` local times, `min_duration` like `90m`).
    public func freeTime(roomID: String, from: String, to: String, minDuration: String?) throws -> FreeTimeAnswer {
        let start = try Self.serviceTime(from, field: "from"), end = try Self.serviceTime(to, field: "to")
        var duration: ScheduleDuration?
        if let minDuration {
            do { duration = try ScheduleDuration(parsing: minDuration) } catch {
                throw OverblikError.badInput("min_duration: \(error) (e.g. 90m, 2h)")
            }
        }
        return try freeTime(roomID: roomID, from: start, to: end, minDuration: duration)
    }
}

