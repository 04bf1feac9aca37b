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
        guard radiusMetres > 0 else { return [] }
        let cell = radiusMetres * 1.25
        func key(_ c: Coordinate) -> SIMD2<Int> {
            let y = c.lat * 110_574 / cell
            let x = c.lon * 111_320 * cos(c.lat * .pi / 180) / cell
            return SIMD2(Int(x.rounded(.down)), Int(y.rounded(.down)))
        }
        var grid: [SIMD2<Int>: [Int]] = [:]
        for (i, item) in items.enumerated() { grid[key(item.location), default: []].append(i) }
        let normalised = items.map { NameSimilarity.normalise($0.name) }
        var found: [Pair] = []
        for (i, item) in items.enumerated() {
            let k = key(item.location)
            for dx in -1...1 {
                for dy in -1...1 {
                    for j in grid[k &+ SIMD2(dx, dy)] ?? [] where j > i {
                        let metres = Geodesic.distance(from: item.location, to: items[j].location)
                        guard metres <= radiusMetres, NameSimilarity.similar(normalised[i], normalised[j]) else { continue }
                        found.append(Pair(first: item, second: items[j], metres: metres))
                    }
                }
            }
        }
        return found.sorted { ($0.first.id, $0.second.id) < ($1.first.id, $1.second.id) }
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
