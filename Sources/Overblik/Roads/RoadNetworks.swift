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
        var result = RoadNetworks(networks: [:], reports: [], incompleteWays: 0)
        result.incompleteWays = try build(osmFile: path, clipTo: clipTo) { network, report in
            result.networks[report.mode] = network
            result.reports.append(report)
        }
        return result
    }

    /// Like ``read(osmFile:clipTo:)``, but hands each mode's network to `each` (walk, bike, car) as
    /// soon as it is built and keeps none, so that at most one mode's build is in memory at a time.
    /// The highway ways are held compactly meanwhile: their node ids in one array, and only the tags
    /// the profiles read (``RoadProfile/keys``), each distinct set once.
    /// - Returns: the number of highway ways the extract cut (some nodes missing).
    /// - Throws: ``OSMError`` for an unreadable or malformed file, or what `each` throws.
    public static func build(osmFile path: String, clipTo: BoundingBox? = nil,
                             _ each: (RoadNetwork, NetworkBuildReport) throws -> Void) throws -> Int {
        let source: any OSMElementSource = path.hasSuffix(".pbf") ? try OSMPBFReader(path: path) : try OSMXMLReader(path: path)
        // Pass 1: highway ways and the ids of their nodes; pass 2: those nodes' positions.
        var ways = CompactWays()
        var positions: [Int64: Coordinate] = [:]
        try source.read(OSMElementVisitor(way: { way in
            guard way.tags["highway"] != nil else { return }
            ways.append(way)
            for id in way.nodeIDs { positions[id] = Coordinate(lon: .nan, lat: .nan) }
        }))
        try source.read(OSMElementVisitor(node: { node in
            if let slot = positions.index(forKey: node.id) { positions.values[slot] = node.coordinate }
        }))
        var incomplete = 0
        for mode in TravelMode.allCases {
            var builder = RoadNetworkBuilder(mode: mode)
            for w in 0..<ways.count {
                let ids = ways.nodeIDs(w)
                let coordinates = ids.map { positions[$0]! }
                if mode == TravelMode.allCases[0] && !coordinates.allSatisfy({ !$0.lon.isNaN }) { incomplete += 1 }
                let road = RoadWay(id: ways.ids[w], nodeIDs: Array(ids), coordinates: coordinates, tags: ways.tagSets[Int(ways.tags[w])])
                // A way cut by the extract's edge keeps its runs of nodes present in the file.
                for part in split(road, keep: { !$0.lon.isNaN && (clipTo?.contains($0) ?? true) }) { builder.add(part) }
            }
            let (network, report) = builder.build()
            builder = RoadNetworkBuilder(mode: mode)
            try each(network, report)
        }
        return incomplete
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

/// Highway ways held for the network builds: node ids in one array, the profile-relevant tags of
/// each way as an index into the distinct sets seen.
struct CompactWays {
    var ids: [Int64] = []
    var start: [Int] = [0]
    var nodes: [Int64] = []
    var tags: [Int32] = []
    var tagSets: [[String: String]] = []
    var tagIndex: [[String: String]: Int32] = [:]

    var count: Int { ids.count }

    func nodeIDs(_ w: Int) -> ArraySlice<Int64> { nodes[start[w]..<start[w + 1]] }

    mutating func append(_ way: OSMWay) {
        ids.append(way.id)
        nodes += way.nodeIDs
        start.append(nodes.count)
        let relevant = way.tags.filter { RoadProfile.keys.contains($0.key) }
        if let known = tagIndex[relevant] {
            tags.append(known)
        } else {
            tagIndex[relevant] = Int32(tagSets.count)
            tags.append(Int32(tagSets.count))
            tagSets.append(relevant)
        }
    }
}
