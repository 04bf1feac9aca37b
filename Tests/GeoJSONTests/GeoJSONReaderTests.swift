import TestSupport
import Testing
import GeoJSON
import GeoTypes
import Foundation

@Suite("GeoJSON reader")
struct GeoJSONReaderTests {
    @Test("The Aalborg parish file reads as 57 polygon features with the legacy crs noted",
          .enabled(if: TestSupport.hasSharedFile("aalborg/parishes-2014.geojson"), "../shared/data is not beside the project"))
    func readsParishes() throws {
        let reader = try GeoJSONReader(path: try #require(TestSupport.sharedFile("aalborg/parishes-2014.geojson")).path)
        let features = try reader.readAll()
        #expect(features.count == 57)
        #expect(reader.declaredCRS == "urn:ogc:def:crs:OGC:1.3:CRS84")
        #expect(reader.notes.contains { $0.contains("crs") })
        let first = try #require(features.first)
        #expect(first[property: "SOGNEKODE"] == "8276")
        #expect(first[property: "SOGNENAVN"] == "Ejdrup")
        #expect(first[property: "area_km2"] == .number(20.01))
        guard case let .polygon(rings)? = first.geometry else { Issue.record("expected a Polygon"); return }
        #expect(rings[0][0] == c(9.50903212247949, 56.88545490631416))
        #expect(features.allSatisfy { $0.geometry?.typeName == "Polygon" || $0.geometry?.typeName == "MultiPolygon" })
    }

    @Test("A bare geometry reads as one feature, a Feature as itself, with ids int or string")
    func bareGeometryAndFeature() throws {
        let bare = GeoJSONReader(bytes: Array(#"{"coordinates":[10.5,57.25,3],"type":"Point"}"#.utf8))
        #expect(try bare.readAll() == [GeoJSONFeature(geometry: .point(c(10.5, 57.25)))])
        #expect(bare.notes.contains { $0.contains("dropped") })
        let feature = try GeoJSONReader(bytes: Array(#"{"type":"Feature","id":"a-1","geometry":null,"properties":{"n":1}}"#.utf8)).readAll()
        #expect(feature == [GeoJSONFeature(id: .string("a-1"), geometry: nil, properties: [JSONMember("n", 1)])])
        let numbered = try GeoJSONReader(bytes: Array(#"{"features":[{"type":"Feature","id":7,"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]},"properties":null}],"type":"FeatureCollection"}"#.utf8)).readAll()
        #expect(numbered == [GeoJSONFeature(id: .integer(7), geometry: .multiPoint([c(1, 2), c(3, 4)]))])
    }

    @Test("Every geometry type and escaped strings parse")
    func allGeometryTypes() throws {
        let text = #"""
        {"type":"Feature","properties":{"s":"\"q\" \\ \/ \b\f\n\r\t \u00e6\ud83d\ude00 ø","t":true,"f":false,"z":null,"x":-1.5e2,"a":[1,{"b":2}]},
         "geometry":{"type":"GeometryCollection","geometries":[
          {"type":"LineString","coordinates":[[0,0],[1,1]]},
          {"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]},
          {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},
          {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[]]}]}}
        """#
        let feature = try #require(try GeoJSONReader(bytes: Array(text.utf8)).readAll().first)
        #expect(feature[property: "s"] == .string("\"q\" \\ / \u{8}\u{C}\n\r\t æ😀 ø"))
        #expect(feature[property: "x"] == .number(-150))
        #expect(feature[property: "a"] == .array([1, .object([JSONMember("b", 2)])]))
        guard case let .geometryCollection(parts)? = feature.geometry else { Issue.record("not a collection"); return }
        #expect(parts.map(\.typeName) == ["LineString", "MultiLineString", "Polygon", "MultiPolygon"])
    }

    @Test("A generated collection of 50 000 features streams through the reader without being held in memory")
    func streamsLargeInput() throws {
        struct Generated: ByteSource {
            var remaining: Int
            var pending: [UInt8] = Array(#"{"type":"FeatureCollection","features":["#.utf8)
            var index = 0
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
                while pending.count < buffer.count && remaining > 0 {
                    let sep = index == 0 ? "" : ","
                    pending += Array("\(sep){\"type\":\"Feature\",\"id\":\(index),\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(index % 360 - 180),0.5]},\"properties\":{}}".utf8)
                    index += 1
                    remaining -= 1
                    if remaining == 0 { pending += Array("]}".utf8) }
                }
                let n = min(buffer.count, pending.count)
                buffer.copyBytes(from: pending[0..<n])
                pending.removeFirst(n)
                return n
            }
        }
        let reader = GeoJSONReader(source: Generated(remaining: 50_000))
        var count = 0, lastID: FeatureID?
        while let feature = try reader.next() {
            count += 1
            lastID = feature.id
        }
        #expect(count == 50_000)
        #expect(lastID == .integer(49_999))
    }
}
