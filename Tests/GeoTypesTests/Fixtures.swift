import TestSupport
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

