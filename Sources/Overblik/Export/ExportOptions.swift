public import Analysis
import GeoJSON
public import Scheduling

/// How exported features are identified: by one of their properties, by position, or not at all.
public enum ExportIDField: Sendable, Hashable {
    /// The value of this property becomes the feature id (string values give string ids, integer
    /// values integer ids).
    case property(String)
    /// 1-based integer ids in output order (what MapLibre feature-state and QGIS like best).
    case index
    /// No feature ids.
    case none

    /// Parses `--id-field`: `index`, `none`, or a property name.
    public init(parsing text: String) {
        switch text {
        case "index": self = .index
        case "none": self = .none
        default: self = .property(text)
        }
    }

    /// The id of the `position`-th feature (0-based) with these properties.
    func id(position: Int, properties: [JSONMember]) -> FeatureID? {
        switch self {
        case .none: return nil
        case .index: return .integer(Int64(position + 1))
        case let .property(name):
            switch properties.first(where: { $0.key == name })?.value {
            case let .string(s)?: return .string(s)
            case let .integer(i)?: return .integer(i)
            case let .number(d)? where d == d.rounded() && abs(d) < 9e15: return .integer(Int64(d))
            case let .bool(b)?: return .string(b ? "true" : "false")
            default: return nil
            }
        }
    }
}

/// What the exporters include and how.
///
/// ```swift
/// var options = ExportOptions(now: try LocalDateTime(parsing: "2026-12-01T17:00"))
/// options.filter.kinds = [.villageHall]
/// options.style = true
/// ```
public struct ExportOptions: Sendable {
    /// Facilities to export (and to count per district).
    public var filter: FacilityFilter
    /// The local wall-clock time "now" for open-now, next change and next free slot (clock injected).
    public var now: LocalDateTime
    /// How far ahead the next free slot is searched, in days.
    public var horizonDays: Int
    /// Which property becomes the feature id; nil means the layer's natural key (`id`, `code`).
    public var idField: ExportIDField?
    /// Add simplestyle-spec hints (`marker-color`, `fill`, `fill-opacity`, `stroke`, `title`).
    public var style: Bool

    public init(filter: FacilityFilter = FacilityFilter(), now: LocalDateTime, horizonDays: Int = 14,
                idField: ExportIDField? = nil, style: Bool = false) {
        self.filter = filter
        self.now = now
        self.horizonDays = horizonDays
        self.idField = idField
        self.style = style
    }
}
