import GeoTypes
import Routing
import Store

/// One mode's loaded network with its snapper, a router and the snaps found so far.
final class RoadState {
    let network: RoadNetwork
    let snapper: EdgeSnapper
    let router: RoadRouter
    private var snaps: [Coordinate: RoadSnap?] = [:]

    init(network: RoadNetwork) {
        self.network = network
        snapper = EdgeSnapper(network: network)
        router = RoadRouter(network: network)
    }

    /// The snap of `point` (nil: more than 1 km from the network), remembered.
    func snap(_ point: Coordinate) -> RoadSnap? {
        if let known = snaps[point] { return known }
        let snap = snapper.snap(point)
        snaps[point] = snap
        return snap
    }

    /// The fastest speed of any segment, m/s (a bound for geodesic pre-filters).
    lazy var topSpeed: Double = max(TravelMode.legSpeed, network.segmentSpeed.max() ?? 0)
}

/// The road networks loaded from the store, one per mode, on first use.
final class RoadCache {
    var states: [TravelMode: RoadState] = [:]

    func state(_ mode: TravelMode, store: any StoreBackend) throws -> RoadState {
        if let loaded = states[mode] { return loaded }
        guard let stored = try store.roadNetwork(mode: mode.rawValue) else {
            throw OverblikError.notFound(what: "a \(mode.rawValue) road network in the store (run `overblik import network FILE.osm.pbf`)",
                                         suggestions: [])
        }
        let network: RoadNetwork
        do { network = try RoadNetwork(decoding: stored.body) } catch {
            throw OverblikError.io("\(error) (mode \(mode.rawValue)); re-run `overblik import network`")
        }
        let state = RoadState(network: network)
        states[mode] = state
        return state
    }
}
