import Foundation
import GeoTypes

/// Reads an OpenStreetMap XML file (`.osm`, as the OSM website's export and Overpass give it) for
/// small extracts: the file is read into memory per pass, so use PBF for regional or national data.
///
/// Understands `<node>`, `<way>` with `<nd ref>`, `<relation>` with `<member>`, and `<tag k v>`,
/// with the five XML entities and numeric character references. Elements marked
/// `action="delete"` (JOSM files) are left out.
public struct OSMXMLReader: OSMElementSource {
    public let path: String

    /// Checks that the file can be read.
    public init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw OSMError(file: path, location: "open", message: "cannot read the file")
        }
        self.path = path
    }

    public func read(_ visitor: OSMElementVisitor) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OSMError(file: path, location: "open", message: "cannot read the file")
        }
        var tokens = XMLTagScanner(bytes: [UInt8](data))
        var sawRoot = false
        var open: (name: String, attributes: [String: String], line: Int)?
        var tags: [String: String] = [:]
        var refs: [Int64] = []
        var members: [OSMMember] = []

        func fail(_ line: Int, _ message: String) -> OSMError { OSMError(file: path, location: "line \(line)", message: message) }
        func number<T: LosslessStringConvertible>(_ a: [String: String], _ key: String, _ line: Int) throws -> T {
            guard let text = a[key], let value = T(text) else { throw fail(line, "attribute '\(key)' = '\(a[key] ?? "")'; expected a number") }
            return value
        }
        func finish(_ element: (name: String, attributes: [String: String], line: Int)) throws {
            defer { tags = [:]; refs = []; members = [] }
            if element.attributes["action"] == "delete" { return }
            let id: Int64 = try number(element.attributes, "id", element.line)
            switch element.name {
            case "node":
                guard let visit = visitor.node else { return }
                let lat: Double = try number(element.attributes, "lat", element.line)
                let lon: Double = try number(element.attributes, "lon", element.line)
                try visit(OSMNode(id: id, coordinate: Coordinate(lon: lon, lat: lat), tags: tags))
            case "way": try visitor.way?(OSMWay(id: id, nodeIDs: refs, tags: tags))
            default: try visitor.relation?(OSMRelation(id: id, members: members, tags: tags))
            }
        }

        while let token = try tokens.next(file: path) {
            switch token.kind {
            case .start, .empty:
                let a = token.attributes
                switch token.name {
                case "osm", "osmChange": sawRoot = true
                case "node", "way", "relation":
                    guard sawRoot else { throw fail(token.line, "<\(token.name)> outside <osm>; expected an OSM XML file") }
                    open = (token.name, a, token.line)
                    if token.kind == .empty { try finish(open!); open = nil }
                case "tag":
                    guard let k = a["k"], let v = a["v"] else { throw fail(token.line, "<tag> without k and v") }
                    tags[k] = v
                case "nd": refs.append(try number(a, "ref", token.line))
                case "member":
                    let type = a["type"].flatMap(OSMElementType.init(rawValue:))
                    guard let type else { throw fail(token.line, "member type '\(a["type"] ?? "")'; expected node, way or relation") }
                    members.append(OSMMember(type: type, ref: try number(a, "ref", token.line), role: a["role"] ?? ""))
                default: break
                }
            case .end:
                if let element = open, element.name == token.name { try finish(element); open = nil }
            }
        }
        guard sawRoot else { throw fail(1, "no <osm> element; expected an OpenStreetMap XML file") }
    }
}

/// Splits XML into start, end and empty-element tags with their attributes (text, comments,
/// processing instructions and CDATA are skipped: OSM XML keeps everything in attributes).
struct XMLTagScanner {
    enum Kind { case start, end, empty }
    struct Token {
        var kind: Kind
        var name: String
        var attributes: [String: String]
        var line: Int
    }

    let bytes: [UInt8]
    var position = 0
    var line = 1

    mutating func next(file: String) throws -> Token? {
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\n") { line += 1 }
            guard b == UInt8(ascii: "<") else { position += 1; continue }
            if starts(with: "<!--") { try skip(past: "-->", file: file); continue }
            if starts(with: "<?") || starts(with: "<!") { try skip(past: ">", file: file); continue }
            return try tag(file: file)
        }
        return nil
    }

    private func starts(with text: String) -> Bool {
        let t = Array(text.utf8)
        return position + t.count <= bytes.count && Array(bytes[position..<(position + t.count)]) == t
    }

    private mutating func skip(past end: String, file: String) throws {
        let startLine = line
        while position < bytes.count {
            if starts(with: end) { position += end.utf8.count; return }
            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
        throw OSMError(file: file, location: "line \(startLine)", message: "unterminated markup; expected '\(end)'")
    }

    private mutating func tag(file: String) throws -> Token {
        let startLine = line
        func fail(_ message: String) -> OSMError { OSMError(file: file, location: "line \(startLine)", message: message) }
        position += 1
        var kind = Kind.start
        if position < bytes.count, bytes[position] == UInt8(ascii: "/") { kind = .end; position += 1 }
        let name = word()
        guard !name.isEmpty else { throw fail("expected an element name after '<'") }
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard position < bytes.count else { throw fail("unterminated tag <\(name)") }
            let b = bytes[position]
            if b == UInt8(ascii: ">") { position += 1; break }
            if b == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") {
                position += 2; kind = .empty; break
            }
            let key = word()
            skipSpace()
            guard !key.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw fail("expected name=\"value\" in <\(name)>") }
            position += 1
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw fail("expected a quoted value for '\(key)' in <\(name)>")
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "\n") { line += 1 }
                position += 1
            }
            guard position < bytes.count else { throw fail("unterminated value of '\(key)' in <\(name)>") }
            attributes[key] = try Self.unescape(bytes[start..<position], fail: fail)
            position += 1
        }
        return Token(kind: kind, name: name, attributes: attributes, line: startLine)
    }

    private mutating func word() -> String {
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "=") || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b <= 0x20 { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] <= 0x20 {
            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
    }

    static func unescape(_ raw: ArraySlice<UInt8>, fail: (String) -> OSMError) throws -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        let text = String(decoding: raw, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { throw fail("'&' without ';' in an attribute value") }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalar: UInt32? = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                guard let scalar, let u = Unicode.Scalar(scalar) else { throw fail("unknown entity '&\(entity);'") }
                out.unicodeScalars.append(u)
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
