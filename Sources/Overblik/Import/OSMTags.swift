import Facilities

/// How an import recognises and summarises OpenStreetMap-style records.
enum OSMTags {
    /// Keys that make an element a feature of its own, in the order a summary names them.
    static let primaryKeys = ["amenity", "leisure", "shop", "tourism", "office", "craft", "healthcare", "club", "sport",
                              "building", "historic", "man_made", "emergency", "public_transport", "railway", "highway",
                              "aeroway", "natural", "landuse", "place", "barrier", "power", "waterway", "boundary", "route"]

    /// True when the record carries at least one feature tag (so it comes from OpenStreetMap data).
    static func isTagged(_ fields: [String: String]) -> Bool {
        primaryKeys.contains { fields[$0] != nil }
    }

    /// ``isTagged(_:)`` of a record's fields (without building a dictionary).
    static func isTagged(_ fields: RecordFields) -> Bool {
        primaryKeys.contains { fields[$0] != nil }
    }

    /// True when the record names an OpenStreetMap element (`@id`, or GDAL's `osm_id`/`osm_way_id`).
    static func hasOSMID(_ fields: RecordFields) -> Bool {
        ["@id", "osm_id", "osm_way_id"].contains { fields[$0] != nil }
    }

    static let idKeys: Set = ["@id", "osm_id", "osm_way_id", "id"]

    /// The tag a summary counts a feature under: `amenity=restaurant`, else the first key (`entrance=*`).
    static func primaryTag(_ fields: [String: String]) -> String {
        for key in primaryKeys {
            if let value = fields[key] { return "\(key)=\(value)" }
        }
        return fields.keys.filter { !idKeys.contains($0) }.min().map { "\($0)=*" } ?? "no tags"
    }

    /// Expands GDAL's `other_tags` member (hstore text `"k"=>"v","k2"=>"v2"`) into fields, without
    /// overwriting fields the record already has.
    static func expandOtherTags(_ fields: inout [String: String]) {
        guard let text = fields["other_tags"] else { return }
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for ch in text {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "\"" {
                inQuotes.toggle()
                if !inQuotes { parts.append(current); current = "" }
                continue
            }
            if inQuotes { current.append(ch) }
        }
        var i = 0
        while i + 1 < parts.count {
            let key = ImportRecord.normalise(parts[i])
            if fields[key] == nil { fields[key] = parts[i + 1] }
            i += 2
        }
        fields["other_tags"] = nil
    }
}
