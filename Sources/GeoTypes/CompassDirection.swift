/// Names of compass directions for a bearing, on an 8- or 16-point rose.
///
/// ```swift
/// CompassDirection.name(forBearing: 50)                   // "NE"
/// CompassDirection.name(forBearing: 50, points: .sixteen) // "NE"
/// CompassDirection.name(forBearing: 60, points: .sixteen) // "ENE"
/// ```
public enum CompassDirection {
    /// How many directions the rose has.
    public enum Rose: Int, Sendable, CaseIterable {
        case eight = 8
        case sixteen = 16
    }

    static let sixteenNames = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                               "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]

    /// The name of the sector a bearing falls in. Each sector is centred on its direction; a bearing
    /// exactly on a sector boundary belongs to the clockwise neighbour (22.5° on eight points is "NE").
    /// - Parameters:
    ///   - bearing: degrees clockwise from north, any value (normalised modulo 360).
    ///   - points: 8 or 16 points.
    /// - Returns: for example "N", "NE", "SSW"; "?" for a non-finite bearing.
    public static func name(forBearing bearing: Double, points: Rose = .eight) -> String {
        guard bearing.isFinite else { return "?" }
        var b = bearing.truncatingRemainder(dividingBy: 360)
        if b < 0 { b += 360 }
        let count = points.rawValue
        let width = 360.0 / Double(count)
        let sector = Int(((b + width / 2) / width).rounded(.down)) % count
        return sixteenNames[sector * (16 / count)]
    }
}
