import Foundation

/// Reads committed CSV fixtures from `Tests/Fixtures/GeoTypes`, located from this file's path.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()      // GeoTypesTests
        .deletingLastPathComponent()      // Tests
        .appendingPathComponent("Fixtures/GeoTypes")

    /// The rows of a numeric CSV with a header line, each row as column name -> value.
    static func numericRows(_ name: String) throws -> [[String: Double]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return try lines.enumerated().map { index, line in
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == header.count else {
                throw FixtureError(file: name, line: index + 2, problem: "expected \(header.count) fields, got \(fields.count)")
            }
            var row: [String: Double] = [:]
            for (key, field) in zip(header, fields) {
                guard let value = Double(field) else {
                    throw FixtureError(file: name, line: index + 2, problem: "\(key) is not a number: \(field)")
                }
                row[key] = value
            }
            return row
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var file: String, line: Int, problem: String
    var description: String { "\(file):\(line): \(problem)" }
}

/// Angle difference in degrees, reduced to [-180, 180].
func angleDifference(_ a: Double, _ b: Double) -> Double {
    (a - b).remainder(dividingBy: 360)
}

/// A small seeded generator (SplitMix64) so that property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
