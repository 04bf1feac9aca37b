import Foundation

/// A strict RFC 7946 checker for exported GeoJSON, independent of the project's reader (it parses
/// with Foundation): no `crs` member, WGS84 lon/lat ranges, at most `precision` decimals, closed
/// rings with four or more positions, exterior rings counter-clockwise and holes clockwise, flat
/// primitive properties, ids that are strings or numbers, bbox of four numbers.
public struct RFC7946Checker {
    /// Every violation, with the feature and what is wrong.
    public private(set) var problems: [String] = []
    let precision: Int

    public init(precision: Int = 6) { self.precision = precision }

    /// Checks a FeatureCollection document.
    public mutating func check(collectionText text: String) {
        guard let object = parse(text, where: "document") else { return }
        if object["crs"] != nil { problems.append("document: crs member present") }
        guard object["type"] as? String == "FeatureCollection", let features = object["features"] as? [Any] else {
            problems.append("document: not a FeatureCollection with features")
            return
        }
        if let box = object["bbox"] { checkBBox(box, where: "collection") }
        for (i, f) in features.enumerated() { checkFeature(f, where: "feature \(i)") }
        checkDecimals(text)
    }

    /// Checks an RFC 8142 text sequence: every record starts with RS and ends with LF and holds a Feature.
    public mutating func check(sequenceText text: String) {
        let records = text.split(separator: "\u{1E}", omittingEmptySubsequences: false)
        if records.first.map({ !$0.isEmpty }) ?? false { problems.append("sequence: text before the first RS") }
        for (i, record) in records.dropFirst().enumerated() {
            guard record.hasSuffix("\n") else { problems.append("record \(i): does not end with LF"); continue }
            guard let object = parse(String(record), where: "record \(i)") else { continue }
            checkFeature(object, where: "record \(i)")
        }
        checkDecimals(text)
    }

    /// Number of features in a collection or a sequence text.
    public static func featureCount(_ text: String) -> Int {
        if text.hasPrefix("\u{1E}") { return text.filter { $0 == "\u{1E}" }.count }
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return (object?["features"] as? [Any])?.count ?? -1
    }

    private mutating func parse(_ text: String, where place: String) -> [String: Any]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            problems.append("\(place): not a JSON object")
            return nil
        }
        return object
    }

    private mutating func checkFeature(_ any: Any, where place: String) {
        guard let f = any as? [String: Any], f["type"] as? String == "Feature" else {
            problems.append("\(place): not a Feature")
            return
        }
        if f["crs"] != nil { problems.append("\(place): crs member present") }
        if let id = f["id"], !(id is String || id is NSNumber) { problems.append("\(place): id is neither string nor number") }
        if let box = f["bbox"] { checkBBox(box, where: place) }
        if let props = f["properties"], !(props is NSNull) {
            guard let dict = props as? [String: Any] else { problems.append("\(place): properties not an object"); return }
            for (k, v) in dict where v is [Any] || v is [String: Any] { problems.append("\(place): property \(k) is not primitive") }
        }
        guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String else {
            if !(f["geometry"] is NSNull) { problems.append("\(place): geometry missing") }
            return
        }
        let coords = g["coordinates"]
        switch type {
        case "Point": checkPosition(coords, where: place)
        case "Polygon": checkPolygon(coords, where: place)
        case "MultiPolygon":
            guard let polys = coords as? [Any] else { problems.append("\(place): MultiPolygon coordinates"); return }
            for (i, p) in polys.enumerated() { checkPolygon(p, where: "\(place) polygon \(i)") }
        default: problems.append("\(place): unexpected geometry type \(type)")
        }
    }

    private mutating func checkBBox(_ any: Any, where place: String) {
        guard let box = any as? [Double], box.count == 4 else { problems.append("\(place): bbox is not four numbers"); return }
        if box[0] > box[2] && !(box[0] > 0 && box[2] < 0) || box[1] > box[3] { problems.append("\(place): bbox min > max") }
    }

    @discardableResult
    private mutating func checkPosition(_ any: Any?, where place: String) -> (Double, Double)? {
        guard let p = any as? [Double], p.count >= 2 else { problems.append("\(place): position is not numbers"); return nil }
        if !(-180...180).contains(p[0]) || !(-90...90).contains(p[1]) {
            problems.append("\(place): position \(p[0]),\(p[1]) out of lon/lat range")
        }
        return (p[0], p[1])
    }

    private mutating func checkPolygon(_ any: Any?, where place: String) {
        guard let rings = any as? [Any], !rings.isEmpty else { problems.append("\(place): polygon without rings"); return }
        for (r, ringAny) in rings.enumerated() {
            guard let ring = ringAny as? [Any] else { problems.append("\(place) ring \(r): not an array"); continue }
            let points = ring.compactMap { checkPosition($0, where: "\(place) ring \(r)") }
            guard points.count >= 4 else { problems.append("\(place) ring \(r): fewer than 4 positions"); continue }
            if points.first! != points.last! { problems.append("\(place) ring \(r): not closed") }
            var twiceArea = 0.0
            for i in 0..<(points.count - 1) {
                twiceArea += points[i].0 * points[i + 1].1 - points[i + 1].0 * points[i].1
            }
            if r == 0 && twiceArea <= 0 { problems.append("\(place): exterior ring is not counter-clockwise") }
            if r > 0 && twiceArea >= 0 { problems.append("\(place) ring \(r): hole is not clockwise") }
        }
    }

    /// No number in a coordinates array has more decimals than `precision`.
    private mutating func checkDecimals(_ text: String) {
        var searchStart = text.startIndex
        while let range = text.range(of: "\"coordinates\":", range: searchStart..<text.endIndex) {
            var depth = 0
            var index = range.upperBound
            var number = ""
            while index < text.endIndex {
                let c = text[index]
                if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
                if c.isNumber || c == "." || c == "-" || c == "e" || c == "E" || c == "+" { number.append(c) } else {
                    if let dot = number.firstIndex(of: "."), !number.contains("e"), !number.contains("E"),
                       number.distance(from: dot, to: number.endIndex) - 1 > precision {
                        problems.append("coordinate \(number) has more than \(precision) decimals")
                    }
                    number = ""
                }
                if depth == 0 && c == "]" { break }
                index = text.index(after: index)
            }
            searchStart = index
        }
    }
}
