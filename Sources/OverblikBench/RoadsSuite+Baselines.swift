import Foundation
import Routing

extension RoadsSuite {
    struct Baseline {
        var name: String
        var seconds: Double
        var cpuSeconds: Double
        var note: String
    }

    /// The labelling's baselines on the same reverse CSR with travel-time weights, from the
    /// facilities' arrival nodes (the offsets of the partial edge and leg are not expressible
    /// there, so the sources start at 0):
    /// - scipy.sparse.csgraph.dijkstra(indices=sources, min_only=True);
    /// - igraph's Dijkstra (`Graph.distances`) from one added super-source joined to every source
    ///   by a 0-weight arc (igraph has no multi-source form), results as a list of floats.
    /// Each runs in its own Python process and is timed there around the search only (wall and
    /// process CPU). Needs `.venv/bin/python` with scipy and igraph (Tools/setup.sh, best-effort);
    /// a missing one is left out.
    static func pythonBaselines(_ network: RoadNetwork, targets: RoadTargets) -> [Baseline] {
        let python = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { return [] }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("overblik-roads-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write<T>(_ name: String, _ values: [T]) {
            values.withUnsafeBytes { try? Data($0).write(to: dir.appendingPathComponent(name)) }
        }
        write("indptr.bin", network.inStart.map { Int32(bitPattern: $0) })
        write("indices.bin", network.inTail.map { Int32(bitPattern: $0) })
        write("data.bin", network.inSegment.map { network.segmentMetres[Int($0)] / network.segmentSpeed[Int($0)] })
        var sources = Set<Int32>()
        for snap in targets.snaps.compactMap({ $0 }) { for seed in network.arrivals(snap) { sources.insert(Int32(seed.node)) } }
        write("sources.bin", Array(sources).sorted())
        let load = """
        import sys, time, numpy as np
        d = sys.argv[1]; n = \(network.nodeCount)
        indptr = np.fromfile(d + '/indptr.bin', dtype=np.int32); indices = np.fromfile(d + '/indices.bin', dtype=np.int32)
        data = np.fromfile(d + '/data.bin', dtype=np.float64); sources = np.fromfile(d + '/sources.bin', dtype=np.int32)

        """
        let scipy = load + """
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra
        g = csr_matrix((data, indices, indptr), shape=(n, n))
        t = time.perf_counter(); c = time.process_time()
        dist, pred, src = dijkstra(g, directed=True, indices=sources, min_only=True, return_predecessors=True)
        print(time.perf_counter() - t, time.process_time() - c, int(np.isfinite(dist).sum()))
        """
        let igraph = load + """
        import igraph
        tails = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
        edges = np.concatenate([np.column_stack([tails, indices]), np.column_stack([np.full(len(sources), n), sources])])
        weights = np.concatenate([data, np.zeros(len(sources))]).tolist()
        g = igraph.Graph(n=n + 1, edges=edges, directed=True)
        t = time.perf_counter(); c = time.process_time()
        dist = g.distances(source=[n], weights=weights, mode='out')[0]
        print(time.perf_counter() - t, time.process_time() - c, sum(1 for x in dist[:n] if x != float('inf')))
        """
        var results: [Baseline] = []
        for (name, script) in [("scipy csgraph dijkstra(min_only=True)", scipy), ("igraph distances (super-source)", igraph)] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script, dir.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            do { try process.run() } catch { continue }
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let parts = output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard process.terminationStatus == 0, parts.count == 3, let wall = Double(parts[0]), let cpu = Double(parts[1]) else { continue }
            results.append(Baseline(name: name, seconds: wall, cpuSeconds: cpu, note: "\(name.split(separator: " ")[0]) from \(sources.count) source nodes reached \(parts[2])"))
        }
        return results
    }
}
