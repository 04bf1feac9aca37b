import Foundation
import Store
import Testing
import TestSupport

/// A GeoJSON file far larger than the importer may hold in memory is streamed.
@Suite("Large input is streamed", .serialized)
struct LargeInputTests {
    /// File size: 200 MB by default; OVERBLIK_BIG_MB overrides (e.g. 2000 for a 2 GB run).
    static let megabytes = Int(ProcessInfo.processInfo.environment["OVERBLIK_BIG_MB"] ?? "") ?? 200

    /// Writes a FeatureCollection of population points of about `megabytes` MB, each feature carrying
    /// a 1 KB note property; returns the feature count.
    static func writeCollection(to path: String, megabytes: Int) throws -> Int {
        guard let out = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw POSIXError(.EACCES) }
        defer { try? out.close() }
        let note = String(repeating: "Population grid cell with a long description. ", count: 22)
        out.write(Data(#"{"type":"FeatureCollection","name":"big","features":["#.utf8))
        var written = 0, count = 0
        var chunk = ""
        chunk.reserveCapacity(1 << 20)
        while written < megabytes << 20 {
            let lon = 9.5 + Double(count % 1000) * 0.0005, lat = 56.8 + Double(count / 1000 % 1000) * 0.0003
            chunk += (count == 0 ? "" : ",")
                + #"{"type":"Feature","id":"p\#(count)","properties":{"weight":\#(1 + count % 7),"note":"\#(note)"},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#
            count += 1
            if chunk.utf8.count > 1 << 20 {
                written += chunk.utf8.count
                out.write(Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        out.write(Data((chunk + "]}").utf8))
        return count
    }

    @Test("a 200 MB GeoJSON of population points imports with a peak RSS far below the file size")
    func bigGeoJSONPopulation() throws {
        let dir = try TestSupport.temporaryDirectory("big")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("population.geojson").path
        let features = try Self.writeCollection(to: file, megabytes: Self.megabytes)
        let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let db = dir.appendingPathComponent("big.sqlite").path
        let t0 = Date()
        let ending = try ChildProcess.run(["import", "population", file], db: db)
        let seconds = Date().timeIntervalSince(t0)
        try #require(ending.status == 0, "import failed: \(ending.stderr)")
        let count = try Database(path: db).scalar("SELECT count(*) FROM population")?.int ?? -1
        print("big GeoJSON: \(bytes >> 20) MiB, \(features) features imported in \(String(format: "%.1f", seconds)) s; "
              + "peak RSS of the import \(ending.maxRSSBytes >> 20) MiB")
        #expect(count == Int64(features))
        // Streamed: memory stays far below the input (a reader that loaded the file would exceed it).
        #expect(ending.maxRSSBytes < bytes / 2, "peak RSS \(ending.maxRSSBytes >> 20) MiB for a \(bytes >> 20) MiB file")
    }
}
