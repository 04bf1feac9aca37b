import Foundation
import Store
import Testing
import TestSupport

/// A GeoJSON file far larger than the importer may hold in memory is streamed.
///
/// CI default: a 32 MB file (a debug build reads about 2 MB/s of GeoJSON under load). The documented
/// run: `OVERBLIK_BIG_MB=200 swift test --filter LargeInputTests` (about 100 s in debug).
@Suite("Large input is streamed", .serialized)
struct LargeInputTests {
    static let megabytes = Int(ProcessInfo.processInfo.environment["OVERBLIK_BIG_MB"] ?? "") ?? 32

    /// Writes a FeatureCollection of population points of about `megabytes` MB, each feature carrying
    /// a `noteBytes` note property; returns the feature count.
    static func writeCollection(to path: String, megabytes: Int, noteBytes: Int) throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let out = FileHandle(forWritingAtPath: path) else { throw POSIXError(.EACCES) }
        defer { try? out.close() }
        let note = Data(String(repeating: "Grid cell note. ", count: noteBytes / 16).utf8)
        var block = Data(#"{"type":"FeatureCollection","name":"big","features":["#.utf8)
        var written = 0, count = 0
        while written + block.count < megabytes << 20 {
            let lon = 9.5 + Double(count % 1000) * 0.0005, lat = 56.8 + Double(count / 1000 % 1000) * 0.0003
            block += Data(((count == 0 ? "" : ",") + #"{"type":"Feature","id":"p\#(count)","properties":{"weight":\#(1 + count % 7),"note":""#).utf8)
            block += note
            block += Data(#""},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#.utf8)
            count += 1
            if block.count > 4 << 20 {
                written += block.count
                out.write(block)
                block.removeAll(keepingCapacity: true)
            }
        }
        out.write(block + Data("]}".utf8))
        return count
    }

    /// Runs `overblik import population FILE` and returns how it ended with its peak RSS in bytes.
    ///
    /// Measured by /usr/bin/time (Debian package `time`) when present: a child spawned straight from
    /// the test process inherits the test's RSS high-water mark (Linux keeps it across exec), so
    /// wait4's figure is only an upper bound; /usr/bin/time is small, so its child's figure is its own.
    static func measuredImport(_ file: String, db: String) throws -> ChildProcess.Ending {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            print("note: /usr/bin/time missing (apt-get install time); peak RSS from wait4 is an upper bound")
            return try ChildProcess.run(["import", "population", file], db: db)
        }
        var ending = try ChildProcess("/usr/bin/time", ["-f", "overblik-maxrss-kb=%M", ChildProcess.overblik, "import", "population", file],
                                      environment: ["OVERBLIK_DB": db]).wait()
        if let line = ending.stderr.split(separator: "\n").last(where: { $0.hasPrefix("overblik-maxrss-kb=") }),
           let kb = Int(line.dropFirst("overblik-maxrss-kb=".count)) {
            ending.maxRSSBytes = kb * 1024
        }
        return ending
    }

    @Test("a GeoJSON of population points much larger than memory allows imports with bounded RSS")
    func bigGeoJSONPopulation() throws {
        let dir = try TestSupport.temporaryDirectory("big")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Baseline: the same import of a tiny file (SpatiaLite, GEOS and the runtime loaded).
        let tiny = dir.appendingPathComponent("tiny.geojson").path
        _ = try Self.writeCollection(to: tiny, megabytes: 0, noteBytes: 64)
        let baseline = try Self.measuredImport(tiny, db: dir.appendingPathComponent("tiny.sqlite").path)
        try #require(baseline.status == 0, "tiny import failed: \(baseline.stderr)")

        let file = dir.appendingPathComponent("population.geojson").path
        let features = try Self.writeCollection(to: file, megabytes: Self.megabytes, noteBytes: 16 << 10)
        let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let db = dir.appendingPathComponent("big.sqlite").path
        let t0 = Date()
        let ending = try Self.measuredImport(file, db: db)
        let seconds = Date().timeIntervalSince(t0)
        try #require(ending.status == 0, "import failed: \(ending.stderr)")
        let count = try Database(path: db).scalar("SELECT count(*) FROM population")?.int ?? -1
        let growth = ending.maxRSSBytes - baseline.maxRSSBytes
        print("big GeoJSON: \(bytes >> 20) MiB, \(features) features imported in \(String(format: "%.1f", seconds)) s; "
              + "peak RSS \(ending.maxRSSBytes >> 20) MiB (tiny-file baseline \(baseline.maxRSSBytes >> 20) MiB)")
        #expect(count == Int64(features))
        // Streamed: the import grows by far less than the file (a reader holding the file would grow by all of it).
        #expect(growth < bytes / 4, "peak RSS grew \(growth >> 20) MiB over the baseline for a \(bytes >> 20) MiB file")
    }
}
