import Foundation
import GeoTypes
import Geometry
import Store

/// The planner's area for `--clip-to FILE` (optionally the one feature `--municipality CODE` names
/// in it): what an import keeps. Points inside are kept, districts are cut to it.
struct ClipArea {
    let shaping: DistrictShaping
    let geometry: Geometry
    let prepared: PreparedGeometry

    /// Fields that may hold a Danish municipality code (DAGI `KOMKODE`, `kommunekode`, ...).
    static let municipalityFields = ["komkode", "kommunekode", "kommunekod", "kommune_kode", "municipality_code", "lau_id", "kode", "code"]

    /// True when `code` and `value` name the same municipality (`0851` = `851`).
    static func sameMunicipality(_ value: String, _ code: String) -> Bool {
        let a = value.trimmingCharacters(in: .whitespaces), b = code.trimmingCharacters(in: .whitespaces)
        if let x = Int(a), let y = Int(b) { return x == y }
        return a.caseInsensitiveCompare(b) == .orderedSame
    }

    /// Reads the polygons of `path` (any import format), keeps the feature of `municipality` when
    /// given, and unites them.
    /// - Throws: ``OverblikError/badInput(_:)`` when the file has no polygons or no such municipality.
    init(path: String, municipality: String?, options: ImportOptions) throws {
        let shaping = try DistrictShaping()
        self.shaping = shaping
        let source = try RecordSource.open(path: path, options: ImportOptions())
        var parts: [MultiPolygonRings] = []
        var codesSeen: Set<String> = []
        try source.forEach(options: ImportOptions()) { record in
            guard case let .polygons(rings)? = record.geometry else { return }
            if let municipality {
                let values = Self.municipalityFields.compactMap { record.value($0)?.value }
                codesSeen.formUnion(values.prefix(1))
                guard values.contains(where: { Self.sameMunicipality($0, municipality) }) else { return }
            }
            parts.append(rings)
        }
        guard !parts.isEmpty else {
            if let municipality {
                throw OverblikError.badInput("--clip-to \(path): no polygon with municipality code \(municipality) (fields \(Self.municipalityFields.joined(separator: ", ")); codes seen: \(codesSeen.sorted().prefix(10).joined(separator: ", ")))")
            }
            throw OverblikError.badInput("--clip-to \(path): expected a layer of polygons; it has none")
        }
        let valid = try parts.map { try shaping.makeValid($0) }
        let united = try shaping.geometry(try shaping.union(valid))
        geometry = united
        prepared = try united.prepared()
    }

    func contains(_ c: Coordinate) throws -> Bool {
        try prepared.intersects(x: c.lon, y: c.lat)
    }

    /// The part of a district inside the area (empty when outside).
    func clip(_ rings: MultiPolygonRings) throws -> MultiPolygonRings {
        try shaping.clip(rings, to: geometry)
    }
}
