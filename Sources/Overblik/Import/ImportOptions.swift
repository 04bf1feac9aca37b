import Facilities

/// Which layer an import fills.
public enum ImportLayer: String, Sendable, CaseIterable, Codable {
    case facilities, rooms, districts, settlements, population
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
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case layer, file, format, crs, imported, replaced, seconds
        case skippedEmptyGeometry = "skipped_empty_geometry", outsideDistricts = "outside_districts"
        case reassignedPoints = "reassigned_points"
    }
}
