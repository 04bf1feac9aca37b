import Facilities
import Foundation
import GeoTypes

/// A place the user named: coordinates, a settlement, or a facility.
public struct ResolvedPlace: Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case coordinate, settlement, facility }
    public var kind: Kind
    public var name: String
    public var id: String?
    public var location: Coordinate

    public init(kind: Kind, name: String, id: String? = nil, location: Coordinate) {
        self.kind = kind
        self.name = name
        self.id = id
        self.location = location
    }
}

/// Turns `LON,LAT`, a settlement name (case- and diacritic-insensitive) or a facility id into a place.
public struct PlaceResolver: Sendable {
    let settlements: [Settlement]
    let facilities: [Facility]

    public init(settlements: [Settlement], facilities: [Facility]) {
        self.settlements = settlements
        self.facilities = facilities
    }

    /// Resolves `text`.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` with near misses when nothing matches;
    ///   ``OverblikError/badInput(_:)`` for coordinates out of range.
    public func resolve(_ text: String) throws -> ResolvedPlace {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let c = try Self.coordinate(trimmed) {
            return ResolvedPlace(kind: .coordinate, name: "\(c.lon),\(c.lat)", id: nil, location: c)
        }
        if let f = facilities.first(where: { $0.id == trimmed }) {
            return ResolvedPlace(kind: .facility, name: f.name, id: f.id, location: f.location)
        }
        let key = Self.fold(trimmed)
        let exact = settlements.filter { Self.fold($0.name) == key }
        if let best = exact.max(by: { ($0.population, $1.id) < ($1.population, $0.id) }) {
            return ResolvedPlace(kind: .settlement, name: best.name, id: best.id, location: best.location)
        }
        if let f = facilities.first(where: { Self.fold($0.id) == key || Self.fold($0.name) == key }) {
            return ResolvedPlace(kind: .facility, name: f.name, id: f.id, location: f.location)
        }
        throw OverblikError.notFound(what: "place '\(trimmed)' (not LON,LAT, a settlement or a facility id)",
                                     suggestions: suggestions(for: key))
    }

    /// Up to five settlement names (then facility ids) closest in spelling.
    func suggestions(for key: String) -> [String] {
        var scored: [(Int, String)] = []
        for s in settlements {
            let folded = Self.fold(s.name)
            let d = Self.editDistance(key, folded)
            let prefix = folded.hasPrefix(key) || key.hasPrefix(folded)
            if d <= max(2, key.count / 3) || (prefix && key.count >= 3) { scored.append((prefix ? min(d, 1) : d, s.name)) }
        }
        for f in facilities {
            let d = Self.editDistance(key, Self.fold(f.id))
            if d <= 2 { scored.append((d + 1, f.id)) }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1).filter { seen.insert($0).inserted }.prefix(5).map { $0 }
    }

    /// `LON,LAT` (also with a space after the comma); nil when `text` is not two numbers.
    static func coordinate(_ text: String) throws -> Coordinate? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lon = DecimalNumber.parse(parts[0]), let lat = DecimalNumber.parse(parts[1]) else { return nil }
        do {
            return try Coordinate(validatingLon: lon, lat: lat)
        } catch {
            var hint = ""
            if abs(lat) > 90 && abs(lon) <= 90 { hint = "; LON comes first (did you swap them?)" }
            throw OverblikError.badInput("place '\(text)': \(error)\(hint)")
        }
    }

    /// Lower case, Danish letters spelled out (æ ae, ø oe, å aa), other diacritics removed.
    public static func fold(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            switch ch {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            case "-", "_", ".": out += " "
            default: out.append(ch)
            }
        }
        let stripped = out.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return stripped.split(separator: " ").joined(separator: " ")
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
