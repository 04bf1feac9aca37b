public import GeoTypes

/// The three OpenStreetMap element types.
public enum OSMElementType: String, Sendable, Hashable, CaseIterable {
    case node, way, relation
}

/// An element's type and id, written `node/123`, `way/45`, `relation/6` (as Overpass and the OSM
/// website do).
public struct OSMElementID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var type: OSMElementType
    public var id: Int64

    public init(_ type: OSMElementType, _ id: Int64) {
        self.type = type
        self.id = id
    }

    public var description: String { "\(type.rawValue)/\(id)" }

    public static func < (a: Self, b: Self) -> Bool {
        a.type == b.type ? a.id < b.id : OSMElementType.allCases.firstIndex(of: a.type)! < OSMElementType.allCases.firstIndex(of: b.type)!
    }
}

/// A node: an id, a position in WGS84 and its tags (empty for most nodes).
public struct OSMNode: Sendable, Hashable {
    public var id: Int64
    public var coordinate: Coordinate
    public var tags: [String: String]

    public init(id: Int64, coordinate: Coordinate, tags: [String: String] = [:]) {
        self.id = id
        self.coordinate = coordinate
        self.tags = tags
    }
}

/// A way: an id, its node ids in order and its tags. A closed way repeats its first node at the end.
public struct OSMWay: Sendable, Hashable {
    public var id: Int64
    public var nodeIDs: [Int64]
    public var tags: [String: String]

    public init(id: Int64, nodeIDs: [Int64], tags: [String: String] = [:]) {
        self.id = id
        self.nodeIDs = nodeIDs
        self.tags = tags
    }

    /// First and last node are the same and the way has at least four nodes (a ring).
    public var isClosed: Bool { nodeIDs.count >= 4 && nodeIDs.first == nodeIDs.last }
}

/// One member of a relation.
public struct OSMMember: Sendable, Hashable {
    public var type: OSMElementType
    public var ref: Int64
    public var role: String

    public init(type: OSMElementType, ref: Int64, role: String) {
        self.type = type
        self.ref = ref
        self.role = role
    }
}

/// A relation: an id, its members in order and its tags.
public struct OSMRelation: Sendable, Hashable {
    public var id: Int64
    public var members: [OSMMember]
    public var tags: [String: String]

    public init(id: Int64, members: [OSMMember], tags: [String: String] = [:]) {
        self.id = id
        self.members = members
        self.tags = tags
    }
}

/// Which element types a pass over a source wants; the others are not decoded.
public struct OSMElementVisitor {
    public var node: ((OSMNode) throws -> Void)?
    public var way: ((OSMWay) throws -> Void)?
    public var relation: ((OSMRelation) throws -> Void)?

    public init(node: ((OSMNode) throws -> Void)? = nil, way: ((OSMWay) throws -> Void)? = nil,
                relation: ((OSMRelation) throws -> Void)? = nil) {
        self.node = node
        self.way = way
        self.relation = relation
    }
}

/// Anything that can stream OpenStreetMap elements in file order (nodes, then ways, then relations
/// in a sorted file), once per call: the PBF reader and the XML reader. Each call is a fresh pass
/// over the file, so a caller can make several passes without holding the file in memory.
public protocol OSMElementSource {
    /// Where the elements come from (a path), for messages.
    var path: String { get }
    /// Streams every element of the wanted types to `visitor`.
    /// - Throws: ``OSMError`` for a malformed file, or whatever a visitor throws.
    func read(_ visitor: OSMElementVisitor) throws
}
