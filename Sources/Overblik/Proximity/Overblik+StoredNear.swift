import Analysis
import Facilities
import Foundation
import GeoTypes
import SpatialIndex
import Store

/// District names and rural flags for answers, without loading facilities. The rural flag comes
/// from the same ``PointClassifier`` the catalogue uses, so cold and warm answers agree.
struct DistrictLookup {
    let names: [String: String]
    let settlements: [Settlement]
    let classifier: PointClassifier

    init(store: OverblikStore) throws {
        let districts = try store.districtSummaries()
        settlements = try store.settlements()
        classifier = PointClassifier(policy: RuralPolicy(), urbanAreas: try store.urbanAreas(), districts: districts,
                                     settlements: settlements)
        names = Dictionary(districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func isRural(_ facility: Facility) -> Bool? { classifier.facilityRural(facility) }
}

/// A row the stored index pointed at no longer belongs to it (a `VACUUM` renumbered rowids, or the
/// file was edited around the triggers): the answer is computed from the rows instead.
private struct StoredIndexMismatch: Error {}

extension Overblik {
    /// The persisted proximity index when it is current for this snapshot of the store: read once
    /// (again after another connection committed). Nil when there is none this build can read.
    /// Call inside a read transaction.
    func currentStoredProximity() throws -> StoredProximityIndex? {
        guard let store = sqlite, let builder = store.proximityIndexBuilder else { return nil }
        let dataVersion = try store.dataVersion()
        if let loaded = storedProximity, loaded.dataVersion == dataVersion { return loaded }
        storedProximity = nil
        districtLookup = nil
        if unusableStoredProximity == dataVersion { return nil }
        guard try store.proximityIndexIsCurrent(version: builder.version) else { return nil }
        guard let loaded = try StoredProximityIndex.load(from: store) else {
            unusableStoredProximity = dataVersion
            return nil
        }
        storedProximity = loaded
        return loaded
    }

    /// Whether a persisted index can answer now. A missing or foreign one is built and stored first
    /// when the file can be written without waiting; so is one that turned out damaged or not to
    /// match the rows (a stale index is never read).
    func hasUsableStoredProximity() throws -> Bool {
        guard let store = sqlite, let builder = store.proximityIndexBuilder else { return false }
        if let loaded = storedProximity, try store.dataVersion() == loaded.dataVersion { return true }
        if try !store.proximityIndexIsCurrent(version: builder.version) {
            store.refreshProximityIndexIfFree()
        }
        if try store.database.transaction(.deferred, { try currentStoredProximity() != nil }) { return true }
        guard unusableStoredProximity != nil, store.refreshProximityIndexIfFree(rebuilding: true) else { return false }
        unusableStoredProximity = nil
        return try store.database.transaction(.deferred) { try currentStoredProximity() != nil }
    }

    /// Answers `query` from the persisted index, reading only the rows of the facilities the search
    /// examines; nil when no current index can be used (the caller then answers from the catalogue).
    /// The answer is the one ``ProximityEngine`` gives on the same store.
    func nearFromStoredIndex(_ place: ResolvedPlace, _ query: NearQuery, retry: Bool = true) throws -> NearAnswer? {
        guard try hasUsableStoredProximity() else { return nil }
        let result = try store.database.transaction(.deferred) { () -> NearAnswer? in
            guard let stored = try currentStoredProximity() else { return nil }
            if districtLookup == nil { districtLookup = try DistrictLookup(store: store) }
            do {
                return try answer(place, query, from: stored, districts: districtLookup!)
            } catch is StoredIndexMismatch {
                storedProximity = nil
                unusableStoredProximity = stored.dataVersion
                return nil
            }
        }
        if result == nil, unusableStoredProximity != nil, try store.refreshProximityIndexIfFree(rebuilding: true) {
            unusableStoredProximity = nil
            return retry ? try nearFromStoredIndex(place, query, retry: false) : nil
        }
        return result
    }

    private func answer(_ place: ResolvedPlace, _ query: NearQuery, from stored: StoredProximityIndex,
                        districts: DistrictLookup) throws -> NearAnswer {
        var fetched: [Int32: (facility: Facility, rooms: [Room])] = [:]
        var failure: Error?
        func row(_ rank: Int32) throws -> (facility: Facility, rooms: [Room]) {
            if let known = fetched[rank] { return known }
            guard let entry = try stored.entry(ofRank: Int(rank), in: store),
                  let found = try store.facility(rowID: entry.rowID),
                  ProximityIndexCodec.hash(found.facility.id) == entry.idHash,
                  found.rooms.count == entry.roomCount else { throw StoredIndexMismatch() }
            let rooms = found.rooms.isEmpty ? [found.facility.implicitRoom] : found.rooms.sorted { $0.id < $1.id }
            fetched[rank] = (found.facility, rooms)
            return (found.facility, rooms)
        }
        let accept = try query.time.map { try timeFilter($0) }
        var matched: [Int32: [Room]] = [:]
        let required = AttributeMask.required(by: query.filter)
        let neighbours: [Neighbor]
        if query.filter.isEmpty && accept == nil {
            neighbours = stored.index.nearest(to: place.location, k: query.limit, within: query.within, requiring: required)
        } else {
            neighbours = stored.index.nearest(to: place.location, k: query.limit, within: query.within, requiring: required) { rank in
                guard failure == nil else { return false }
                do {
                    let (facility, rooms) = try row(rank)
                    guard var kept = query.filter.matchingRooms(of: facility, rooms: rooms) else { return false }
                    if let accept {
                        kept = accept(Int(rank), kept)
                        if kept.isEmpty { return false }
                    }
                    matched[rank] = kept
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
        }
        if let failure { throw failure }
        // A data part that could not be read was searched as empty: the answer may be wrong.
        if stored.index.hasUnreadablePart { throw StoredIndexMismatch() }
        var hits: [NearHit] = []
        hits.reserveCapacity(neighbours.count)
        for n in neighbours {
            let (facility, rooms) = try row(n.rank)
            let inverse = Geodesic.inverse(from: place.location, to: facility.location)
            // The index's coordinate and the row's must be the same point.
            guard abs(inverse.distance - n.distance) <= 0.001 else { throw StoredIndexMismatch() }
            let match = ProximityMatch(position: Int(n.rank), facility: facility, distance: n.distance,
                                       bearing: n.distance > 0 ? inverse.initialAzimuth : nil,
                                       rooms: matched[n.rank] ?? rooms)
            hits.append(hit(for: match, districtName: { districts.names[$0] }, rural: districts.isRural))
        }
        return NearAnswer(place: place, hits: hits)
    }

    /// Resolves `LON,LAT`, a facility id or a settlement name without loading the facilities; nil
    /// when the full resolver (near misses, facility names) is needed.
    func resolvePlaceFromRows(_ text: String) throws -> ResolvedPlace? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let c = try PlaceResolver.coordinate(trimmed) {
            return ResolvedPlace(kind: .coordinate, name: "\(c.lon),\(c.lat)", id: nil, location: c)
        }
        if let f = try store.facility(id: trimmed), f.id == trimmed {
            return ResolvedPlace(kind: .facility, name: f.name, id: f.id, location: f.location)
        }
        let settlements = try districtLookup?.settlements ?? store.settlements()
        let key = PlaceResolver.fold(trimmed)
        let exact = settlements.filter { PlaceResolver.fold($0.name) == key }
        if let best = exact.max(by: { ($0.population, $1.id) < ($1.population, $0.id) }) {
            return ResolvedPlace(kind: .settlement, name: best.name, id: best.id, location: best.location)
        }
        return nil
    }
}
