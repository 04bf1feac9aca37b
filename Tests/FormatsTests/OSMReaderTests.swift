import Formats
import Foundation
import GeoTypes
import Testing
import TestSupport

@Suite("OpenStreetMap readers (PBF and XML)")
struct OSMReaderTests {
    static let helsinki = TestSupport.sharedData.map { $0.appendingPathComponent("osm/helsinki.osm.pbf").path }
    static let haveHelsinki = helsinki.map { FileManager.default.fileExists(atPath: $0) } ?? false

    /// A square hall (way 10) and a multipolygon school whose outline is split over two ways
    /// (one reversed) with a hole (way 13), plus a tagged node and an untagged one.
    static let xml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <osm version="0.6" generator="hand">
      <!-- a comment -->
      <node id="1" lat="57.0" lon="9.0"/><node id="2" lat="57.0" lon="9.002"/>
      <node id="3" lat="57.002" lon="9.002"/><node id="4" lat="57.002" lon="9.0"/>
      <node id="5" lat="57.01" lon="9.01"><tag k="amenity" v="library"/><tag k="name" v="Nibe &amp; Omegn"/></node>
      <node id="21" lat="56.0" lon="10.0"/><node id="22" lat="56.0" lon="10.004"/>
      <node id="23" lat="56.002" lon="10.004"/><node id="24" lat="56.002" lon="10.0"/>
      <node id="31" lat="56.0005" lon="10.0005"/><node id="32" lat="56.0005" lon="10.0015"/>
      <node id="33" lat="56.0015" lon="10.0015"/><node id="34" lat="56.0015" lon="10.0005"/>
      <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
        <tag k="leisure" v="sports_hall"/><tag k="name" v="Hallen"/></way>
      <way id="11"><nd ref="21"/><nd ref="22"/><nd ref="23"/></way>
      <way id="12"><nd ref="21"/><nd ref="24"/><nd ref="23"/></way>
      <way id="13"><nd ref="31"/><nd ref="32"/><nd ref="33"/><nd ref="34"/><nd ref="31"/></way>
      <way id="14"><nd ref="1"/><nd ref="3"/><tag k="amenity" v="school"/></way>
      <relation id="20"><member type="way" ref="11" role="outer"/><member type="way" ref="12" role="outer"/>
        <member type="way" ref="13" role="inner"/>
        <tag k="type" v="multipolygon"/><tag k="amenity" v="school"/><tag k="name" v="Skolen"/></relation>
    </osm>
    """

    @Test("features come from nodes, closed ways and multipolygons; open ways are reported")
    func xmlFeatures() throws {
        let file = try TestSupport.writeTemporary(Self.xml, name: "small.osm")
        var features: [String: OSMFeature] = [:]
        var skipped: [String: OSMSkipReason] = [:]
        try OSMFeatureReader(source: OSMXMLReader(path: file.path)).read(
            wanted: { $0["amenity"] != nil || $0["leisure"] != nil },
            feature: { features[$0.id.description] = $0 },
            skipped: { id, _, reason in skipped[id.description] = reason })
        #expect(Set(features.keys) == ["node/5", "way/10", "relation/20"])
        #expect(features["node/5"]?.tags["name"] == "Nibe & Omegn")
        let hall = try #require(features["way/10"]?.location)
        #expect(abs(hall.lon - 9.001) < 1e-9 && abs(hall.lat - 57.001) < 1e-9)
        // Outer 0.004 x 0.002 centred at 10.002 minus a 0.001 hole centred at 10.001: the centroid
        // moves east by 0.001 * 1/7.
        let school = try #require(features["relation/20"]?.location)
        #expect(abs(school.lon - (10.002 + 0.001 / 7)) < 1e-9 && abs(school.lat - 56.001) < 1e-9)
        #expect(skipped["way/14"] == .notAnArea)
    }

    @Test("the Helsinki PBF has nodes, ways and relations, and every highway resolves inside the extract",
          .enabled(if: haveHelsinki, "needs ../shared/data/osm/helsinki.osm.pbf"))
    func helsinkiPBF() throws {
        let reader = try OSMPBFReader(path: try #require(Self.helsinki))
        var nodes = 0, ways = 0, relations = 0, taggedNodes = 0
        try reader.read(OSMElementVisitor(node: { n in nodes += 1; if !n.tags.isEmpty { taggedNodes += 1 } },
                                          way: { _ in ways += 1 }, relation: { _ in relations += 1 }))
        #expect(nodes > 10_000 && ways > 1_000 && relations > 10 && taggedNodes > 1_000)
        let roads = try OSMWayResolver(source: reader).resolve(where: { $0.tags["highway"] != nil })
        #expect(roads.ways.count > 1_000)
        let all = roads.ways.flatMap(\.coordinates)
        #expect(all.allSatisfy { (24.8...25.1).contains($0.lon) && (60.1...60.25).contains($0.lat) })
        #expect(roads.ways.allSatisfy { $0.coordinates.count == $0.way.nodeIDs.count })
    }

    @Test("a truncated or foreign file is refused with its byte offset, never a crash",
          .enabled(if: haveHelsinki, "needs ../shared/data/osm/helsinki.osm.pbf"))
    func truncated() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try #require(Self.helsinki)))
        for cut in [3, 100, bytes.count / 2] {
            let file = try TestSupport.temporaryDirectory("pbf-cut").appendingPathComponent("cut.osm.pbf")
            try bytes.prefix(cut).write(to: file)
            #expect(throws: OSMError.self) { try OSMPBFReader(path: file.path).read(OSMElementVisitor(node: { _ in })) }
        }
        let text = try TestSupport.writeTemporary("{\"type\":\"FeatureCollection\"}", name: "not.osm.pbf")
        #expect(throws: OSMError.self) { try OSMPBFReader(path: text.path).read(OSMElementVisitor()) }
    }
}
