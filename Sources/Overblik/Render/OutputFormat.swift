/// The formats outcomes render in; each outcome lists the ones it supports.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, geojson, ics
}

/// An outcome of the facade that writes itself in each format it supports: the CLI and the
/// server call the same renderer, so a format has one rendering.
public protocol RenderableOutcome {
    /// Writes the outcome as `format` into `sink`.
    /// - Throws: ``OverblikError/badInput(_:)`` for a format this outcome does not support, or the
    ///   error of a GeoJSON writer.
    func render(_ format: OutputFormat, to sink: OutcomeSink) throws
}

extension OutputFormat {
    /// The error for a format an outcome does not render in.
    static func unsupported(_ format: OutputFormat, by command: String) -> OverblikError {
        .badInput("\(command) does not write --format \(format.rawValue)")
    }
}
