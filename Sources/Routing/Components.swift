/// Connected parts of a graph given as CSR out-arcs, found without recursion.
enum Components {
    /// The component id of every node, by iterative Tarjan (strongly connected components), and
    /// the number of components. Ids are 0..<count in the order Tarjan completes them.
    /// - Complexity: O(nodes + arcs) time, O(nodes) extra memory.
    static func strong(nodeCount n: Int, start: [UInt32], head: [UInt32]) -> (component: [Int32], count: Int) {
        let unvisited = Int32(-1)
        var index = [Int32](repeating: unvisited, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        // Call stack frames: (node, next arc position).
        var frames: [(node: Int32, arc: UInt32)] = []
        var nextIndex: Int32 = 0, count: Int32 = 0
        for root in 0..<n where index[root] == unvisited {
            frames.append((Int32(root), start[root]))
            index[root] = nextIndex; low[root] = nextIndex; nextIndex += 1
            stack.append(Int32(root)); onStack[root] = true
            while let top = frames.last {
                let v = Int(top.node)
                if top.arc < start[v + 1] {
                    frames[frames.count - 1].arc += 1
                    let w = Int(head[Int(top.arc)])
                    if index[w] == unvisited {
                        index[w] = nextIndex; low[w] = nextIndex; nextIndex += 1
                        stack.append(Int32(w)); onStack[w] = true
                        frames.append((Int32(w), start[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[v]) }
                if low[v] == index[v] {
                    while let w = stack.popLast() {
                        onStack[Int(w)] = false
                        component[Int(w)] = count
                        if Int(w) == v { break }
                    }
                    count += 1
                }
            }
        }
        return (component, Int(count))
    }

    /// The component id of every node ignoring directions (union-find over the edges).
    /// - Complexity: O((nodes + edges) α(nodes)).
    static func weak(nodeCount n: Int, from: [UInt32], to: [UInt32]) -> (component: [Int32], count: Int) {
        var parent = [Int32](0..<Int32(n))
        func find(_ x: Int32) -> Int32 {
            var r = x
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var y = x
            while parent[Int(y)] != r { let next = parent[Int(y)]; parent[Int(y)] = r; y = next }
            return r
        }
        for e in 0..<from.count {
            let a = find(Int32(from[e])), b = find(Int32(to[e]))
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var id = [Int32](repeating: -1, count: n), component = [Int32](repeating: 0, count: n)
        var count: Int32 = 0
        for v in 0..<n {
            let r = Int(find(Int32(v)))
            if id[r] < 0 { id[r] = count; count += 1 }
            component[v] = id[r]
        }
        return (component, Int(count))
    }

    /// The id of the component with the most nodes (the lowest id among equals), and its size.
    static func largest(_ component: [Int32], count: Int) -> (id: Int32, size: Int) {
        var sizes = [Int](repeating: 0, count: count)
        for c in component { sizes[Int(c)] += 1 }
        var best = 0
        for c in 0..<count where sizes[c] > sizes[best] { best = c }
        return (Int32(best), count == 0 ? 0 : sizes[best])
    }
}
