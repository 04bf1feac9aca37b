import Formats
import Foundation
import GeoJSON
import GeoTypes
import Store

/// Reads records from a CSV, GeoJSON or Shapefile, whatever the format, as ``ImportRecord``s.
struct RecordSource {
    enum Kind { case csv, geojson, topojson, shapefile, osmPBF, osmXML }
    let kind: Kind
    let path: String
    /// CRS the file declares (Shapefile .prj, GeoJSON legacy crs); nil when it says nothing.
    let declaredCRS: InputCRS?
    /// Number of records when the format tells it up front.
    let estimatedCount: Int?

    var formatName: String {
        switch kind {
        case .csv: "CSV"
        case .geojson: "GeoJSON"
        case .topojson: "TopoJSON"
        case .shapefile: "Shapefile"
        case .osmPBF: "OSM PBF"
        case .osmXML: "OSM XML"
        }
    }

    var isOSM: Bool { kind == .osmPBF || kind == .osmXML }

    /// The file type from the name: `.osm.pbf`/`.pbf`, `.osm`, `.topojson`, else by extension.
    static func kind(of path: String) -> Kind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".pbf") { return .osmPBF }
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt", "tsv": return .csv
        case "geojson", "json": return lower.hasSuffix(".topo.json") ? .topojson : .geojson
        case "topojson": return .topojson
        case "shp": return .shapefile
        case "osm", "xml": return .osmXML
        default: return nil
        }
    }

    static func open(path: String, options: ImportOptions) throws -> RecordSource {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw OverblikError.io("cannot read \(path): no such file or not readable")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        switch kind(of: path) {
        case let simple? where simple != .shapefile:
            if simple == .geojson, Self.looksLikeTopology(path) {
                return RecordSource(kind: .topojson, path: path, declaredCRS: .wgs84, estimatedCount: nil)
            }
            let crs: InputCRS? = simple == .csv || simple == .geojson ? nil : .wgs84
            return RecordSource(kind: simple, path: path, declaredCRS: crs, estimatedCount: nil)
        case .shapefile?:
            do {
                let reader = try ShapefileReader(path: path)
                var crs: InputCRS?
                switch reader.epsg {
                case 25832?: crs = .utm32
                case 4326?, 4258?: crs = .wgs84
                case let other?:
                    if options.crs == nil {
                        throw ImportError(problems: [ImportProblem(RecordPosition(file: path), field: ".prj", value: "EPSG:\(other)",
                            expected: "expected EPSG:4326 or EPSG:25832; reproject the layer (ogr2ogr -t_srs EPSG:4326)")])
                    }
                case nil:
                    // A .prj this reader cannot name is not WGS84 by default: the user must say.
                    if let prj = reader.prj, options.crs == nil {
                        throw ImportError(problems: [ImportProblem(RecordPosition(file: path), field: ".prj", value: String(prj.prefix(60)),
                            expected: "a coordinate system this reader does not recognise; give --crs EPSG:4326 or EPSG:25832 if it is one of them, else reproject the layer (ogr2ogr -t_srs EPSG:4326)")])
                    }
                    crs = nil
                }
                return RecordSource(kind: .shapefile, path: path, declaredCRS: crs, estimatedCount: reader.recordCount)
            } catch let error as ShapefileError {
                throw ImportError(problems: [ImportProblem(RecordPosition(file: path, feature: error.record),
                                                           expected: error.description)])
            }
        default:
            throw OverblikError.badInput("\(path): unknown file type '.\(ext)'; expected .csv, .geojson/.json, .topojson, .shp, .osm.pbf or .osm")
        }
    }

    /// Calls `body` for every record, in file order. Structural errors of the file (broken quoting,
    /// invalid UTF-8, malformed JSON) end the read with an ``ImportError`` naming the position.
    func forEach(options: ImportOptions, osm: OSMHooks? = nil, _ body: (ImportRecord) throws -> Void) throws {
        switch kind {
        case .csv: try readCSV(body)
        case .geojson: try readGeoJSON(options: options, body)
        case .topojson: try readTopoJSON(body)
        case .shapefile: try readShapefile(body)
        case .osmPBF, .osmXML: try readOSM(osm ?? OSMHooks(wanted: { _ in true }, skipped: { _, _, _ in }), body)
        }
    }

    /// A `.json` file whose first member names a Topology (read from its first 4 kB).
    static func looksLikeTopology(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        return head.contains("\"Topology\"") && head.range(of: "\"type\"\\s*:\\s*\"Topology\"", options: .regularExpression) != nil
    }

    private func readCSV(_ body: (ImportRecord) throws -> Void) throws {
        do {
            let reader = try CSVReader(path: path)
            let names = RecordFields.Names(reader.header.map(ImportRecord.normalise))
            while let record = try reader.next() {
                var imported = ImportRecord(position: RecordPosition(file: path, line: record.line),
                                            fields: RecordFields(names: names, values: record.fields))
                imported.mayHoldByteOrderMark = record.mayHoldByteOrderMark
                try body(imported)
            }
        } catch let error as CSVError {
            throw ImportError(problems: [ImportProblem(RecordPosition(file: path, line: error.line), expected: error.description)])
        }
    }

    private func readGeoJSON(options: ImportOptions, _ body: (ImportRecord) throws -> Void) throws {
        do {
            let reader = try GeoJSONReader(path: path)
            var index = 0
            while let feature = try reader.next() {
                if index == 0, let declared = reader.declaredCRS, declared.contains("25832") || declared.contains("EPSG::") && !declared.contains("4326") {
                    throw ImportError(problems: [ImportProblem(RecordPosition(file: path), field: "crs", value: declared,
                        expected: "expected RFC 7946 GeoJSON in WGS84 lon/lat; reproject (ogr2ogr -t_srs EPSG:4326) first")])
                }
                var fields: [String: String] = [:]
                for member in feature.properties {
                    fields[member.key] = Self.text(member.value) ?? ""
                }
                if let id = feature.id, fields["id"] == nil { fields["id"] = id.description }
                let geometry = Self.recordGeometry(feature.geometry)
                try body(ImportRecord(position: RecordPosition(file: path, feature: index), fields: fields, geometry: geometry))
                index += 1
            }
        } catch let error as GeoJSONError {
            let position = RecordPosition(file: path, line: error.position.line, feature: error.featureIndex)
            throw ImportError(problems: [ImportProblem(position, expected: error.description)])
        }
    }

    /// The record geometry of a GeoJSON geometry (polygons as they are: GeoJSON is WGS84).
    static func recordGeometry(_ geometry: GeoJSONGeometry?) -> RecordGeometry {
        switch geometry {
        case nil: return .empty
        case let .point(c)?: return .point(x: c.lon, y: c.lat)
        case let .polygon(rings)?: return rings.isEmpty ? .empty : .polygons([rings])
        case let .multiPolygon(polygons)?: return polygons.isEmpty ? .empty : .polygons(polygons)
        case let .multiPoint(points)? where points.count == 1: return .point(x: points[0].lon, y: points[0].lat)
        case let other?: return .unsupported(other.typeName)
        }
    }

    /// Primitive JSON values as text; nested values are kept as compact JSON text.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case let .bool(b): return b ? "true" : "false"
        case let .integer(i): return String(i)
        case let .number(d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case let .string(s): return s
        case let .array(items): return items.compactMap(text).joined(separator: "|")
        case .object: return nil
        }
    }

    private func readShapefile(_ body: (ImportRecord) throws -> Void) throws {
        do {
            let reader = try ShapefileReader(path: path)
            let names = reader.fields.map(\.name)
            var index = 0
            while let record = try reader.next() {
                defer { index += 1 }
                if record.deleted { continue }
                var fields: [String: String] = [:]
                for (i, name) in names.enumerated() where i < record.values.count {
                    fields[name] = record.values[i].text ?? ""
                }
                let geometry: RecordGeometry
                switch record.geometry {
                case nil: geometry = .empty
                case let .point(p)?: geometry = .point(x: p.x, y: p.y)
                case let .multiPoint(ps)? where ps.count == 1: geometry = .point(x: ps[0].x, y: ps[0].y)
                case let .polygon(polygons)?:
                    let projected = declaredCRS == .utm32
                    func convert(_ p: ShapePoint) -> Coordinate {
                        projected ? UTM32.inverse(ProjectedPoint(easting: p.x, northing: p.y)) : Coordinate(lon: p.x, lat: p.y)
                    }
                    geometry = .polygons(polygons.map { poly in
                        // Shapefile exteriors are clockwise; RFC 7946 order is restored on export.
                        [poly.exterior.map(convert)] + poly.holes.map { $0.map(convert) }
                    })
                case .multiPoint?: geometry = .unsupported("MultiPoint")
                case .polyLine?: geometry = .unsupported("PolyLine")
                }
                let position = RecordPosition(file: path, feature: record.number)
                try body(ImportRecord(position: position, fields: fields, geometry: geometry))
            }
        } catch let error as ShapefileError {
            throw ImportError(problems: [ImportProblem(RecordPosition(file: path, feature: error.record), expected: error.description)])
        }
    }
}
