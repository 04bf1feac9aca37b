public import Facilities

/// Colours shared by the simplestyle hints of the GeoJSON export and the web map, so that a layer
/// looks the same in geojson.io, QGIS (with the simplestyle hints) and `overblik map`.
public enum MapStyle {
    /// The marker colour of a facility kind (hex `#rrggbb`).
    public static func color(of kind: FacilityKind) -> String {
        switch kind {
        case .school: return "#1f77b4"
        case .sportsHall: return "#ff7f0e"
        case .villageHall: return "#2ca02c"
        case .clubhouse: return "#d62728"
        case .activityCentre: return "#9467bd"
        case .volunteerHouse: return "#8c564b"
        case .library: return "#e377c2"
        case .youthClub: return "#bcbd22"
        case .associationHouse: return "#17becf"
        case .cultureHouse: return "#7f3b08"
        case .other: return "#7f7f7f"
        }
    }

    /// Fill for a coverage share in 0...1: red (none) through yellow to green (all), in five classes.
    public static func fill(share: Double) -> String {
        let classes = ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"]
        let index = min(classes.count - 1, max(0, Int((share * Double(classes.count)).rounded(.down))))
        return classes[index]
    }

    /// The share classes' lower bounds and colours, for legends.
    public static let shareClasses: [(from: Double, color: String)] = (0..<5).map { (Double($0) / 5, fill(share: Double($0) / 5 + 0.01)) }

    /// Fill of a district without residents on a coverage map: a grey no share class uses.
    public static let noResidents = "#d9d9d9"

    /// Fill of a district without coverage figures: rural or urban.
    public static func fill(rural: Bool) -> String { rural ? "#a6d96a" : "#abb5c4" }

    /// Fill opacity of district polygons.
    public static let fillOpacity = 0.45
}
