import Testing
import TestSupport
import Foundation
import Formats

enum FormatsFixtures {
    /// The real institutions Shapefile under ../shared/data, when present.
    static let institutionsAvailable = TestSupport.hasSharedFile("formats/institutions-midtjylland-25832.shp")

    static var institutions: String {
        get throws { try #require(TestSupport.sharedFile("formats/institutions-midtjylland-25832.shp")).path }
    }

    static func temporaryStem(_ name: String) -> String {
        NSTemporaryDirectory() + "overblik-formats-\(getpid())-\(name)"
    }
}

/// Builds small shapefiles byte by byte (independently of the reader) for tests.
struct ShapefileBuilder {
    enum Shape {
        case null
        case point(Double, Double)
        case polygon([[(Double, Double)]])
        case multiPoint([(Double, Double)])
    }

    struct Field {
        var name: String
        var type: Character
        var length: Int
        var decimals: Int = 0
    }

    var shapeType: Int32
    var shapes: [Shape]
    var fields: [Field]
    /// Raw field bytes per record (already padded by `write`).
    var rows: [[[UInt8]]]

    private static func be(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian, Array.init) }
    private static func le(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private static func le(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }

    private static func content(_ shape: Shape) -> [UInt8] {
        switch shape {
        case .null: return le(Int32(0))
        case let .point(x, y): return le(Int32(1)) + le(x) + le(y)
        case let .multiPoint(points):
            return le(Int32(8)) + [0, 0, 0, 0].flatMap { le(Double($0)) } + le(Int32(points.count)) + points.flatMap { le($0.0) + le($0.1) }
        case let .polygon(rings):
            var bytes = le(Int32(5)) + [0, 0, 1, 1].flatMap { le(Double($0)) } + le(Int32(rings.count)) + le(Int32(rings.reduce(0) { $0 + $1.count }))
            var start: Int32 = 0
            for ring in rings { bytes += le(start); start += Int32(ring.count) }
            for ring in rings { for p in ring { bytes += le(p.0) + le(p.1) } }
            return bytes
        }
    }

    func write(stem: String, cpg: String?, prj: String?) throws {
        var shp: [UInt8] = [], shx: [UInt8] = []
        var offset = 50
        for (i, shape) in shapes.enumerated() {
            let c = Self.content(shape)
            shp += Self.be(Int32(i + 1)) + Self.be(Int32(c.count / 2)) + c
            shx += Self.be(Int32(offset)) + Self.be(Int32(c.count / 2))
            offset += 4 + c.count / 2
        }
        func header(_ length: Int) -> [UInt8] {
            Self.be(9994) + [UInt8](repeating: 0, count: 20) + Self.be(Int32(length / 2)) + Self.le(Int32(1000)) + Self.le(shapeType)
                + [0, 0, 1, 1, 0, 0, 0, 0].flatMap { Self.le(Double($0)) }
        }
        try Data(header(100 + shp.count) + shp).write(to: URL(fileURLWithPath: stem + ".shp"))
        try Data(header(100 + shx.count) + shx).write(to: URL(fileURLWithPath: stem + ".shx"))
        let recordLength = 1 + fields.reduce(0) { $0 + $1.length }
        var dbf: [UInt8] = [3, 125, 1, 3] + Self.le(Int32(rows.count))
        dbf += [UInt8(truncatingIfNeeded: (32 * fields.count + 33)), UInt8((32 * fields.count + 33) >> 8),
                UInt8(truncatingIfNeeded: recordLength), UInt8(recordLength >> 8)] + [UInt8](repeating: 0, count: 20)
        for f in fields {
            var name = Array(f.name.utf8).prefix(10) + []
            name += [UInt8](repeating: 0, count: 11 - name.count)
            dbf += name + [f.type.asciiValue!, 0, 0, 0, 0, UInt8(f.length), UInt8(f.decimals)] + [UInt8](repeating: 0, count: 14)
        }
        dbf.append(0x0D)
        for row in rows {
            dbf.append(0x20)
            for (f, value) in zip(fields, row) {
                dbf += value.prefix(f.length) + [UInt8](repeating: 0x20, count: max(0, f.length - value.count))
            }
        }
        dbf.append(0x1A)
        try Data(dbf).write(to: URL(fileURLWithPath: stem + ".dbf"))
        if let cpg { try cpg.write(toFile: stem + ".cpg", atomically: true, encoding: .utf8) }
        if let prj { try prj.write(toFile: stem + ".prj", atomically: true, encoding: .utf8) }
    }

    static func remove(stem: String) {
        for ext in ["shp", "shx", "dbf", "cpg", "prj"] { try? FileManager.default.removeItem(atPath: "\(stem).\(ext)") }
    }
}
