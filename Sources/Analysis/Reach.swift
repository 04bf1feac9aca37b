/// How far a demand point may be from a facility and still count as covered.
///
/// A point is covered when its distance to the nearest qualifying facility is **at most** the
/// threshold (inclusive). With ``byClass(ruralMetres:urbanMetres:)`` the threshold depends on whether
/// the point is rural.
public enum ReachRule: Hashable, Sendable, Codable {
    /// One threshold for everyone (`--within DIST`).
    case within(metres: Double)
    /// Separate thresholds for rural and urban points (`--rural-within D --urban-within D`).
    case byClass(ruralMetres: Double, urbanMetres: Double)

    /// The threshold in metres for a point of the given class.
    @inlinable public func thresholdMetres(rural: Bool) -> Double {
        switch self {
        case let .within(metres): return metres
        case let .byClass(ruralMetres, urbanMetres): return rural ? ruralMetres : urbanMetres
        }
    }

    /// The largest threshold of either class (the search radius an index query needs).
    public var maximumMetres: Double {
        switch self {
        case let .within(metres): return metres
        case let .byClass(r, u): return max(r, u)
        }
    }

    /// A default label: `5000m` or `rural:5000m,urban:2000m`.
    public var defaultLabel: String {
        switch self {
        case let .within(metres): return Self.format(metres)
        case let .byClass(r, u): return "rural:\(Self.format(r)),urban:\(Self.format(u))"
        }
    }

    private static func format(_ metres: Double) -> String {
        if metres.rounded() == metres, abs(metres) < 1e15 { return "\(Int(metres))m" }
        return "\(metres)m"
    }

    func validate(label: String) throws(AnalysisInputError) {
        switch self {
        case let .within(m):
            guard m.isFinite, m >= 0 else { throw .invalidThreshold(label: label, metres: m) }
        case let .byClass(r, u):
            guard r.isFinite, r >= 0 else { throw .invalidThreshold(label: label, metres: r) }
            guard u.isFinite, u >= 0 else { throw .invalidThreshold(label: label, metres: u) }
        }
    }
}

/// A named reach rule; the label keys `covered_population` and `share` in the coverage output.
public struct Reach: Hashable, Sendable, Codable {
    /// The key used in output, for example `5km` as the user typed it.
    public var label: String
    public var rule: ReachRule

    /// - Parameters:
    ///   - label: output key; defaults to ``ReachRule/defaultLabel``.
    ///   - rule: the threshold(s).
    public init(_ rule: ReachRule, label: String? = nil) {
        self.rule = rule
        self.label = label ?? rule.defaultLabel
    }

    /// Checks thresholds and label uniqueness of a list of reaches.
    static func validate(_ reaches: [Reach]) throws(AnalysisInputError) {
        guard !reaches.isEmpty else { throw .noReach }
        var labels = Set<String>()
        for r in reaches {
            try r.rule.validate(label: r.label)
            guard labels.insert(r.label).inserted else { throw .duplicateReachLabel(r.label) }
        }
    }
}
