import GeoTypes

/// Decodes one `PrimitiveBlock` of an OSM PBF file (string table, granularity and offsets, then
/// groups of nodes, dense nodes, ways and relations) and hands each element to a visitor.
/// Element types the visitor does not want are skipped without decoding.
enum OSMPrimitiveBlock {
    struct Frame {
        var strings: [String] = []
        var granularity: Int64 = 100
        var latOffset: Int64 = 0
        var lonOffset: Int64 = 0

        func coordinate(lat: Int64, lon: Int64) -> Coordinate {
            Coordinate(lon: 1e-9 * Double(lonOffset &+ granularity &* lon), lat: 1e-9 * Double(latOffset &+ granularity &* lat))
        }

        func string(_ index: UInt64) throws(ProtobufError) -> String {
            guard index < UInt64(strings.count) else { throw .badStringIndex(index) }
            return strings[Int(index)]
        }

        func tags(keys: [UInt64], values: [UInt64]) throws(ProtobufError) -> [String: String] {
            guard !keys.isEmpty else { return [:] }
            var tags: [String: String] = [:]
            tags.reserveCapacity(keys.count)
            for (k, v) in zip(keys, values) { tags[try string(k)] = try string(v) }
            return tags
        }
    }

    static func decode(_ block: UnsafeBufferPointer<UInt8>, _ visitor: OSMElementVisitor) throws {
        var frame = Frame()
        var groups: [Range<Int>] = []
        var cursor = ProtobufCursor(block)
        while let (number, wire) = try cursor.field() {
            switch (number, wire) {
            case (1, 2):
                var table = ProtobufCursor(block, range: try cursor.lengthDelimited())
                while let (n, w) = try table.field() {
                    if n == 1, w == 2 { frame.strings.append(table.string(try table.lengthDelimited())) } else { try table.skip(wireType: w) }
                }
            case (2, 2): groups.append(try cursor.lengthDelimited())
            case (17, 0): frame.granularity = Int64(truncatingIfNeeded: try cursor.varint())
            case (19, 0): frame.latOffset = Int64(bitPattern: try cursor.varint())
            case (20, 0): frame.lonOffset = Int64(bitPattern: try cursor.varint())
            default: try cursor.skip(wireType: wire)
            }
        }
        for range in groups {
            var group = ProtobufCursor(block, range: range)
            while let (number, wire) = try group.field() {
                guard wire == 2 else { try group.skip(wireType: wire); continue }
                let element = try group.lengthDelimited()
                switch number {
                case 1: if let visit = visitor.node { try visit(try node(block, element, frame)) }
                case 2: if let visit = visitor.node { try denseNodes(block, element, frame, visit) }
                case 3: if let visit = visitor.way { try visit(try way(block, element, frame)) }
                case 4: if let visit = visitor.relation { try visit(try relation(block, element, frame)) }
                default: break
                }
            }
        }
    }

    private static func node(_ block: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ frame: Frame) throws(ProtobufError) -> OSMNode {
        var cursor = ProtobufCursor(block, range: range)
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        var keys: [UInt64] = [], values: [UInt64] = []
        while let (number, wire) = try cursor.field() {
            switch (number, wire) {
            case (1, 0): id = try cursor.signedVarint()
            case (2, _): try cursor.appendVarints(wireType: wire, to: &keys)
            case (3, _): try cursor.appendVarints(wireType: wire, to: &values)
            case (8, 0): lat = try cursor.signedVarint()
            case (9, 0): lon = try cursor.signedVarint()
            default: try cursor.skip(wireType: wire)
            }
        }
        return OSMNode(id: id, coordinate: frame.coordinate(lat: lat, lon: lon), tags: try frame.tags(keys: keys, values: values))
    }

