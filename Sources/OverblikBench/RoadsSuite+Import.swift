import Foundation

extension RoadsSuite {
    /// `overblik import network FILE` of each PBF at hand, in a child process (wall, CPU, peak RSS):
    /// the files in `OVERBLIK_BENCH_PBF` (separated by `:`), else the shared Helsinki extract.
    /// Each row extrapolates its time linearly to a 400 MB national file (the note says from what
    /// size); memory is reported as measured (a small file's peak is mostly the process's own).
    /// Needs the release `overblik` beside this binary.
    static func importRows() throws -> [Result] {
        let files = ProcessInfo.processInfo.environment["OVERBLIK_BENCH_PBF"].map { $0.split(separator: ":").map(String.init) }
            ?? sharedPBF().map { [$0] } ?? []
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("overblik").path
        guard !files.isEmpty, FileManager.default.isExecutableFile(atPath: binary) else { return [] }
        var rows: [Result] = []
        for path in files {
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let store = FileManager.default.temporaryDirectory.appendingPathComponent("overblik-roads-import-\(getpid()).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) } }
            // A store to import into (not measured): one facility.
            let csv = store + ".csv"
            defer { try? FileManager.default.removeItem(atPath: csv) }
            try "id,name,kind,lon,lat\nf1,Bench hall,village_hall,24.94,60.17\n".write(toFile: csv, atomically: true, encoding: .utf8)
            _ = try ChildProcess.measure([binary, "--db", store, "import", "facilities", csv], stdout: "/dev/null")
            let m = try ChildProcess.measure([binary, "--db", store, "import", "network", path], stdout: "/dev/null")
            guard m.status == 0 else { throw BenchUsageError(message: "overblik import network \(path) exited \(m.status)") }
            let scale = 400e6 / Double(max(1, bytes))
            rows.append(Result(case_: "PBF network import", nodes: 0, arcs: 0, seconds: m.seconds, cpuSeconds: m.cpuSeconds,
                               note: "\((path as NSString).lastPathComponent) \(fixed(Double(bytes) / 1e6, 1)) MB: \(fixed(Double(bytes) / 1e6 / m.seconds, 2)) MB/s, "
                                   + "peak RSS \(fixed(m.peakRSSMegabytes, 0)) MB; 400 MB extrapolated linearly: \(fixed(m.seconds * scale, 0)) s wall, "
                                   + "\(fixed(m.cpuSeconds * scale, 0)) s CPU (targets < 120 s, < 2 GB)"))
        }
        return rows
    }

    static func sharedPBF() -> String? {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("shared/data/osm/helsinki.osm.pbf").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}
