extension GeodesicIndex {
    struct BuildPoint {
        var x: Double, y: Double, z: Double
        var rank: Int32
    }

    /// Recursively splits points[lo..<hi] at its median along the axis of largest extent (quickselect),
    /// recording each node's bounding box.
    static func partition(_ p: UnsafeMutableBufferPointer<BuildPoint>, boxes: UnsafeMutableBufferPointer<Box>,
                          node: Int, lo: Int, hi: Int, level: Int, depth: Int) {
        var box = Box()
        for i in lo..<hi {
            let q = p[i]
            box.minX = min(box.minX, q.x); box.maxX = max(box.maxX, q.x)
            box.minY = min(box.minY, q.y); box.maxY = max(box.maxY, q.y)
            box.minZ = min(box.minZ, q.z); box.maxZ = max(box.maxZ, q.z)
        }
        boxes[node] = box
        guard level < depth else { return }
        let mid = lo + (hi - lo) / 2
        let ex = box.maxX - box.minX, ey = box.maxY - box.minY, ez = box.maxZ - box.minZ
        let axis = ex >= ey && ex >= ez ? 0 : (ey >= ez ? 1 : 2)
        select(p, lo: lo, hi: hi, nth: mid, axis: axis)
        partition(p, boxes: boxes, node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, depth: depth)
        partition(p, boxes: boxes, node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, depth: depth)
    }

    @inline(__always)
    static func key(_ q: BuildPoint, _ axis: Int) -> Double {
        axis == 0 ? q.x : (axis == 1 ? q.y : q.z)
    }

    /// Rearranges p[lo..<hi] so that p[nth] holds the element of that order along `axis`, smaller or
    /// equal ones before it and greater or equal ones after it (Hoare partitioning, median of three).
    static func select(_ p: UnsafeMutableBufferPointer<BuildPoint>, lo: Int, hi: Int, nth: Int, axis: Int) {
        var lo = lo, hi = hi - 1
        while hi > lo {
            let m = lo + (hi - lo) / 2
            // Median of three as pivot.
            if key(p[m], axis) < key(p[lo], axis) { p.swapAt(m, lo) }
            if key(p[hi], axis) < key(p[lo], axis) { p.swapAt(hi, lo) }
            if key(p[hi], axis) < key(p[m], axis) { p.swapAt(hi, m) }
            let pivot = key(p[m], axis)
            var i = lo, j = hi
            while i <= j {
                while key(p[i], axis) < pivot { i += 1 }
                while key(p[j], axis) > pivot { j -= 1 }
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
    static func summariseMasks(_ masks: [UInt64], into nodeMasks: inout [UInt64],
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
