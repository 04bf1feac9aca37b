/// The road profiles of DESIGN.md ("Travel by road"), applied to an OpenStreetMap way's tags.
///
/// ```swift
/// RoadProfile.usage(of: ["highway": "residential", "oneway": "yes"], for: .car)
/// // WayUsage(forward: true, backward: false, metresPerSecond: 30 / 3.6)
/// ```
public enum RoadProfile {
    /// Highways walking may not use.
    static let walkExcluded: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "construction", "proposed",
        "abandoned", "platform", "raceway", "bus_guideway",
    ]
    /// Highways cycling may use without further tags.
    static let bikeAllowed: Set<String> = [
        "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
        "unclassified", "residential", "living_street", "service", "track", "cycleway", "path",
    ]
    /// Car speed by highway class, km/h, when `maxspeed` gives none.
    static let carSpeeds: [String: Double] = [
        "motorway": 110, "motorway_link": 60, "trunk": 80, "trunk_link": 50,
        "primary": 70, "primary_link": 50, "secondary": 60, "secondary_link": 50,
        "tertiary": 50, "tertiary_link": 40, "unclassified": 40, "residential": 30,
        "living_street": 10, "service": 15,
    ]
    /// Every tag key ``usage(of:for:)`` reads: a way's other tags cannot change how a mode uses it.
    public static let keys: Set<String> = [
        "highway", "access", "area", "foot", "bicycle", "oneway", "oneway:bicycle", "cycleway", "junction",
        "motor_vehicle", "motorcar", "maxspeed",
    ]
    /// Symbolic `maxspeed` values, km/h.
    static let symbolicSpeeds: [String: Double] = ["DK:urban": 50, "DK:rural": 80, "DK:motorway": 130]

    /// How `mode` may use a way with these tags, or nil when it may not.
    /// - Complexity: O(1) dictionary look-ups.
    public static func usage(of tags: [String: String], for mode: TravelMode) -> WayUsage? {
        guard let highway = tags["highway"] else { return nil }
        switch mode {
        case .walk:
            guard !walkExcluded.contains(highway), tags["foot"] != "no", tags["area"] != "yes",
                  !closed(tags, unless: "foot", ["yes", "designated", "permissive"]) else { return nil }
            return WayUsage(forward: true, backward: true, metresPerSecond: 5 / 3.6)
        case .bike:
            let bicycle = tags["bicycle"]
            let allowed = bikeAllowed.contains(highway)
                || ((highway == "pedestrian" || highway == "footway") && (bicycle == "yes" || bicycle == "designated"))
            guard allowed, bicycle != "no",
                  !closed(tags, unless: "bicycle", ["yes", "designated", "permissive"]) else { return nil }
            var (forward, backward) = oneway(tags, highway: highway)
            if tags["oneway:bicycle"] == "no" || (tags["cycleway"]?.hasPrefix("opposite") ?? false) {
                (forward, backward) = (true, true)
            }
            return WayUsage(forward: forward, backward: backward, metresPerSecond: 16 / 3.6)
        case .car:
            guard let classSpeed = carSpeeds[highway], tags["access"] != "no", tags["access"] != "private",
                  tags["motor_vehicle"] != "no", tags["motorcar"] != "no" else { return nil }
            let (forward, backward) = oneway(tags, highway: highway)
            let kmh = tags["maxspeed"].flatMap(speed(maxspeed:)) ?? classSpeed
            return WayUsage(forward: forward, backward: backward, metresPerSecond: kmh / 3.6)
        }
    }

    /// `access=no|private` without one of `exceptions` on the mode's own key.
    static func closed(_ tags: [String: String], unless key: String, _ exceptions: Set<String>) -> Bool {
        guard let access = tags["access"], access == "no" || access == "private" else { return false }
        return !exceptions.contains(tags[key] ?? "")
    }

    /// The car one-way rule: `oneway=yes|true|1` forward only, `-1` backward only, `no` both;
    /// otherwise motorway, motorway_link and `junction=roundabout` are one-way forward.
    static func oneway(_ tags: [String: String], highway: String) -> (forward: Bool, backward: Bool) {
        switch tags["oneway"] {
        case "yes", "true", "1": return (true, false)
        case "-1": return (false, true)
        case "no": return (true, true)
        default:
            let implied = highway == "motorway" || highway == "motorway_link" || tags["junction"] == "roundabout"
            return implied ? (true, false) : (true, true)
        }
    }

    /// A `maxspeed` value in km/h: a plain positive number, or one of the Danish symbolic values;
    /// nil for anything else ("30 mph", "none", "50;30"), which falls back to the highway class.
    public static func speed(maxspeed: String) -> Double? {
        if let symbolic = symbolicSpeeds[maxspeed] { return symbolic }
        let trimmed = maxspeed.trimmingPrefixAndSuffixSpaces()
        guard let value = Double(trimmed), value.isFinite, value > 0 else { return nil }
        return value
    }
}

extension String {
    func trimmingPrefixAndSuffixSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
