public import GeoTypes

/// One OpenStreetMap feature as a point: a tagged node, or the centroid of a tagged closed way or
/// multipolygon relation (buildings and grounds drawn as areas).
public struct OSMFeature: Sendable, Hashable {
    public var id: OSMElementID
    public var tags: [String: String]
    /// The node's position, or the area's centroid.
    public var location: Coordinate
}

/// Why an element that looked like a feature did not become one.
public enum OSMSkipReason: Sendable, Hashable {
    /// Its tags are not wanted (the caller counts these by tag).
    case unwanted
    /// A wanted way that is not closed, so has no area (it would be a line).
    case notAnArea
    /// A wanted way or relation with members or nodes missing from the extract.
    case incomplete
    /// A wanted multipolygon whose outer ways do not join into rings.
    case brokenRings
}

/// Streams point features from any ``OSMElementSource``: tagged nodes as they are read, then
/// closed ways and multipolygon relations as centroids. Three passes over the file (relations,
/// ways, nodes); memory holds only the wanted elements and the nodes their outlines use.
public struct OSMFeatureReader {
    public let source: any OSMElementSource

    public init(source: any OSMElementSource) { self.source = source }

    /// Calls `feature` for every element whose tags `wanted` accepts, and `skipped` for every
    /// other element with tags (untagged nodes and ways, and member ways, are not features).
    public func read(wanted: ([String: String]) -> Bool,
                     feature: (OSMFeature) throws -> Void,
                     skipped: (OSMElementID, [String: String], OSMSkipReason) throws -> Void) throws {
        try withoutActuallyEscaping(wanted) { wanted in
            try withoutActuallyEscaping(feature) { feature in
                try withoutActuallyEscaping(skipped) { skipped in
                    try read(wanted, feature, skipped)
                }
            }
        }
    }

    private func read(_ wanted: @escaping ([String: String]) -> Bool,
                      _ feature: @escaping (OSMFeature) throws -> Void,
                      _ skipped: @escaping (OSMElementID, [String: String], OSMSkipReason) throws -> Void) throws {
        // Pass 1: multipolygon relations and the ways they need.
        var relations: [OSMRelation] = []
        var memberWays: Set<Int64> = []
        try source.read(OSMElementVisitor(relation: { relation in
            guard !relation.tags.isEmpty else { return }
            let id = OSMElementID(.relation, relation.id)
            guard wanted(relation.tags) else { try skipped(id, relation.tags, .unwanted); return }
            guard relation.tags["type"] == "multipolygon" else { try skipped(id, relation.tags, .notAnArea); return }
            relations.append(relation)
            for m in relation.members where m.type == .way { memberWays.insert(m.ref) }
        }))
        // Passes 2 and 3: wanted closed ways, member ways, and the nodes (features as they come).
        var wantedWays: Set<Int64> = []
        let resolved = try OSMWayResolver(source: source).resolve(where: { way in
            let isWanted = !way.tags.isEmpty && way.isClosed && wanted(way.tags)
            if isWanted { wantedWays.insert(way.id) }
            return isWanted || memberWays.contains(way.id)
        }, otherWays: { way in
            guard !way.tags.isEmpty else { return }
            try skipped(OSMElementID(.way, way.id), way.tags, wanted(way.tags) ? .notAnArea : .unwanted)
        }, nodes: { node in
            guard !node.tags.isEmpty else { return }
            if wanted(node.tags) {
                try feature(OSMFeature(id: OSMElementID(.node, node.id), tags: node.tags, location: node.coordinate))
            } else {
                try skipped(OSMElementID(.node, node.id), node.tags, .unwanted)
            }
        })
        var ways: [Int64: OSMResolvedWay] = [:]
        for w in resolved.ways {
            if wantedWays.contains(w.way.id), let c = OSMArea.centroid(outer: [w.coordinates]) {
                try feature(OSMFeature(id: OSMElementID(.way, w.way.id), tags: w.way.tags, location: c))
            }
            if memberWays.contains(w.way.id) { ways[w.way.id] = w }
        }
        for id in resolved.incomplete where wantedWays.contains(id) {
            try skipped(OSMElementID(.way, id), [:], .incomplete)
        }
        for relation in relations {
            let id = OSMElementID(.relation, relation.id)
            var outer: [[(id: Int64, coordinate: Coordinate)]] = [], inner = outer
            var complete = true
            for m in relation.members where m.type == .way {
                guard let w = ways[m.ref] else { complete = false; break }
                let segment = Array(zip(w.way.nodeIDs, w.coordinates).map { (id: $0, coordinate: $1) })
                if m.role == "inner" { inner.append(segment) } else { outer.append(segment) }
            }
            guard complete, !outer.isEmpty else { try skipped(id, relation.tags, .incomplete); continue }
            guard let outerRings = OSMArea.rings(from: outer), let innerRings = OSMArea.rings(from: inner),
                  let c = OSMArea.centroid(outer: outerRings, inner: innerRings) else {
                try skipped(id, relation.tags, .brokenRings)
                continue
            }
            try feature(OSMFeature(id: id, tags: relation.tags, location: c))
        }
    }
}
