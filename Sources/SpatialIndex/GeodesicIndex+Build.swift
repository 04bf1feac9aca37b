import Dispatch

extension GeodesicIndex {
    /// Points from which the build splits the root's two halves on two threads.
    static let parallelBuildMinimum = 1 << 17

    /// The build's arrays, handed to the thread of one half (it writes only that half's slots).
    private struct BuildBuffers: @unchecked Sendable {
        let points: UnsafeMutableBufferPointer<BuildPoint>
        let boxes: UnsafeMutableBufferPointer<Box>
    }

    struct BuildPoint {
        var x: Double, y: Double, z: Double
        var rank: Int32
    }

    /// Recursively splits points[lo..<hi] at its median along the axis of largest extent (quickselect),
    /// recording each node's bounding box (leaves from their points, inner nodes as unions). A large
    /// root's halves are built at the same time; the tree is the same either way.
    static func partition(_ p: UnsafeMutableBufferPointer<BuildPoint>, boxes: UnsafeMutableBufferPointer<Box>,
                          node: Int, lo: Int, hi: Int, level: Int, depth: Int, parallelFrom: Int = .max) {
        guard level < depth else {
            var box = Box()
            for i in lo..<hi { box.extend(p[i].x, p[i].y, p[i].z) }
            boxes[node] = box
            return
        }
        var minX = Double.infinity, minY = Double.infinity, minZ = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity, maxZ = -Double.infinity
        for i in lo..<hi {
            let q = p[i]
            minX = min(minX, q.x); maxX = max(maxX, q.x)
            minY = min(minY, q.y); maxY = max(maxY, q.y)
            minZ = min(minZ, q.z); maxZ = max(maxZ, q.z)
        }
        let mid = lo + (hi - lo) / 2
        let ex = maxX - minX, ey = maxY - minY, ez = maxZ - minZ
        let axis = ex >= ey && ex >= ez ? 0 : (ey >= ez ? 1 : 2)
        select(p, lo: lo, hi: hi, nth: mid, axis: axis)
        if level == 0 && hi - lo >= parallelFrom {
            // The two halves touch disjoint points and disjoint subtrees of boxes: one on another core.
            let shared = BuildBuffers(points: p, boxes: boxes)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let (childLo, childHi) = half == 0 ? (lo, mid) : (mid, hi)
                partition(shared.points, boxes: shared.boxes, node: 2 * node + 1 + half, lo: childLo, hi: childHi,
                          level: level + 1, depth: depth)
            }
        } else {
            partition(p, boxes: boxes, node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, depth: depth)
            partition(p, boxes: boxes, node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, depth: depth)
        }
        // An inner box is the union of its children's (already outward-rounded) boxes.
        let l = boxes[2 * node + 1], r = boxes[2 * node + 2]
        boxes[node] = Box(minX: min(l.minX, r.minX), minY: min(l.minY, r.minY), minZ: min(l.minZ, r.minZ),
                          maxX: max(l.maxX, r.maxX), maxY: max(l.maxY, r.maxY), maxZ: max(l.maxZ, r.maxZ))
    }

    /// Rearranges p[lo..<hi] so that p[nth] holds the element of that order along `axis`, smaller or
    /// equal ones before it and greater or equal ones after it.
    static func select(_ p: UnsafeMutableBufferPointer<BuildPoint>, lo: Int, hi: Int, nth: Int, axis: Int) {
        switch axis {
        case 0: select(p, lo: lo, hi: hi, nth: nth) { $0.x }
        case 1: select(p, lo: lo, hi: hi, nth: nth) { $0.y }
        default: select(p, lo: lo, hi: hi, nth: nth) { $0.z }
        }
    }

    /// Quickselect with Hoare partitioning and a median-of-three pivot, specialised per axis.
    @inline(__always)
    static func select(_ p: UnsafeMutableBufferPointer<BuildPoint>, lo: Int, hi: Int, nth: Int,
                       key: (BuildPoint) -> Double) {
        var lo = lo, hi = hi - 1
        while hi > lo {
            let m = lo + (hi - lo) / 2
            if key(p[m]) < key(p[lo]) { p.swapAt(m, lo) }
            if key(p[hi]) < key(p[lo]) { p.swapAt(hi, lo) }
            if key(p[hi]) < key(p[m]) { p.swapAt(hi, m) }
            let pivot = key(p[m])
            var i = lo, j = hi
            while i <= j {
                while key(p[i]) < pivot { i += 1 }
                while key(p[j]) > pivot { j -= 1 }
                if i <= j {
                    p.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if nth <= j {
                hi = j
            } else if nth >= i {
                lo = i
            } else {
                return
            }
        }
    }

    /// Fills each node's OR of attribute masks.
    @discardableResult
    static func summariseMasks(_ masks: UnsafeBufferPointer<UInt64>, into nodeMasks: inout [UInt64],
                               node: Int, lo: Int, hi: Int, level: Int, depth: Int) -> UInt64 {
        var m: UInt64 = 0
        if level == depth {
            for i in lo..<hi { m |= masks[i] }
        } else {
            let mid = lo + (hi - lo) / 2
            m = summariseMasks(masks, into: &nodeMasks, node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, depth: depth)
              | summariseMasks(masks, into: &nodeMasks, node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, depth: depth)
        }
        nodeMasks[node] = m
        return m
    }
}
