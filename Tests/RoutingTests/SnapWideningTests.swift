import GeoTypes
import Overblik
import Testing
import TestSupport
@testable import Routing

@Suite("Snapping widens its search without changing the answer")
struct SnapWideningTests {
    @Test("the widening search snaps every point as one search over the whole 1 km does", .enabled(if: HelsinkiNetworkTests.available),
          arguments: TravelMode.allCases)
    func wideningEqualsOneSearch(_ mode: TravelMode) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        let snapper = EdgeSnapper(network: network)
        var generator = SeededGenerator(seed: 7)
        var near = 0, far = 0, none = 0
        // Points over the extract and up to ~2 km beyond it: on a road, 100-400 m off one, past 1 km.
        for _ in 0..<400 {
            let p = Coordinate(lon: .random(in: 24.90...24.99, using: &generator), lat: .random(in: 60.150...60.190, using: &generator))
            let widening = snapper.snap(p)
            let whole = snapper.snap(p, within: EdgeSnapper.maximumLeg).flatMap { $0.leg <= EdgeSnapper.maximumLeg ? $0 : nil }
            #expect(widening == whole, "\(p)")
            switch widening?.leg {
            case nil: none += 1
            case let leg? where leg <= 100: near += 1
            default: far += 1
            }
        }
        // Every branch of the widening ran.
        #expect(near > 0 && far > 0 && none > 0, "near \(near), far \(far), none \(none)")
    }

    @Test("the search from the point's own cell snaps as one search over the whole 1 km does, or leaves the point to the widening",
          .enabled(if: HelsinkiNetworkTests.available), arguments: TravelMode.allCases)
    func ownCellEqualsOneSearch(_ mode: TravelMode) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        let snapper = EdgeSnapper(network: network)
        var generator = SeededGenerator(seed: 8)
        var scratch = SnapScratch(slots: SnapScratch.batchSlots)
        var answered = 0, left = 0
        // Points over the extract and beyond it, and points on nodes (ties between the segments
        // meeting there).
        let points = (0..<600).map { _ in
            Coordinate(lon: .random(in: 24.90...24.99, using: &generator), lat: .random(in: 60.150...60.190, using: &generator))
        } + stride(from: 0, to: network.nodeCount, by: 50).map { network.coordinates[$0] }
        for p in points {
            let whole = snapper.snap(p, within: EdgeSnapper.maximumLeg).flatMap { $0.leg <= EdgeSnapper.maximumLeg ? $0 : nil }
            if let near = snapper.snapNear(p, ECEFPoint(p), scratch: &scratch) {
                #expect(near == whole, "\(mode) \(p)")
                answered += 1
            } else {
                left += 1
            }
        }
        // Both ways out of the own cell were taken.
        #expect(answered > 0 && left > 0, "answered \(answered), left to the widening \(left)")
    }
}
