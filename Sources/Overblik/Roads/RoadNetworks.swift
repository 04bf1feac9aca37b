import Formats
public import GeoTypes
public import Routing

/// The walk, bike and car networks built from one OpenStreetMap file, with what each build kept.
package struct RoadNetworks: Sendable {
    public var networks: [TravelMode: RoadNetwork]
    public var reports: [NetworkBuildReport]
    /// Highway ways the extract cut (some nodes missing): their runs of present nodes are kept.
    public var incompleteWays: Int

    /// Reads the highway ways of an `.osm.pbf` (or `.osm` XML) file in two passes and builds the
    /// three networks by DESIGN.md's profiles. A way with nodes missing from the file, or (with
    /// `clipTo`) outside the box, keeps its runs of consecutive nodes that are present and inside.
    /// - Throws: ``OSMError`` for an unreadable or malformed file.
    public static func read(osmFile path: String, clipTo: BoundingBox? = nil) throws -> RoadNetworks {
        let source: any OSMElementSource = path.hasSuffix(".pbf") ? try OSMPBFReader(path: path) : try OSMXMLReader(path: path)
        // Pass 1: highway ways and the ids of their nodes; pass 2: those nodes' positions.
        var ways: [OSMWay] = []
        var positions: [Int64: Coordinate] = [:]
        try source.read(OSMElementVisitor(way: { way in
            guard way.tags["highway"] != nil else { return }
            ways.append(way)
            for id in way.nodeIDs { positions[id] = Coordinate(lon: .nan, lat: .nan) }
        }))
        try source.read(OSMElementVisitor(node: { node in
            if let slot = positions.index(forKey: node.id) { positions.values[slot] = node.coordinate }
        }))
        var builders = TravelMode.allCases.map { RoadNetworkBuilder(mode: $0) }
        var incomplete = 0
        for way in ways {
            let coordinates = way.nodeIDs.map { positions[$0]! }
            let road = RoadWay(id: way.id, nodeIDs: way.nodeIDs, coordinates: coordinates, tags: way.tags)
            let present = coordinates.allSatisfy { !$0.lon.isNaN }
            if !present { incomplete += 1 }
            // A way cut by the extract's edge keeps its runs of nodes present in the file.
            let parts = split(road) { !$0.lon.isNaN && (clipTo?.contains($0) ?? true) }
            for part in parts {
                for i in builders.indices { builders[i].add(part) }
            }
        }
        var result = RoadNetworks(networks: [:], reports: [], incompleteWays: incomplete)
        for builder in builders {
            let (network, report) = builder.build()
            result.networks[builder.mode] = network
            result.reports.append(report)
        }
        return result
    }

    /// The runs of a way's nodes whose positions pass `keep`, as ways of at least two nodes.
    static func split(_ way: RoadWay, keep: (Coordinate) -> Bool) -> [RoadWay] {
        var parts: [RoadWay] = [], run: [Int] = []
        func flush() {
            if run.count >= 2 {
                parts.append(RoadWay(id: way.id, nodeIDs: run.map { way.nodeIDs[$0] }, coordinates: run.map { way.coordinates[$0] }, tags: way.tags))
            }
            run = []
        }
        for i in way.coordinates.indices {
            if keep(way.coordinates[i]) { run.append(i) } else { flush() }
        }
        flush()
        return parts
    }
}
