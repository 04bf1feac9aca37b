public import Facilities
import Foundation
public import GeoTypes

/// A place the user named: coordinates, a settlement, or a facility.
public struct ResolvedPlace: Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case coordinate, settlement, facility, district, postcode }
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
        if let found = try exact(text) ?? loose(text) { return found }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        throw OverblikError.notFound(what: "place '\(trimmed)' (not LON,LAT, a settlement, a district, a postcode or a facility id)",
                                     suggestions: suggestions(for: Self.fold(trimmed)))
    }

    /// A settlement or facility whose name matches when `o` may stand for `ø` and `a` for `å`
    /// (`Ringkobing`, `Alborg`) as well as `oe`/`aa`.
    public func loose(_ text: String) -> ResolvedPlace? {
        let key = Self.looseFold(text.trimmingCharacters(in: .whitespaces))
        if let best = settlements.filter({ Self.looseFold($0.name) == key }).max(by: { ($0.population, $1.id) < ($1.population, $0.id) }) {
            return ResolvedPlace(kind: .settlement, name: best.name, id: best.id, location: best.location)
        }
        if let f = facilities.first(where: { Self.looseFold($0.name) == key }) {
            return ResolvedPlace(kind: .facility, name: f.name, id: f.id, location: f.location)
        }
        return nil
    }

    /// ``fold(_:)`` with `oe` read as `o` and `aa` as `a`, so that `ø`, `oe` and `o` (and `å`, `aa`,
    /// `a`) compare equal.
    public static func looseFold(_ text: String) -> String {
        fold(text).replacingOccurrences(of: "oe", with: "o").replacingOccurrences(of: "aa", with: "a")
    }

    /// Coordinates, a facility id, a settlement (diacritic-insensitive) or a facility name; nil when none.
    public func exact(_ text: String) throws -> ResolvedPlace? {
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
        return nil
    }

    /// A Danish postcode (`9240`) by the facilities whose address carries it: the mean of their
    /// positions, named after the town in the first address (`9240 Nibe`).
    public func postcode(_ text: String) -> ResolvedPlace? {
        let code = text.trimmingCharacters(in: .whitespaces)
        guard code.count == 4, code.allSatisfy(\.isASCII), Int(code).map({ (1000...9999).contains($0) }) == true else { return nil }
        var matches: [(Facility, String)] = []
        for f in facilities {
            guard let address = f.address else { continue }
            let words = address.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if let i = words.firstIndex(of: code) {
                matches.append((f, words.dropFirst(i + 1).first ?? ""))
            }
        }
        guard let first = matches.first else { return nil }
        let lon = matches.map(\.0.location.lon).reduce(0, +) / Double(matches.count)
        let lat = matches.map(\.0.location.lat).reduce(0, +) / Double(matches.count)
        return ResolvedPlace(kind: .postcode, name: [code, first.1].filter { !$0.isEmpty }.joined(separator: " "), id: code,
                             location: Coordinate(lon: lon, lat: lat))
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
