public import GeoTypes

extension EdgeSnapper {
    /// The snaps of many points (nil: more than ``maximumLeg`` from the network), computed on
    /// `threads` threads (default: every core) in contiguous chunks of ``spatialOrder(_:)``: the same
    /// snaps as calling ``snap(_:)`` on each.
    /// - Complexity: O(points) for points near the network; about `threads` times faster.
    public func snap(_ points: [Coordinate], threads: Int? = nil) -> [RoadSnap?] {
        Chunked.map(count: points.count, order: spatialOrder(points), threads: threads ?? Chunked.cores, placeholder: nil,
                    makeState: { SnapScratch(slots: SnapScratch.batchSlots) }) { scratch, i in
            snap(points[i], scratch: &scratch)
        }
    }
}
