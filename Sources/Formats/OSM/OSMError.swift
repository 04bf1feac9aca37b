/// A malformed or unsupported OpenStreetMap file: which file, where, and what was expected.
public struct OSMError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// Byte offset of the block (PBF) or line (XML) where the problem was found.
    public var location: String
    public var message: String

    public init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { "\(file): \(location): \(message)" }
}
