import Foundation

/// SpatiaLite's own nearest-neighbour search, kept as the baseline the benchmarks compare against
/// (and as an independent cross-check in tests): an R*Tree box search that grows until it holds the
/// k nearest, refined and ranked by SpatiaLite's geodesic `ST_Distance(a, b, 1)`.
public final class SpatiaLiteNearest {
    let statement: Statement

    /// Prepares the query on `store`'s facilities table.
    /// - Parameters:
    ///   - store: the store to search.
    ///   - filter: an optional SQL condition on the facilities columns, ANDed into the query, e.g.
    ///     `kind = 'village_hall' AND wheelchair IN ('yes','designated')` (trusted text, not user input).
    public init(store: OverblikStore, filter: String? = nil) throws {
        statement = try store.database.prepare("""
            SELECT id, ST_Distance(geom, MakePoint(?1, ?2, 4326), 1) AS d FROM facilities
            WHERE ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'facilities'
                            AND f_geometry_column = 'geom' AND search_frame = BuildMbr(?3, ?4, ?5, ?6, 4326))
                  \(filter.map { "AND (\($0))" } ?? "")
            ORDER BY d, id LIMIT ?7
            """)
    }

    /// The k nearest facilities to (lon, lat) as (id, geodesic metres), nearest first; `total` is the
    /// number of facilities that can match (the search stops growing once it has seen them all).
    ///
    /// Starts with an `initialRadius` (default 1 km) box and doubles it until the k-th distance found
    /// fits inside the box's inscribed circle, so no nearer facility can lie outside it.
    public func nearest(lon: Double, lat: Double, k: Int, total: Int,
                        initialRadius: Double = 1_000) throws -> [(id: String, metres: Double)] {
        var radius = initialRadius
        while true {
            // Degrees that surely cover `radius` metres (111 km per degree of latitude is a lower bound
            // of 110.57 km; use 110 km and the cosine at the box's pole-ward edge).
            let dLat = radius / 110_000
            let edgeLat = min(89.9, abs(lat) + dLat)
            let dLon = min(180, radius / (110_000 * cos(edgeLat * .pi / 180)))
            try statement.bind([.real(lon), .real(lat), .real(lon - dLon), .real(lat - dLat), .real(lon + dLon),
                                .real(lat + dLat), .integer(Int64(k))])
            var found: [(String, Double)] = []
            while let row = try statement.step() {
                found.append((row[0].string ?? "", row[1].double ?? .infinity))
            }
            if found.count >= k, let last = found.last, last.1 <= radius { return found }
            if found.count >= total || radius > 40_000_000 { return found }
            radius *= 2
        }
    }
}
