import Dispatch
public import GeoTypes
import Synchronization

extension EdgeSnapper {
    /// Coverage by road in one call: labels every node with its nearest source (``RoadRouter/label(sources:metric:towardSources:limit:)``
    /// toward the sources) and gives each point its nearest source from its snap and those labels,
    /// as ``nearestSources(_:labels:sources:threads:)`` does.
    ///
    /// Snapping does not need the labels, so it runs while the labelling search does: on `threads`
    /// > 1 one thread labels (from the start: the spatial order is computed meanwhile) and the
    /// others snap the points in ``spatialOrder(_:)``, chunk by chunk;
    /// a chunk snapped before the labels are ready keeps its snaps until they are, a chunk started
    /// after looks its points up at once, and every thread joins the snapping once the labelling is
    /// done. Every point's answer is computed alone from the same snap and labels, so the answers
    /// are those of one thread, whatever the timing.
    /// - Complexity: the labelling search plus O(points) snaps and lookups; wall time about their sum
    ///   divided by the number of cores.
    public func nearestSources(_ points: [Coordinate], router: RoadRouter, sources: RoadTargets, metric: RoadMetric,
                               threads: Int? = nil) -> (labels: RoadLabels, hits: [RoadHit?]) {
        nearestSources(points, router: router, sources: sources, metric: metric, threads: threads ?? Chunked.cores, holdLookups: false)
    }

    /// ``nearestSources(_:router:sources:metric:threads:)``; with `holdLookups` every chunk keeps
    /// its snaps until the end, as the chunks snapped while the labelling runs do (for tests of
    /// that path).
    func nearestSources(_ points: [Coordinate], router: RoadRouter, sources: RoadTargets, metric: RoadMetric,
                        threads: Int, holdLookups: Bool) -> (labels: RoadLabels, hits: [RoadHit?]) {
        guard threads > 1 else {
            let labels = router.label(sources: sources, metric: metric)
            return (labels, nearestSources(points, labels: labels, sources: sources, threads: 1))
        }
        let n = points.count
        let size = max(256, min(8_192, n / (threads * 8)))
        let chunks = (n + size - 1) / size
        let ready = Mutex<RoadLabels?>(nil)
        nonisolated(unsafe) let labelling = router
        // The labelling runs on a thread of its own from the start; the points' spatial order is
        // computed meanwhile, then the chunks are snapped on every core.
        let labelled = DispatchGroup()
        DispatchQueue.global().async(group: labelled) {
            let labels = labelling.label(sources: sources, metric: metric)
            ready.withLock { $0 = labels }
        }
        let order = spatialOrder(points)
        var hits = [RoadHit?](repeating: nil, count: n)
        var held = [[RoadSnap?]](repeating: [], count: chunks)
        hits.withUnsafeMutableBufferPointer { hitBuffer in
        held.withUnsafeMutableBufferPointer { heldBuffer in
            // Each iteration owns a disjoint chunk of the order and writes only there.
            nonisolated(unsafe) let out = hitBuffer, waiting = heldBuffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let range = (c * size)..<min(n, (c + 1) * size)
                var scratch = SnapScratch(slots: SnapScratch.batchSlots)
                // The chunk's points in one pass first: their loads, scattered over the input,
                // overlap one another here rather than stall one snap each.
                let local = range.map { points[Int(order[$0])] }
                if !holdLookups, let labels = ready.withLock({ $0 }) {
                    let found = local.map { snap($0, scratch: &scratch).flatMap { labels.nearest(for: $0, network: network, sources: sources) } }
                    for (j, hit) in zip(range, found) { out[Int(order[j])] = hit }
                } else {
                    waiting[c] = local.map { snap($0, scratch: &scratch) }
                }
            }
        }}
        labelled.wait()
        let labels = ready.withLock { $0 }!, snapped = held
        let late = held.indices.filter { !held[$0].isEmpty }
        guard !late.isEmpty else { return (labels, hits) }
        hits.withUnsafeMutableBufferPointer { hitBuffer in
            nonisolated(unsafe) let out = hitBuffer
            DispatchQueue.concurrentPerform(iterations: late.count) { k in
                let c = late[k]
                let found = snapped[c].map { $0.flatMap { labels.nearest(for: $0, network: network, sources: sources) } }
                for (offset, hit) in found.enumerated() { out[Int(order[c * size + offset])] = hit }
            }
        }
        return (labels, hits)
    }
}
