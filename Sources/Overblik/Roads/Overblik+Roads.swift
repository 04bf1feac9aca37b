import Foundation
public import GeoTypes
import Routing
import Store

/// What `import network` built for one mode.
public struct RoadNetworkSummary: Sendable, Codable, Hashable {
    public var mode: String
    /// Ways the mode's profile accepted.
    public var usableWays: Int
    /// Nodes and segments of all usable ways, and of the kept (largest strongly connected) part.
    public var allNodes: Int, allSegments: Int, keptNodes: Int, keptSegments: Int
    /// Parts left out (islands).
    public var islands: Int
    /// Bytes stored.
    public var storedBytes: Int

    enum CodingKeys: String, CodingKey {
        case mode, usableWays = "usable_ways", allNodes = "all_nodes", allSegments = "all_segments"
        case keptNodes = "kept_nodes", keptSegments = "kept_segments", islands, storedBytes = "stored_bytes"
    }
}

/// The outcome of `import network`.
public struct RoadNetworkImport: Sendable, Codable {
    public var source: String
    public var incompleteWays: Int
    public var networks: [RoadNetworkSummary]

    enum CodingKeys: String, CodingKey { case source, incompleteWays = "incomplete_ways", networks }

    /// One line per mode, for people.
    public var text: String {
        var lines = ["road networks from \(source)" + (incompleteWays > 0 ? " (\(incompleteWays) highway ways cut by the extract's edge: their parts inside kept)" : "")]
        for n in networks {
            lines.append("  \(n.mode): \(n.keptNodes) of \(n.allNodes) nodes, \(n.keptSegments) of \(n.allSegments) segments kept"
                         + " from \(n.usableWays) ways; \(n.islands) island\(n.islands == 1 ? "" : "s") left out; \(n.storedBytes) bytes")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Overblik {
    /// Builds the walk, bike and car networks from an OpenStreetMap file and stores them, replacing
    /// any stored before, in one transaction.
    /// - Parameters:
    ///   - path: an `.osm.pbf` or `.osm` file.
    ///   - clipTo: keep only the parts of ways inside this box (a segment with an end outside goes).
    ///   - attribution: the data's source and licence (default: OpenStreetMap's), recorded with it.
    /// - Throws: ``OverblikError/badInput(_:)`` for an unreadable or malformed file.
    public func importNetwork(path: String, clipTo: BoundingBox? = nil, attribution: String? = nil) throws -> RoadNetworkImport {
        var stored: [StoredRoadNetwork] = [], summaries: [RoadNetworkSummary] = []
        let incompleteWays: Int
        // One mode at a time: each network is encoded and dropped before the next is built.
        do {
            incompleteWays = try RoadNetworks.build(osmFile: path, clipTo: clipTo) { network, report in
                let body = network.encoded()
                stored.append(StoredRoadNetwork(mode: report.mode.rawValue, format: Int(RoadNetwork.byteFormat), nodes: network.nodeCount,
                                                segments: network.segmentCount, islands: report.islands,
                                                source: (path as NSString).lastPathComponent, body: body))
                summaries.append(RoadNetworkSummary(mode: report.mode.rawValue, usableWays: report.usableWays, allNodes: report.allNodes,
                                                    allSegments: report.allSegments, keptNodes: report.keptNodes,
                                                    keptSegments: report.keptSegments, islands: report.islands, storedBytes: body.count))
            }
        } catch {
            throw OverblikError.badInput("\(error)")
        }
        try backend.replace(roadNetworks: stored) {
            try recordSource(ImportLayer.network.rawValue, path: path, attribution: attribution, osm: true)
        }
        roads.states = [:]
        return RoadNetworkImport(source: (path as NSString).lastPathComponent, incompleteWays: incompleteWays, networks: summaries)
    }
}

extension Overblik {
    /// A box from `MINLON,MINLAT,MAXLON,MAXLAT` (WGS84 degrees).
    /// - Throws: ``OverblikError/badInput(_:)`` naming what was expected.
    public static func boundingBox(parsing text: String) throws -> BoundingBox {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let a = parts[0], let b = parts[1], let c = parts[2], let d = parts[3],
              (-180...180).contains(a), (-180...180).contains(c), (-90...90).contains(b), (-90...90).contains(d), a < c, b < d else {
            throw OverblikError.badInput("--clip-to: '\(text)'; expected MINLON,MINLAT,MAXLON,MAXLAT in degrees, min < max")
        }
        return BoundingBox(minLon: a, minLat: b, maxLon: c, maxLat: d)
    }
}
