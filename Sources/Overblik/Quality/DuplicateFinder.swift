import Foundation
import GeoTypes

/// Finds pairs of points within a geodesic radius whose names are similar.
///
/// Points go into a grid of cells a little larger than the radius on a local equirectangular
/// projection; only points in the same or neighbouring cells are compared, by exact geodesic
/// distance (WGS84). Complexity: O(n) for spread-out data, plus the pairs in crowded cells.
struct DuplicateFinder {
    struct Candidate {
        var id: String
        var name: String
        var location: Coordinate
    }

    struct Pair {
        var first: Candidate
        var second: Candidate
        var metres: Double
    }

    var radiusMetres: Double

    func pairs(_ items: [Candidate]) -> [Pair] {
        let normalised = items.map { NameSimilarity.normalise($0.name) }
        var found: [Pair] = []
        closePairs(items.map(\.location)) { i, j, metres in
            if NameSimilarity.similar(normalised[i], normalised[j]) { found.append(Pair(first: items[i], second: items[j], metres: metres)) }
        }
        return found.sorted { ($0.first.id, $0.second.id) < ($1.first.id, $1.second.id) }
    }

    /// Calls `body(first, second, metres)` for the pairs of points (by index, first < second) within
    /// the radius, by exact geodesic distance, ordered by (first, second).
    ///
    /// Points are ordered by cell instead of hashed into per-cell arrays, and pairs are handed on as
    /// they are found: about 20 bytes a point, so a national register's points fit in a few tens of
    /// megabytes however many pairs crowded places hold.
    func closePairs(_ locations: [Coordinate], _ body: (Int, Int, Double) throws -> Void) rethrows {
        guard radiusMetres > 0 else { return }
        let cell = radiusMetres * 1.25
        func key(_ c: Coordinate) -> SIMD2<Int> {
            let y = c.lat * 110_574 / cell
            let x = c.lon * 111_320 * cos(c.lat * .pi / 180) / cell
            return SIMD2(Int(x.rounded(.down)), Int(y.rounded(.down)))
        }
        func before(_ a: SIMD2<Int>, _ b: SIMD2<Int>) -> Bool { a.x != b.x ? a.x < b.x : a.y < b.y }
        let keys = locations.map(key)
        let order = (0..<Int32(locations.count)).sorted { (a: Int32, b: Int32) -> Bool in
            let ka = keys[Int(a)], kb = keys[Int(b)]
            return ka == kb ? a < b : before(ka, kb)
        }
        /// The start of the run of points in cell `k` (in `order`).
        func firstIndex(of k: SIMD2<Int>) -> Int {
            var lo = 0, hi = order.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(keys[Int(order[mid])], k) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var found: [(second: Int, metres: Double)] = []
        for (i, location) in locations.enumerated() {
            found.removeAll(keepingCapacity: true)
            let k = key(location)
            for dx in -1...1 {
                for dy in -1...1 {
                    let neighbour = k &+ SIMD2(dx, dy)
                    var p = firstIndex(of: neighbour)
                    while p < order.count, keys[Int(order[p])] == neighbour {
                        let j = Int(order[p])
                        p += 1
                        guard j > i else { continue }
                        let metres = Geodesic.distance(from: location, to: locations[j])
                        if metres <= radiusMetres { found.append((j, metres)) }
                    }
                }
            }
            found.sort { $0.second < $1.second }
            for pair in found { try body(i, pair.second, pair.metres) }
        }
    }
}

/// Whether two facility names probably name the same place.
enum NameSimilarity {
    /// Lower case, Danish letters spelt out (æ ae, ø oe, å aa), other accents dropped, punctuation
    /// as spaces, runs of spaces collapsed.
    static func normalise(_ name: String) -> String {
        var s = name.lowercased()
        for (from, to) in [("æ", "ae"), ("ø", "oe"), ("å", "aa")] { s = s.replacingOccurrences(of: from, with: to) }
        s = s.folding(options: [.diacriticInsensitive], locale: nil)
        let mapped = s.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " }
        return String(mapped).split(separator: " ").joined(separator: " ")
    }

    /// Similar: equal; or an edit distance of at most a fifth of the shorter name (names of 5+ letters);
    /// or token overlap (Jaccard: shared words over all words) of at least one half.
    static func similar(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.isEmpty || b.isEmpty { return false }
        let allowed = min(a.count, b.count) / 5
        if allowed > 0, abs(a.count - b.count) <= allowed, editDistance(a, b) <= allowed { return true }
        let ta = Set(a.split(separator: " ")), tb = Set(b.split(separator: " "))
        return Double(ta.intersection(tb).count) / Double(ta.union(tb).count) >= 0.5
    }

    /// Levenshtein distance over characters. O(|a|·|b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
