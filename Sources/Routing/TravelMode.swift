/// How a traveller moves on the road network: the three profiles of DESIGN.md.
public enum TravelMode: String, Sendable, Hashable, CaseIterable, Codable {
    case walk, bike, car

    /// The walking speed of straight legs to and from the network, in every mode (5 km/h).
    public static let legSpeed = 5.0 / 3.6

    /// The fixed speed of the mode in metres per second, or nil for car (whose speed is per way).
    public var fixedSpeed: Double? {
        switch self {
        case .walk: 5.0 / 3.6
        case .bike: 16.0 / 3.6
        case .car: nil
        }
    }

    /// Whether the mode keeps the largest strongly connected part (bike, car) rather than the
    /// largest connected part with both directions always open (walk).
    public var isDirected: Bool { self != .walk }
}

/// What a search minimises: metres along the network, or seconds of travel.
public enum RoadMetric: String, Sendable, Hashable, Codable {
    case distance, time
}

/// How one way may be used by one mode: which directions are open, and at what speed.
public struct WayUsage: Sendable, Hashable {
    /// Travel from the way's first node toward its last is allowed.
    public var forward: Bool
    /// Travel from the way's last node toward its first is allowed.
    public var backward: Bool
    /// Speed along the way, metres per second.
    public var metresPerSecond: Double

    public init(forward: Bool, backward: Bool, metresPerSecond: Double) {
        self.forward = forward
        self.backward = backward
        self.metresPerSecond = metresPerSecond
    }
}
