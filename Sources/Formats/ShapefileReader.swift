/// One record of a shapefile: geometry (nil when the shape is null or empty) and attributes.
public struct ShapefileRecord: Hashable, Sendable {
    /// 1-based record number (as in the .shp).
    public var number: Int
    /// The shape, or nil for a null / empty shape (reported, never dropped).
    public var geometry: ShapeGeometry?
    /// Attribute values in ``ShapefileReader/fields`` order.
    public var values: [DBFValue]
    /// Whether the .dbf marks the record as deleted.
    public var deleted: Bool
    let fieldIndex: [String: Int]

    /// The value of field `name` (exact, as in the .dbf), nil if there is no such field.
    public subscript(name: String) -> DBFValue? {
        fieldIndex[name].map { values[$0] }
    }
}

/// Reads an ESRI shapefile (.shp + .dbf, optional .shx, .prj, .cpg) record by record, in pure Swift.
///
/// Supports null, Point, MultiPoint, PolyLine and Polygon shapes and their Z and M variants (read
/// as 2-D). Coordinates stay in the file's system: check ``epsg`` (from the .prj) and project.
/// Null shapes, empty parts and ESRI "no data" points come back with `geometry == nil` and are
/// listed in ``emptyGeometryRecords``.
///
/// ```swift
/// let shapefile = try ShapefileReader(path: "institutions.shp")
/// guard shapefile.epsg == 25832 else { ... }
/// while let record = try shapefile.next() { ... }
/// ```
public final class ShapefileReader {
    /// The shape type from the .shp header.
    public let shapeType: ShapeType
    /// The bounding box from the .shp header (minX, minY, maxX, maxY).
    public let bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    /// The attribute fields.
    public let fields: [DBFField]
    /// Number of records (from the .dbf header).
    public let recordCount: Int
    /// Number of records in the .shx index, when there is one.
    public let indexRecordCount: Int?
    /// The text of the .prj (WKT), when there is one.
    public let prj: String?
    /// The EPSG code recognised in the .prj (25832, 4326, 4258, 32632), nil when unknown or missing.
    public let epsg: Int?
    /// The encoding used for character fields (.cpg, else the language driver, else UTF-8/Windows-1252 detection).
    public let encoding: DBFEncoding
    /// Record numbers whose geometry was null or empty, in order, among those read so far.
    public private(set) var emptyGeometryRecords: [Int] = []

    private let shpPath: String
    private let shp: FileChunks
    private let dbf: DBFReader
    private let fieldIndex: [String: Int]
    private var readCount = 0
    private var shpOffset = 100
    private let shpLength: Int

    /// Opens `path` (the .shp, or the name without extension) and its sibling files.
    /// - Throws: ``ShapefileError`` when the .shp or .dbf is missing or has a bad header.
    public init(path: String) throws(ShapefileError) {
        let stem = Self.stem(of: path)
        guard let shpPath = Self.sibling(stem, "shp") else { throw ShapefileError(.missingFile, file: stem + ".shp") }
        guard let dbfPath = Self.sibling(stem, "dbf") else { throw ShapefileError(.missingFile, file: stem + ".dbf") }
        self.shpPath = shpPath
        do { shp = try FileChunks(path: shpPath) } catch {
            throw ShapefileError(.io(operation: error.operation, errno: error.errno), file: shpPath)
        }
        let header: [UInt8]
        do { header = try shp.readUpTo(100) } catch { throw ShapefileError(.io(operation: error.operation, errno: error.errno), file: shpPath) }
        guard header.count == 100 else { throw ShapefileError(.badHeader("shorter than 100 bytes"), file: shpPath) }
        guard header.int32BE(0) == 9994 else { throw ShapefileError(.badHeader("file code \(header.int32BE(0)), expected 9994"), file: shpPath) }
        guard header.int32LE(28) == 1000 else { throw ShapefileError(.badHeader("version \(header.int32LE(28)), expected 1000"), file: shpPath) }
        guard let type = ShapeType(rawValue: header.int32LE(32)) else {
            throw ShapefileError(.unsupportedShapeType(header.int32LE(32)), file: shpPath)
        }
        shapeType = type
        // The header's length, but never past the real end of the file (a lying header must not
        // make a record look larger than the file).
        shpLength = min(Int(header.int32BE(24)) * 2, shp.size ?? Int.max)
        bounds = (header.doubleLE(36), header.doubleLE(44), header.doubleLE(52), header.doubleLE(60))

        let codePage = Self.sibling(stem, "cpg").flatMap(readSmallFile).map { String(decoding: $0, as: UTF8.self) }
        dbf = try DBFReader(path: dbfPath, codePage: codePage)
        fields = dbf.fields
        recordCount = dbf.recordCount
        encoding = dbf.encoding
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() where index[f.name] == nil { index[f.name] = i }
        fieldIndex = index
        indexRecordCount = Self.sibling(stem, "shx").flatMap(readSmallFileHeader).map { ($0 * 2 - 100) / 8 }
        let prjText = Self.sibling(stem, "prj").flatMap(readSmallFile).map { String(decoding: $0, as: UTF8.self) }
        prj = prjText
        epsg = prjText.flatMap(Self.epsg(fromWKT:))
        if let indexRecordCount, indexRecordCount != recordCount {
            throw ShapefileError(.recordCountMismatch(shp: indexRecordCount, dbf: recordCount), file: shpPath)
        }
    }