    private static func denseNodes(_ block: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ frame: Frame,
                                   _ visit: (OSMNode) throws -> Void) throws {
        var cursor = ProtobufCursor(block, range: range)
        var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
        var keysValues: [UInt64] = []
        while let (number, wire) = try cursor.field() {
            switch number {
            case 1: try cursor.appendSignedVarints(wireType: wire, to: &ids)
            case 8: try cursor.appendSignedVarints(wireType: wire, to: &lats)
            case 9: try cursor.appendSignedVarints(wireType: wire, to: &lons)
            case 10: try cursor.appendVarints(wireType: wire, to: &keysValues)
            default: try cursor.skip(wireType: wire)
            }
        }
        guard lats.count == ids.count, lons.count == ids.count else { throw ProtobufError.truncated(at: range.upperBound) }
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        var tagIndex = 0
        for i in ids.indices {
            id &+= ids[i]; lat &+= lats[i]; lon &+= lons[i]
            var tags: [String: String] = [:]
            // keys_vals: for each node, key/value string indices, then a 0; empty when no node has tags.
            while tagIndex < keysValues.count {
                let key = keysValues[tagIndex]
                tagIndex += 1
                if key == 0 { break }
                guard tagIndex < keysValues.count else { throw ProtobufError.truncated(at: range.upperBound) }
                tags[try frame.string(key)] = try frame.string(keysValues[tagIndex])
                tagIndex += 1
            }
            try visit(OSMNode(id: id, coordinate: frame.coordinate(lat: lat, lon: lon), tags: tags))
        }
    }

    private static func way(_ block: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ frame: Frame) throws(ProtobufError) -> OSMWay {
        var cursor = ProtobufCursor(block, range: range)
        var id: Int64 = 0
        var keys: [UInt64] = [], values: [UInt64] = []
        var deltas: [Int64] = []
        while let (number, wire) = try cursor.field() {
            switch (number, wire) {
            case (1, 0): id = Int64(bitPattern: try cursor.varint())
            case (2, _): try cursor.appendVarints(wireType: wire, to: &keys)
            case (3, _): try cursor.appendVarints(wireType: wire, to: &values)
            case (8, _): try cursor.appendSignedVarints(wireType: wire, to: &deltas)
            default: try cursor.skip(wireType: wire)
            }
        }
        var ref: Int64 = 0
        let refs = deltas.map { ref &+= $0; return ref }
        return OSMWay(id: id, nodeIDs: refs, tags: try frame.tags(keys: keys, values: values))
    }

    private static func relation(_ block: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ frame: Frame) throws(ProtobufError) -> OSMRelation {
        var cursor = ProtobufCursor(block, range: range)
        var id: Int64 = 0
        var keys: [UInt64] = [], values: [UInt64] = [], roles: [UInt64] = [], types: [UInt64] = []
        var deltas: [Int64] = []
        while let (number, wire) = try cursor.field() {
            switch (number, wire) {
            case (1, 0): id = Int64(bitPattern: try cursor.varint())
            case (2, _): try cursor.appendVarints(wireType: wire, to: &keys)
            case (3, _): try cursor.appendVarints(wireType: wire, to: &values)
            case (8, _): try cursor.appendVarints(wireType: wire, to: &roles)
            case (9, _): try cursor.appendSignedVarints(wireType: wire, to: &deltas)
            case (10, _): try cursor.appendVarints(wireType: wire, to: &types)
            default: try cursor.skip(wireType: wire)
            }
        }
        guard roles.count == deltas.count, types.count == deltas.count else { throw .truncated(at: range.upperBound) }
        var ref: Int64 = 0
        var members: [OSMMember] = []
        members.reserveCapacity(deltas.count)
        for i in deltas.indices {
            ref &+= deltas[i]
            let type: OSMElementType = types[i] == 0 ? .node : types[i] == 1 ? .way : .relation
            members.append(OSMMember(type: type, ref: ref, role: try frame.string(roles[i])))
        }
        return OSMRelation(id: id, members: members, tags: try frame.tags(keys: keys, values: values))
    }
}
