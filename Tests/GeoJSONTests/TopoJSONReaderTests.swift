import GeoJSON
import GeoTypes
import Testing

@Suite("TopoJSON reader")
struct TopoJSONReaderTests {
    /// Two unit squares side by side sharing the arc x = 1 (arc 0, drawn upwards); the left square
    /// walks it forwards, the right one reversed (~0 = -1). Quantised with scale 0.5 / translate
    /// (10, 50), delta-encoded, every position with DAGI's third value -999.
    static let shared = """
    {"type":"Topology",
     "arcs":[[[2,0,-999],[0,2,-999]],
             [[2,2,-999],[-2,0,-999],[0,-2,-999],[2,0,-999]],
             [[2,0,-999],[2,0,-999],[0,2,-999],[-2,0,-999]]],
     "objects":{"squares":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,1]],"id":7,"properties":{"code":"L"}},
        {"type":"MultiPolygon","arcs":[[[2,-1]]],"properties":{"code":"R"}},
        {"type":"Point","coordinates":[4,4],"properties":{"code":"P"}},
        {"type":null,"properties":{"code":"N"}}]}},
     "transform":{"scale":[0.5,0.5],"translate":[10,50]}}
    """

    @Test("shared and reversed arcs stitch into closed rings in the transformed coordinates")
    func sharedArcs() throws {
        let reader = TopoJSONReader(bytes: Array(Self.shared.utf8))
        let features = try reader.features()
        #expect(features.map { $0[property: "code"]?.stringValue } == ["L", "R", "P", "N"])
        #expect(features[0].id == .integer(7))
        let c = { (x: Double, y: Double) in Coordinate(lon: 10 + x, lat: 50 + y) }
        #expect(features[0].geometry == .polygon([[c(1, 0), c(1, 1), c(0, 1), c(0, 0), c(1, 0)]]))
        #expect(features[1].geometry == .multiPolygon([[[c(1, 0), c(2, 0), c(2, 1), c(1, 1), c(1, 0)]]]))
        #expect(features[2].geometry == .point(c(2, 2)))
        #expect(features[3].geometry == nil)
        #expect(reader.notes.contains { $0.contains("third value") })
    }

    @Test("a topology without transform keeps its positions as they are")
    func plain() throws {
        let text = """
        {"type":"Topology","arcs":[[[9,57],[9.5,57],[9.5,57.5],[9,57.5],[9,57]]],
         "objects":{"one":{"type":"Polygon","arcs":[[0]],"properties":{"name":"x"}}}}
        """
        let features = try TopoJSONReader(bytes: Array(text.utf8)).features()
        #expect(features.count == 1)
        #expect(features[0].geometry == .polygon([[Coordinate(lon: 9, lat: 57), Coordinate(lon: 9.5, lat: 57),
                                                   Coordinate(lon: 9.5, lat: 57.5), Coordinate(lon: 9, lat: 57.5), Coordinate(lon: 9, lat: 57)]]))
    }

    @Test("bad topologies are refused naming the member", arguments: [
        ("{\"type\":\"Topology\",\"arcs\":[],\"objects\":{\"a\":{\"type\":\"Polygon\",\"arcs\":[[3]]}}}", "objects.a.arcs[0][0]"),
        ("{\"type\":\"Topology\",\"arcs\":[[[0,0],[1,0]]],\"objects\":{\"a\":{\"type\":\"Polygon\",\"arcs\":[[0]]}}}", "closed ring"),
        ("{\"type\":\"FeatureCollection\",\"features\":[]}", "Topology"),
        ("{\"type\":\"Topology\",\"arcs\":[[[0]]],\"objects\":{}}", "arcs[0][0]"),
    ])
    func refused(text: String, mention: String) {
        #expect {
            _ = try TopoJSONReader(bytes: Array(text.utf8)).features()
        } throws: { error in
            String(describing: error).contains(mention)
        }
    }
}
