import Foundation
public import Testing

/// Golden files: one helper for every test target. `OVERBLIK_UPDATE_GOLDEN=1` rewrites the golden
/// instead of comparing (review the diff before committing it).
public enum Golden {
    /// Whether this run rewrites goldens.
    public static var updating: Bool { ProcessInfo.processInfo.environment["OVERBLIK_UPDATE_GOLDEN"] == "1" }

    /// Compares `text` with the file at `relativePath` under the package root (for example
    /// `Tests/Golden/export-facilities.geojson`), recording an issue naming the file when they differ.
    public static func expect(_ text: String, matches relativePath: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = TestSupport.packageRoot.appendingPathComponent(relativePath)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            print("updated golden \(relativePath)")
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        if golden != text {
            let line = zip(golden.split(separator: "\n", omittingEmptySubsequences: false),
                           text.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().first { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
            let place = line.map { " from line \($0)" } ?? " in length"
            let comment = Comment(rawValue: "differs from \(relativePath)\(place) (regenerate with OVERBLIK_UPDATE_GOLDEN=1 after checking)")
            Issue.record(comment, sourceLocation: sourceLocation)
        }
    }
}
