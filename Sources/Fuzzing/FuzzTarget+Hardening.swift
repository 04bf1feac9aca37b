import Foundation
import GeoJSON
import Geometry
import Overblik

extension FuzzTarget {
    /// The point locator on polygons drawn by the input: every two bytes are one step (signed dx,
    /// dy), so repeated chunks make combs and sawtooths and long inputs huge rings. Invariants: the
    /// stored edge entries stay within 8 per edge, and the locator agrees with a plain even-odd test
    /// over all edges at 64 points.
    public static func polygonLocator(seeds: [[UInt8]], maxBytes: Int = 8_192) -> FuzzTarget {
        let dictionary = [[UInt8]([1, 100, 1, 156]), [1, 100, 1, 156, 1, 100, 1, 156], [100, 1, 156, 1], [127, 0], [0, 127], [128, 128]]
            .map { String(decoding: $0, as: UTF8.self) }
        return FuzzTarget(name: "polygon-locator", seeds: seeds, mutator: Mutator(dictionary: dictionary, maxBytes: maxBytes)) { bytes in
            var ring: [PlanarXY] = [PlanarXY(x: 0, y: 0)]
            var i = 0
            while i + 1 < bytes.count {
                let last = ring[ring.count - 1]
                ring.append(PlanarXY(x: last.x + Double(Int8(bitPattern: bytes[i])), y: last.y + Double(Int8(bitPattern: bytes[i + 1]))))
                i += 2
            }
            ring.append(ring[0])
            let polygon: Polygon<PlanarXY>
            do { polygon = try Polygon(exterior: ring) } catch let error as InvalidPolygonError {
                return rejection("polygon: " + (error.problems.first.map { signature(of: $0.kind) } ?? "invalid"), error.description)
            } catch {
                return .violation("untyped error: \(error)")
            }
            let area = MultiPolygon([polygon])
            let locator = PointLocator(districts: [area])
            let storage = locator.storage
            if storage.edgeEntries > 8 * max(storage.edges, 1) {
                return .violation("\(storage.edgeEntries) edge entries for \(storage.edges) edges")
            }
            guard let box = area.envelope else { return .accepted(signature: "locator:empty") }
            var inside = 0
            for k in 0..<64 {
                // Off the integer lattice of the vertices, so that no point lies on an edge.
                let x = box.minX - 1 + (box.width + 2) * (Double(k % 8) + 0.381_966) / 8
                let y = box.minY - 1 + (box.height + 2) * (Double(k / 8) + 0.618_034) / 8
                let expected = evenOdd(ring, x: x, y: y)
                if (locator.locate(x: x, y: y) == 0) != expected {
                    return .violation("locator and even-odd disagree at (\(x), \(y)) for a ring of \(ring.count) vertices")
                }
                if expected { inside += 1 }
            }
            return .accepted(signature: "locator:\(min(ring.count / 64, 8)):\(inside > 0)")
        }
    }

