import Foundation
import Routing

extension RoadsSuite {
    /// Runs scipy.sparse.csgraph.dijkstra (multi-source, `min_only=True`) on the same reverse CSR
    /// with travel-time weights, from the facilities' arrival nodes (offsets of the partial edge
    /// and leg are not expressible there, so the sources start at 0). Timed inside Python, load
    /// excluded. Needs `.venv/bin/python` with scipy (Tools/setup.sh, best-effort); nil without.
    static func scipyBaseline(_ network: RoadNetwork, targets: RoadTargets) -> (seconds: Double, note: String)? {
        let python = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
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
        let script = """
        import sys, time, numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra
        d = sys.argv[1]; n = \(network.nodeCount)
        indptr = np.fromfile(d + '/indptr.bin', dtype=np.int32); indices = np.fromfile(d + '/indices.bin', dtype=np.int32)
        data = np.fromfile(d + '/data.bin', dtype=np.float64); sources = np.fromfile(d + '/sources.bin', dtype=np.int32)
        g = csr_matrix((data, indices, indptr), shape=(n, n))
        t = time.perf_counter(); dist, pred, src = dijkstra(g, directed=True, indices=sources, min_only=True, return_predecessors=True)
        print(time.perf_counter() - t, int(np.isfinite(dist).sum()))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, dir.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = output.split(separator: " ")
        guard process.terminationStatus == 0, parts.count == 2, let seconds = Double(parts[0]) else { return nil }
        return (seconds, "scipy from \(sources.count) source nodes reached \(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) nodes")
    }
}