    /// The next record, nil after the last.
    /// - Throws: ``ShapefileError`` naming the file and record for truncated or inconsistent data.
    public func next() throws(ShapefileError) -> ShapefileRecord? {
        guard let (values, deleted) = try dbf.next() else {
            if shpOffset + 8 <= shpLength {
                throw ShapefileError(.recordCountMismatch(shp: readCount + 1, dbf: recordCount), file: shpPath)
            }
            return nil
        }
        readCount += 1
        guard shpOffset + 8 <= shpLength else {
            throw ShapefileError(.recordCountMismatch(shp: readCount - 1, dbf: recordCount), file: shpPath)
        }
        let recordHeader = try readShp(8)
        let number = Int(recordHeader.int32BE(0))
        let contentLength = Int(recordHeader.int32BE(4)) * 2
        guard contentLength >= 4, shpOffset + 8 + contentLength <= shpLength else {
            throw ShapefileError(.badRecord("content length \(contentLength) runs past the end of the file"), file: shpPath, record: readCount)
        }
        let content = try readShp(contentLength)
        shpOffset += 8 + contentLength
        let geometry = try ShapeDecoder(bytes: content, file: shpPath, record: number).decode()
        if geometry == nil { emptyGeometryRecords.append(number) }
        return ShapefileRecord(number: number, geometry: geometry, values: values, deleted: deleted, fieldIndex: fieldIndex)
    }

    /// Reads all remaining records.
    public func readAll() throws(ShapefileError) -> [ShapefileRecord] {
        var records: [ShapefileRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }

    private func readShp(_ count: Int) throws(ShapefileError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try shp.readUpTo(count) } catch { throw ShapefileError(.io(operation: error.operation, errno: error.errno), file: shpPath) }
        guard bytes.count == count else { throw ShapefileError(.badRecord("file ends inside the record"), file: shpPath, record: readCount) }
        return bytes
    }

    // MARK: - Files

    static func stem(of path: String) -> String {
        for ext in [".shp", ".SHP", ".dbf", ".DBF", ".shx", ".SHX"] where path.hasSuffix(ext) {
            return String(path.dropLast(ext.count))
        }
        return path
    }

    /// The sibling file with extension `ext`, in lower or upper case.
    static func sibling(_ stem: String, _ ext: String) -> String? {
        [stem + "." + ext, stem + "." + ext.uppercased()].first(where: fileExists)
    }

    /// Recognises the EPSG code of common .prj WKT texts.
    public static func epsg(fromWKT wkt: String) -> Int? {
        let text = wkt.uppercased().replacingSpaces()
        // An authority closing the top-level object names the system outright.
        for code in [25832, 4326, 4258, 32632] where text.hasSuffix("AUTHORITY[\"EPSG\",\"\(code)\"]]") {
            return code
        }
        let utm32 = text.contains("UTM_ZONE_32N") || text.contains("UTMZONE32N")
        let etrs = text.contains("ETRS") || text.contains("ETRF")
        if text.hasPrefix("PROJCS") {
            if utm32 && etrs { return 25832 }
            if utm32 && (text.contains("WGS_1984") || text.contains("WGS84")) { return 32632 }
            return nil
        }
        if text.hasPrefix("GEOGCS") {
            if etrs { return 4258 }
            if text.contains("WGS_1984") || text.contains("WGS84") { return 4326 }
        }
        return nil
    }
}

/// The .shx header's file length in 16-bit words.
private func readSmallFileHeader(_ path: String) -> Int? {
    guard let chunks = try? FileChunks(path: path), let header = try? chunks.readUpTo(100), header.count == 100,
          header.int32BE(0) == 9994 else { return nil }
    return Int(header.int32BE(24))
}

extension String {
    func replacingSpaces() -> String { String(filter { $0 != " " }) }
}