    /// The plain even-odd rule over every edge.
    static func evenOdd(_ ring: [PlanarXY], x: Double, y: Double) -> Bool {
        var inside = false
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            if (a.y > y) != (b.y > y) && x < a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y) { inside.toggle() }
        }
        return inside
    }

    /// JSON embedded in the web map's script element: any text as a property, written by the
    /// GeoJSON writer and escaped. Invariants: no `<`, `>` or `&` and no U+2028/2029 left, and the
    /// escaped document parses back to the same text.
    public static func embeddedJSON(seeds: [[UInt8]], maxBytes: Int = 1_024) -> FuzzTarget {
        let dictionary = ["<!--", "-->", "<script>", "</script>", "</SCRIPT ", "<", ">", "&", "\"", "\\", "\u{2028}", "\u{2029}", "]]>", "\u{0}"]
        return FuzzTarget(name: "embedded-json", seeds: seeds, mutator: Mutator(dictionary: dictionary, maxBytes: maxBytes)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let writer = GeoJSONWriter(sink: MemoryByteSink())
            do {
                try writer.write(GeoJSONFeature(id: .string(text), geometry: .point(.init(lon: 9.9, lat: 57.0)),
                                                properties: [JSONMember("name", .string(text))]))
            } catch {
                return .violation("the GeoJSON writer refused a string: \(error)")
            }
            let document: String
            do { document = EmbeddedJSON.escape(try writer.finish().text) } catch {
                return .violation("the GeoJSON writer failed: \(error)")
            }
            let literal = EmbeddedJSON.string(text)
            for escaped in [document, literal] where escaped.unicodeScalars.contains(where: { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }) {
                return .violation("markup characters left in embedded JSON: \(escaped.prefix(80))")
            }
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
                  let features = parsed["features"] as? [[String: Any]],
                  (features.first?["properties"] as? [String: Any])?["name"] as? String == text,
                  (try? JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed)) as? String == text else {
                return .violation("the escaped JSON does not read back as the same text")
            }
            return .accepted(signature: "embedded:\(text.contains("<")):\(text.contains("&")):\(min(text.count / 64, 4))")
        }
    }

    /// Output paths against a sandbox holding a store (`store.sqlite` with `-wal` and `-shm`), a
    /// symbolic link to it and a linked folder. Paths that would leave the sandbox are not tried.
    /// Invariants: the store's files never change, and a refused or failed output leaves no file.
    public static func outputPath(seeds: [[UInt8]], sandbox: String, maxBytes: Int = 128) -> FuzzTarget {
        let dictionary = ["store.sqlite", "-wal", "-shm", "-journal", "/", "./", "../", "link", "dirlink/", "sub/", "//", "out.geojson", "."]
        let store = sandbox + "/store.sqlite"
        return FuzzTarget(name: "output-path", seeds: seeds, mutator: Mutator(dictionary: dictionary, maxBytes: maxBytes)) { bytes in
            let relative = String(decoding: bytes.filter { $0 != 0 }, as: UTF8.self)
            guard staysInside(relative) else { return .accepted(signature: "path:outside") }
            let path = sandbox + "/" + relative
            let before = protectedBytes(store)
            let outcome: FuzzOutcome
            do {
                let file = try OutputFile(path: path, protecting: [store])
                try file.write("{}")
                try file.commit()
                outcome = .accepted(signature: "path:written")
            } catch let error as OutputFileError {
                outcome = rejection("path: " + signature(of: error.reason), error.description)
            } catch {
                outcome = rejection("path: write", String(describing: error))
            }
            if protectedBytes(store) != before { return .violation("writing to '\(relative)' changed the store's files") }
            resetSandbox(sandbox)
            return outcome
        }
    }

    /// Whether `relative`, read component by component, never climbs above its start.
    static func staysInside(_ relative: String) -> Bool {
        var depth = 0
        for part in relative.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return false }
        }
        return !relative.hasPrefix("/")
    }

    static func protectedBytes(_ store: String) -> [Data?] {
        ["", "-wal", "-shm"].map { FileManager.default.contents(atPath: store + $0) }
    }

    /// Creates (or restores) the sandbox: the store files, `link` to the store, `sub/` and `dirlink` to it.
    public static func resetSandbox(_ sandbox: String) {
        let fm = FileManager.default
        let keep: Set<String> = ["store.sqlite", "store.sqlite-wal", "store.sqlite-shm", "link", "sub", "dirlink"]
        for name in (try? fm.contentsOfDirectory(atPath: sandbox)) ?? [] where !keep.contains(name) {
            try? fm.removeItem(atPath: sandbox + "/" + name)
        }
        for name in (try? fm.contentsOfDirectory(atPath: sandbox + "/sub")) ?? [] { try? fm.removeItem(atPath: sandbox + "/sub/" + name) }
        try? fm.createDirectory(atPath: sandbox + "/sub", withIntermediateDirectories: true)
        for (suffix, text) in [("", "SQLite format 3\u{0}store"), ("-wal", "wal"), ("-shm", "shm")] where !fm.fileExists(atPath: sandbox + "/store.sqlite" + suffix) {
            fm.createFile(atPath: sandbox + "/store.sqlite" + suffix, contents: Data(text.utf8))
        }
        if (try? fm.destinationOfSymbolicLink(atPath: sandbox + "/link")) == nil { try? fm.createSymbolicLink(atPath: sandbox + "/link", withDestinationPath: "store.sqlite") }
        if (try? fm.destinationOfSymbolicLink(atPath: sandbox + "/dirlink")) == nil { try? fm.createSymbolicLink(atPath: sandbox + "/dirlink", withDestinationPath: "sub") }
    }
}
