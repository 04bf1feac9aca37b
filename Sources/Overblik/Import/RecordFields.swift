/// A record's attribute values by (normalised) field name.
///
/// Records of a CSV file share one ``Names`` table (the header, normalised once) and keep their
/// values in column order: no dictionary is built per row. Values set later (`--id-field`, kinds
/// from tags) and the attributes of formats without a fixed header (GeoJSON properties, OSM tags)
/// live in a small overlay dictionary, consulted first.
struct RecordFields: Sendable {
    /// Column names and their positions, shared by every record of one file.
    final class Names: Sendable {
        let names: [String]
        let index: [String: Int]
        /// The column of each ``FieldKey`` (by raw value), -1 when the header lacks it.
        let columns: [Int]

        /// The table of `names` (already normalised); of repeated names the last wins.
        init(_ names: [String]) {
            self.names = names
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() { index[name] = i }
            self.index = index
            columns = FieldKey.allCases.map { index[$0.text] ?? -1 }
        }

        static let none = Names([])
    }

    private let names: Names
    private var values: [String]
    /// Values set or removed (nil) after reading, and all values of records without a header.
    private var overlay: [String: String?] = [:]

    /// A record with a header: `values[i]` belongs to `names.names[i]` (missing trailing values are absent).
    init(names: Names, values: [String]) {
        self.names = names
        self.values = values
    }

    /// A record from name/value pairs (keys normalised here).
    init(_ dictionary: [String: String]) {
        names = .none
        values = []
        for (key, value) in dictionary { overlay[ImportRecord.normalise(key)] = value }
    }

    subscript(name: String) -> String? {
        get {
            if !overlay.isEmpty, let set = overlay[name] { return set }
            guard let i = names.index[name], i < values.count else { return nil }
            return values[i]
        }
        set { overlay[name] = .some(newValue) }
    }

    /// The field `key`, as `self[key.text]` but found by the column the header resolved.
    subscript(key: FieldKey) -> String? {
        get {
            if !overlay.isEmpty, let set = overlay[key.text] { return set }
            let i = names.columns[key.rawValue]
            return i >= 0 && i < values.count ? values[i] : nil
        }
        set { overlay[key.text] = .some(newValue) }
    }

    /// Every present field as a dictionary (for OpenStreetMap tag rules and value maps).
    var dictionary: [String: String] {
        get {
            var out: [String: String] = [:]
            for (name, i) in names.index where i < values.count { out[name] = values[i] }
            for (name, value) in overlay { out[name] = value }
            return out
        }
        set {
            self = RecordFields(newValue)
        }
    }

    /// The names of the present fields.
    var keys: [String] { Array(dictionary.keys) }

    /// The first present field whose value satisfies `predicate`, with its value.
    func first(where predicate: (String) -> Bool) -> (name: String, value: String)? {
        if overlay.isEmpty {
            for (i, value) in values.enumerated() where i < names.names.count && predicate(value) {
                if names.index[names.names[i]] == i { return (names.names[i], value) }
            }
            return nil
        }
        return dictionary.first { predicate($0.value) }.map { ($0.key, $0.value) }
    }
}
