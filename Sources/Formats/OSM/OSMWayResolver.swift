public import GeoTypes

/// A way with the positions of its nodes, in order.
public struct OSMResolvedWay: Sendable, Hashable {
    public var way: OSMWay
    public var coordinates: [Coordinate]
}

/// Finds the ways a caller wants and the positions of their nodes in two passes over a source
/// (ways first, then nodes), holding only the wanted ways and their nodes' positions in memory.
/// The road network builder and the facility reader both use it.
///
/// ```swift
/// let roads = try OSMWayResolver(source: OSMPBFReader(path: "denmark.osm.pbf"))
///     .resolve(where: { $0.tags["highway"] != nil })
/// ```
public struct OSMWayResolver {
    public let source: any OSMElementSource

    public init(source: any OSMElementSource) { self.source = source }

    /// What a resolve pass found.
    public struct Result: Sendable {
        /// Wanted ways whose nodes are all in the file, in file order.
        public var ways: [OSMResolvedWay]
        /// Wanted ways that reference nodes missing from the file (cut at an extract's edge).
        public var incomplete: [Int64]
    }

    /// Resolves every way for which `wanted` is true.
    /// - Parameters:
    ///   - wanted: decides per way (its id, node ids and tags) whether to keep it.
    ///   - otherWays: sees every way `wanted` refused (during the first pass).
    ///   - nodes: sees every node (during the second pass), for callers that want nodes too.
    /// - Complexity: two passes over the source; memory O(wanted ways + their nodes).
    public func resolve(where wanted: (OSMWay) -> Bool, otherWays: ((OSMWay) throws -> Void)? = nil,
                        nodes: ((OSMNode) throws -> Void)? = nil) throws -> Result {
        try withoutActuallyEscaping(wanted) { wanted in try resolve(wanted, otherWays, nodes) }
    }

    private func resolve(_ wanted: @escaping (OSMWay) -> Bool, _ otherWays: ((OSMWay) throws -> Void)?,
                         _ nodes: ((OSMNode) throws -> Void)?) throws -> Result {
        var kept: [OSMWay] = []
        var needed: [Int64: Coordinate?] = [:]
        try source.read(OSMElementVisitor(way: { way in
            if wanted(way) {
                kept.append(way)
                for id in way.nodeIDs { needed[id] = .some(nil) }
            } else {
                try otherWays?(way)
            }
        }))
        try source.read(OSMElementVisitor(node: { node in
            if let slot = needed.index(forKey: node.id) { needed.values[slot] = node.coordinate }
            try nodes?(node)
        }))
        var result = Result(ways: [], incomplete: [])
        result.ways.reserveCapacity(kept.count)
        for way in kept {
            var coordinates: [Coordinate] = []
            coordinates.reserveCapacity(way.nodeIDs.count)
            for id in way.nodeIDs {
                guard let c = needed[id] ?? nil else { break }
                coordinates.append(c)
            }
            if coordinates.count == way.nodeIDs.count {
                result.ways.append(OSMResolvedWay(way: way, coordinates: coordinates))
            } else {
                result.incomplete.append(way.id)
            }
        }
        return result
    }
}
