import Facilities
import Foundation
import GeoTypes
import SpatialIndex
import Store

extension ProximitySuite {
    /// Queries the SpatiaLite baseline answers per case (it is ~100x slower than the index).
    static let spatiaLiteQueries = 500

    /// SpatiaLite's k-nearest (sizes up to 100 000: loading 1M rows into a SpatiaLite file takes
    /// minutes on this machine) (R*Tree box that grows until it holds the k nearest, ranked by
    /// `ST_Distance(…, 1)`, see `SpatiaLiteNearest`) on a temporary store with the same facilities:
    /// id = zero-padded rank (so ids sort like ranks and ties break alike), kind village_hall and
    /// wheelchair yes where the synthetic attribute bits say so. The filtered case adds
    /// `kind = 'village_hall' AND wheelchair IN ('yes','designated')` to the SQL. The first box is
    /// sized from the data density (the Store default of 1 km holds ~40 000 points in the city at 1M
    /// and would measure ST_Distance throughput rather than the search).
    static func spatiaLiteBaseline() -> Baseline {
        Baseline(name: "spatialite", maxQueries: spatiaLiteQueries, maxSize: 100_000) { points, masks in
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("overblik-bench-\(getpid())-\(points.count).sqlite").path
            let cleanup = {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            cleanup()
            let store = try OverblikStore(path: path)
            let width = String(max(points.count - 1, 0)).count
            let facilities = points.indices.map { i in
                let m = masks[i]
                var access = Accessibility.unknown
                access.wheelchair = m & AalborgSynthetic.wheelchair != 0 ? .yes : .no
                let id = String(repeating: "0", count: width - String(i).count) + String(i)
                return Facility(id: id, name: "facility \(i)",
                                kind: m & AalborgSynthetic.villageHall != 0 ? .villageHall : .clubhouse,
                                location: points[i], accessibility: access)
            }
            try store.write { try store.insert(facilities: facilities, replace: false) }
            let required = AalborgSynthetic.villageHall | AalborgSynthetic.wheelchair
            let all = try SpatiaLiteNearest(store: store)
            let filtered = try SpatiaLiteNearest(store: store,
                                                 filter: "kind = 'village_hall' AND wheelchair IN ('yes','designated')")
            let matching = masks.filter { $0 & required == required }.count
            return LoadedBaseline(query: { q, k, mask in
                precondition(mask == 0 || mask == required, "spatialite baseline: no SQL for mask \(mask)")
                // Start with a box that holds about k facilities in the city (density ~ n), then double.
                let share = mask == 0 ? Double(points.count) : Double(max(matching, 1))
                let start = 64 * (1e6 / share).squareRoot() * (Double(k) / 10).squareRoot()
                let rows = try (mask == 0 ? all : filtered)
                    .nearest(lon: q.lon, lat: q.lat, k: k, total: mask == 0 ? points.count : matching, initialRadius: start)
                return rows.map { Neighbor(rank: Int32($0.id) ?? -1, distance: $0.metres) }
            }, close: {
                withExtendedLifetime(store) {}
                cleanup()
            })
        }
    }
}
