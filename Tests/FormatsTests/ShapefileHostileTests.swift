import Foundation
import Testing
import TestSupport
@testable import Formats

/// Shapefiles that lie (issue 14, item 7): header lengths past the end of the file and
/// coordinates that are not numbers are errors naming the file and record.
@Suite("Shapefiles that lie")
struct ShapefileHostileTests {
    /// Overwrites 4 bytes big-endian at `offset` of `path`.
    static func patch(_ path: String, at offset: Int, bigEndian value: Int32) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        withUnsafeBytes(of: value.bigEndian) { bytes.replaceSubrange(offset..<(offset + 4), with: $0) }
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test("a header and record claiming 4 GiB in a 128-byte file is refused as running past the end")
    func lyingLengths() throws {
        let stem = FormatsFixtures.temporaryStem("lying")
        defer { ShapefileBuilder.remove(stem: stem) }
        try ShapefileBuilder(shapeType: 1, shapes: [.point(1, 2)], fields: [.init(name: "N", type: "C", length: 4)],
                             rows: [[Array("a".utf8)]]).write(stem: stem, cpg: nil, prj: nil)
        try FileManager.default.removeItem(atPath: stem + ".shx")
        try Self.patch(stem + ".shp", at: 24, bigEndian: Int32.max)   // file length in 16-bit words
        try Self.patch(stem + ".shp", at: 104, bigEndian: Int32.max)  // record content length
        #expect(try Data(contentsOf: URL(fileURLWithPath: stem + ".shp")).count == 128)
        let reader = try ShapefileReader(path: stem + ".shp")
        do {
            _ = try reader.next()
            Issue.record("the lying record was read")
        } catch {
            #expect(error.description.contains("runs past the end of the file"), "\(error)")
            #expect(error.description.contains(stem + ".shp"))
        }
    }

    @Test("NaN and infinite coordinates are refused naming the record; ESRI no-data stays a null shape",
          arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteRefused(_ value: Double) throws {
        let stem = FormatsFixtures.temporaryStem("nan-\(value)")
        defer { ShapefileBuilder.remove(stem: stem) }
        try ShapefileBuilder(shapeType: 1, shapes: [.point(-1e39, 2), .point(value, 2)], fields: [.init(name: "N", type: "C", length: 4)],
                             rows: [[Array("a".utf8)], [Array("b".utf8)]]).write(stem: stem, cpg: nil, prj: nil)
        let reader = try ShapefileReader(path: stem + ".shp")
        #expect(try reader.next()?.geometry == nil)
        do {
            _ = try reader.next()
            Issue.record("a \(value) coordinate was accepted")
        } catch {
            #expect(error.description.contains("not a finite number"), "\(error)")
            #expect(error.description.contains("2"), "\(error)")
        }
    }
}
