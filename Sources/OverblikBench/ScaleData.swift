import Analysis
import Facilities
import Foundation
import GeoTypes

/// The seeded input files of ``ScaleSuite``: Aalborg-like facilities and population points as CSV,
/// and query points `id,lon,lat`, written once per run.
enum ScaleData {
    struct Files {
        var facilities: String
        var population: [String]
        var queries: String
    }

    static func write(into dir: String, facilities: Int, population: [Int], queries: Int, seed: UInt64) throws -> Files {
        let world = AalborgSynthetic(seed: seed)
        var rng = SplitMix64(seed: seed &+ 0x5CA1E)
        let started = nowNanoseconds()
        let kinds = FacilityKind.allCases.map(\.rawValue)
        let hours = ["Mo-Fr 17:00-22:00; Sa,Su 08:00-20:00; PH off", "Mo-Th 18:00-22:00; PH off; SH off",
                     "Mo-Su 08:00-23:00", "Tu,Th 19:00-21:30; Sa 10:00-16:00; PH off"]
        let wheelchair = ["yes", "limited", "no", "unknown"]
        let facilityPath = dir + "/facilities.csv"
        try lines(to: facilityPath, header: "id,name,kind,lon,lat,address,capacity,opening_hours,wheelchair,step_free,phone",
                  count: facilities) { i in
            let p = world.point(using: &rng)
            return "f\(i),Facility \(i),\(kinds[Int(rng.next() % UInt64(kinds.count))]),\(rounded(p.lon)),\(rounded(p.lat)),"
                + "Vej \(i % 997) 9000 Aalborg,\(10 + rng.next() % 200),\"\(hours[Int(rng.next() % 4)])\","
                + "\(wheelchair[Int(rng.next() % 4)]),\(rng.next() % 2 == 0 ? "yes" : "unknown"),9931\(i % 10_000)"
        }
        var populationPaths: [String] = []
        for n in population {
            let path = dir + "/population-\(n).csv"
            try lines(to: path, header: "id,lon,lat,weight", count: n) { i in
                let p = world.point(using: &rng)
                return "p\(i),\(rounded(p.lon)),\(rounded(p.lat)),\(1 + rng.next() % 4)"
            }
            populationPaths.append(path)
        }
        let queryPath = dir + "/queries.csv"
        try lines(to: queryPath, header: "id,lon,lat", count: queries) { i in
            let p = world.point(using: &rng)
            return "q\(i),\(rounded(p.lon)),\(rounded(p.lat))"
        }
        printError("wrote the input files into \(dir) in \(fixed(Double(nowNanoseconds() - started) / 1e9, 1)) s")
        return Files(facilities: facilityPath, population: populationPaths, queries: queryPath)
    }

    /// Six decimals (about 0.1 m), as published coordinates usually come.
    static func rounded(_ v: Double) -> String {
        let micro = Int((abs(v) * 1e6).rounded())
        let fraction = String(micro % 1_000_000)
        return (v < 0 ? "-" : "") + String(micro / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// Writes `header` and `count` lines made by `line(i)`, in blocks.
    static func lines(to path: String, header: String, count: Int, _ line: (Int) -> String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchUsageError(message: "cannot write \(path)")
        }
        defer { try? handle.close() }
        var block = header + "\n"
        for i in 0..<count {
            block += line(i)
            block += "\n"
            if block.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try handle.write(contentsOf: Data(block.utf8))
    }
}
