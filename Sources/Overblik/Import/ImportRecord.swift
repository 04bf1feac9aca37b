import GeoTypes
import Store

/// The coordinate reference system of an input file.
public enum InputCRS: String, Sendable, CaseIterable {
    /// WGS84 longitude/latitude in degrees (EPSG:4326, also CRS84).
    case wgs84 = "EPSG:4326"
    /// ETRS89 / UTM zone 32N in metres (EPSG:25832), what Danish authorities publish.
    case utm32 = "EPSG:25832"

    /// Parses `EPSG:4326`, `4326`, `CRS84`, `EPSG:25832`, `25832`, `ETRS89/UTM32N`.
    public init?(parsing text: String) {
        switch text.uppercased().replacingOccurrences(of: " ", with: "") {
        case "EPSG:4326", "4326", "CRS84", "OGC:CRS84", "WGS84": self = .wgs84
        case "EPSG:25832", "25832", "ETRS89/UTM32N", "UTM32N", "ETRS89-UTM32": self = .utm32
        default: return nil
        }
    }
}

/// Geometry of one input record, before conversion to WGS84.
enum RecordGeometry: Sendable {
    /// A point in the file's CRS (x = lon or easting, y = lat or northing).
    case point(x: Double, y: Double)
    /// Polygons in WGS84 (GeoJSON is always WGS84; Shapefiles are converted by the reader's caller).
    case polygons(MultiPolygonRings)
    /// The record has a geometry field but it is empty (null shape, `"geometry": null`).
    case empty
    /// The record's geometry is of a kind the layer cannot use.
    case unsupported(String)
}

/// One record from any input format: where it came from, its attributes, its geometry.
struct ImportRecord: Sendable {
    var position: RecordPosition
    /// Attribute values by field name, as text. Keys are matched case-insensitively.
    var fields: RecordFields
    var geometry: RecordGeometry?
    /// False when the reader knows no field holds U+FEFF (the CSV reader sees every byte).
    var mayHoldByteOrderMark = true

    init(position: RecordPosition, fields: [String: String], geometry: RecordGeometry? = nil) {
        self.init(position: position, fields: RecordFields(fields), geometry: geometry)
    }

    init(position: RecordPosition, fields: RecordFields, geometry: RecordGeometry? = nil) {
        self.position = position
        self.fields = fields
        self.geometry = geometry
    }

    static func normalise(_ key: String) -> String {
        var key = key
        let plain = key.withUTF8 { bytes in
            // Already lower-case ASCII without space at either end: the common header, kept as it is.
            bytes.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }
                && (bytes.first.map { !isSpace($0) } ?? true) && (bytes.last.map { !isSpace($0) } ?? true)
        }
        return plain ? key : trimmed(key).lowercased()
    }

    /// `text` without leading and trailing white space and newlines (as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`), without a round trip through Foundation
    /// when both ends are ASCII other than white space (almost every value).
    static func trimmed(_ text: String) -> String {
        var text = text
        let untouched = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first < 0x80 && last < 0x80 && !isSpace(first) && !isSpace(last)
        }
        return untouched ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `text`'s UTF-8 holds `byte` (a scan of the bytes in place: `Sequence.contains` on
    /// the UTF-8 view cost a fifth of a second per million rows).
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for b in bytes where b == byte { return true }
            return false
        }
    }

    /// ASCII white space and newlines: tab, line feed, vertical tab, form feed, carriage return, space.
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// The trimmed value of the first of `names` that is present and non-empty.
    func value<Name: RecordFieldName>(_ names: Name...) -> (field: String, value: String)? {
        for name in names {
            if let raw = name.raw(in: fields) {
                let trimmed = Self.trimmed(raw)
                if !trimmed.isEmpty { return (name.fieldName, trimmed) }
            }
        }
        return nil
    }

    func has<Name: RecordFieldName>(_ name: Name) -> Bool { name.raw(in: fields) != nil }
}

import Foundation
