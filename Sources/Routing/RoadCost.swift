/// A travel cost in both units: the search minimises one (its metric), the other is carried along
/// the chosen path.
public struct RoadCost: Sendable, Hashable, Codable {
    public var metres: Double
    public var seconds: Double

    public init(metres: Double, seconds: Double) {
        self.metres = metres
        self.seconds = seconds
    }

    public static let zero = RoadCost(metres: 0, seconds: 0)

    /// The value ranked by `metric`.
    @inlinable public func value(_ metric: RoadMetric) -> Double { metric == .distance ? metres : seconds }

    @inlinable public static func + (a: RoadCost, b: RoadCost) -> RoadCost {
        RoadCost(metres: a.metres + b.metres, seconds: a.seconds + b.seconds)
    }
}

/// A node at which a search starts or ends, and what it costs between the node and the point.
public struct RoadSeed: Sendable, Hashable {
    public var node: UInt32
    public var cost: RoadCost
}

extension RoadNetwork {
    /// The cost of `metres` along `segment` plus nothing else.
    func partial(_ metres: Double, _ segment: Int) -> RoadCost {
        RoadCost(metres: metres, seconds: metres / segmentSpeed[segment])
    }

    /// The cost of a straight leg (5 km/h in every mode).
    static func leg(_ snap: RoadSnap) -> RoadCost {
        RoadCost(metres: snap.leg, seconds: snap.leg / TravelMode.legSpeed)
    }

    /// Where a search *from* a snapped point enters the network: the end nodes of its segment that
    /// the mode may travel to from the foot point, each at the leg plus the geodesic from the foot
    /// to the node. A foot point that lies on a node (0 m from it) is at that node whatever the
    /// direction.
    public func departures(_ snap: RoadSnap) -> [RoadSeed] {
        var seeds: [RoadSeed] = []
        forEachDeparture(snap) { seeds.append($0) }
        return seeds
    }

    /// ``departures(_:)`` one by one, in the same order, without building an array.
    @inline(__always)
    func forEachDeparture(_ snap: RoadSnap, _ body: (RoadSeed) -> Void) {
        let s = Int(snap.segment), leg = Self.leg(snap)
        let toFrom = snap.along, toTo = segmentMetres[s] - snap.along
        if opensBackward(s) || toFrom <= 0 { body(RoadSeed(node: segmentFrom[s], cost: leg + partial(toFrom, s))) }
        if opensForward(s) || toTo <= 0 { body(RoadSeed(node: segmentTo[s], cost: leg + partial(max(0, toTo), s))) }
    }

    /// Where a search *to* a snapped point leaves the network: the end nodes of its segment from
    /// which the mode may travel to the foot point, each at the geodesic from the node to the foot
    /// plus the leg. A foot point on a node is reached from that node whatever the direction.
    public func arrivals(_ snap: RoadSnap) -> [RoadSeed] {
        var seeds: [RoadSeed] = []
        forEachArrival(snap) { seeds.append($0) }
        return seeds
    }

    /// ``arrivals(_:)`` one by one, in the same order, without building an array.
    @inline(__always)
    func forEachArrival(_ snap: RoadSnap, _ body: (RoadSeed) -> Void) {
        let s = Int(snap.segment), leg = Self.leg(snap)
        let fromFrom = snap.along, fromTo = segmentMetres[s] - snap.along
        if opensForward(s) || fromFrom <= 0 { body(RoadSeed(node: segmentFrom[s], cost: partial(fromFrom, s) + leg)) }
        if opensBackward(s) || fromTo <= 0 { body(RoadSeed(node: segmentTo[s], cost: partial(max(0, fromTo), s) + leg)) }
    }

    /// The same-segment direct cost from `a` to `b` when both snap to one segment and the mode may
    /// travel it from a's foot toward b's foot; nil otherwise.
    public func direct(from a: RoadSnap, to b: RoadSnap) -> RoadCost? {
        guard a.segment == b.segment else { return nil }
        let s = Int(a.segment)
        let delta = b.along - a.along
        guard delta == 0 || (delta > 0 ? opensForward(s) : opensBackward(s)) else { return nil }
        return Self.leg(a) + partial(abs(delta), s) + Self.leg(b)
    }
}
