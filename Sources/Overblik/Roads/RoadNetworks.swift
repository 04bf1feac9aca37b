import Formats
import GeoTypes
import Routing

/// The walk, bike and car networks built from one OpenStreetMap file, with what each build kept.
public struct RoadNetworks: Sendable {
    public var networks: [TravelMode: RoadNetwork]
    public var reports: [NetworkBuildReport]
    /// Highway ways skipped because the extract cut off some of their nodes.
    public var incompleteWays: Int

    /// Reads the highway ways of an `.osm.pbf` (or `.osm` XML) file in two passes and builds the
    /// three networks by DESIGN.md's profiles. With `clipTo`, a way is cut into its runs of nodes
    /// inside the box.
    /// - Throws: ``OSMError`` for an unreadable or malformed file.
    public static func read(osmFile path: String, clipTo: BoundingBox? = nil) throws -> RoadNetworks {
        let source: any OSMElementSource = path.hasSuffix(".pbf") ? try OSMPBFReader(path: path) : try OSMXMLReader(path: path)
        let resolved = try OSMWayResolver(source: source).resolve(where: { $0.tags["highway"] != nil })
        var builders = TravelMode.allCases.map { RoadNetworkBuilder(mode: $0) }
        for way in resolved.ways {
            let road = RoadWay(id: way.way.id, nodeIDs: way.way.nodeIDs, coordinates: way.coordinates, tags: way.way.tags)
            for part in clipTo.map({ clip(road, $0) }) ?? [road] {
                for i in builders.indices { builders[i].add(part) }
            }
        }
        var result = RoadNetworks(networks: [:], reports: [], incompleteWays: resolved.incomplete.count)
        for builder in builders {
            let (network, report) = builder.build()
            result.networks[builder.mode] = network
            result.reports.append(report)
        }
        return result
    }

    /// The runs of a way's nodes inside `box`, as ways of at least two nodes.
    static func clip(_ way: RoadWay, _ box: BoundingBox) -> [RoadWay] {
        var parts: [RoadWay] = [], run: [Int] = []
        func flush() {
            if run.count >= 2 {
                parts.append(RoadWay(id: way.id, nodeIDs: run.map { way.nodeIDs[$0] }, coordinates: run.map { way.coordinates[$0] }, tags: way.tags))
            }
            run = []
        }
        for i in way.coordinates.indices {
            if box.contains(way.coordinates[i]) { run.append(i) } else { flush() }
        }
        flush()
        return parts
    }
}
