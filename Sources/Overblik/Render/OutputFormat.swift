public import Foundation

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

extension RenderableOutcome {
    /// The outcome rendered as `format` in memory (the server sends these bytes).
    /// - Throws: what ``render(_:to:)`` throws.
    public func rendered(_ format: OutputFormat) throws -> Data {
        let sink = OutcomeSink.memory()
        try render(format, to: sink)
        try sink.finish()
        return Data(sink.collected)
    }
}

extension OutputFormat {
    /// The error for a format an outcome does not render in.
    static func unsupported(_ format: OutputFormat, by command: String) -> OverblikError {
        .badInput("\(command) does not write --format \(format.rawValue)")
    }
}
