public import Facilities

/// Which layer an import fills.
public enum ImportLayer: String, Sendable, CaseIterable, Codable {
    case facilities, rooms, districts, settlements, population
    /// Road networks from OpenStreetMap (``Overblik/importNetwork(path:clipTo:)``).
    case network
    /// Town extents with their populations (DESIGN.md "Rural", source b).
    case urbanAreas = "urban-areas"
}

/// How to read an input file.
public struct ImportOptions: Sendable {
    /// CRS of coordinates in the file; nil means: from the file (.prj, GeoJSON is WGS84), else EPSG:4326.
    public var crs: InputCRS?
    /// Field holding the id (default: `id`).
    public var idField: String?
    /// Field holding the name (default: `name`; districts: `name`/`navn`).
    public var nameField: String?
    /// Field holding the district code (default: `code`).
    public var codeField: String?
    /// Boolean-ish field saying whether a district (or a population point) is rural.
    public var ruralField: String?
    /// Field holding an urban area's population (default: `population`, `indbyggere`, `folketal`).
    public var populationField: String?
    /// Field holding the facility kind (default: `kind`, else OpenStreetMap tags).
    public var kindField: String?
    /// Kind given to facilities whose record has none.
    public var defaultKind: FacilityKind?
    /// Overwrite existing ids (districts: replace the whole layer).
    public var replace: Bool
    /// Refuse records with empty geometry instead of skipping and reporting them.
    public var strict: Bool
    /// Field holding the owner (values as `municipal`... or mapped with ``valueMap``).
    public var ownerField: String?
    /// Source values onto kinds and owners (`--map FILE`).
    public var valueMap: SourceValueMap?
    /// Keep only what lies in this polygon layer's area (points inside, districts cut to it).
    public var clipTo: String?
    /// A municipality code (`0851`): with ``clipTo``, its feature in that layer; without, records
    /// whose municipality-code field (KOMKODE, kommunekode, ...) has this code.
    public var municipality: String?
    /// Districts: repair invalid polygons with GEOS MakeValid (each repair is reported).
    public var makeValid = false
    /// Districts: leave invalid polygons out (listed) and import the rest.
    public var skipInvalid = false
    /// Districts: merge the parts that share this field's value into one MultiPolygon.
    public var dissolveBy: String?
    /// Tag or field giving a facility's name when it has no `name` (OpenStreetMap: e.g. `operator`, `ref`).
    public var nameFrom: String?
    /// Who the data is from and its licence (`GeoNames, CC BY 4.0`), recorded with the import and
    /// shown on every map and page (``Overblik/dataSources()``).
    public var attribution: String?
    /// Let `replace` leave a layer empty (a file without records); refused otherwise.
    public var allowEmpty = false
    /// Called with (records read, total when known) during long imports.
    public var progress: (@Sendable (Int, Int?) -> Void)?

    public init(crs: InputCRS? = nil, idField: String? = nil, nameField: String? = nil, codeField: String? = nil,
                ruralField: String? = nil, kindField: String? = nil, defaultKind: FacilityKind? = nil,
                replace: Bool = false, strict: Bool = false, populationField: String? = nil,
                progress: (@Sendable (Int, Int?) -> Void)? = nil) {
        self.populationField = populationField
        self.crs = crs
        self.idField = idField
        self.nameField = nameField
        self.codeField = codeField
        self.ruralField = ruralField
        self.kindField = kindField
        self.defaultKind = defaultKind
        self.replace = replace
        self.strict = strict
        self.progress = progress
    }
}

extension ImportReport {
    /// One line per kind of record left out, for people (the JSON report has the full lists).
    public var skippedSummary: [String] {
        var lines: [String] = []
        if !skippedUnmapped.isEmpty {
            let total = skippedUnmapped.values.reduce(0, +)
            let top = skippedUnmapped.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(12)
            lines.append("skipped \(total) feature(s) whose tags map to no kind: "
                + top.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + (skippedUnmapped.count > 12 ? ", ..." : ""))
        }
        if !skipped.isEmpty {
            lines.append("skipped \(skipped.count) record(s): " + skipped.prefix(30).map(\.description).joined(separator: "; ")
                + (skipped.count > 30 ? "; ..." : ""))
        }
        return lines
    }
}

/// A record an import left out on purpose, with its id and name so a person can find it.
public struct SkippedRecord: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Where it is (file and feature, line or OpenStreetMap element).
    public var position: String
    public var id: String?
    public var name: String?
    public var reason: String

    public var description: String {
        var text = id.map { "id \($0)" } ?? position
        if let name { text += " '\(name)'" }
        return text + ": " + reason
    }
}

/// What an import did.
public struct ImportReport: Sendable, Codable {
    public var layer: ImportLayer
    public var file: String
    public var format: String
    public var crs: String
    /// Rows written.
    public var imported: Int
    /// Of those, rows that replaced an existing id.
    public var replaced: Int
    /// Records skipped because their geometry was empty (reported, never silent).
    public var skippedEmptyGeometry: [String]
    /// Points of this import that lie outside every district (ids), when districts exist.
    public var outsideDistricts: [String]
    /// For a district import: how many stored points were (re)assigned to districts.
    public var reassignedPoints: Int
    /// Features whose tags map to no kind (OpenStreetMap sources), counted by their main tag
    /// (`amenity=restaurant`).
    public var skippedUnmapped: [String: Int] = [:]
    /// Other records left out, with id, name and reason (no name, not an area, incomplete, ...).
    public var skipped: [SkippedRecord] = []
    /// District polygons repaired by `--make-valid`, with areas before and after.
    public var repaired: [DistrictRepair] = []
    /// Districts: how many parts `--dissolve-by` merged away, and the field they shared.
    public var dissolvedParts = 0
    public var dissolvedBy: String? = nil
    /// Records left out by `--clip-to` / `--municipality` (outside the planner's area).
    public var outsideArea = 0
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case layer, file, format, crs, imported, replaced, seconds
        case skippedEmptyGeometry = "skipped_empty_geometry", outsideDistricts = "outside_districts"
        case reassignedPoints = "reassigned_points", skippedUnmapped = "skipped_unmapped", skipped
        case repaired, dissolvedParts = "dissolved_parts", dissolvedBy = "dissolved_by", outsideArea = "outside_area"
    }
}
