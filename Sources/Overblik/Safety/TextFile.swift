import Foundation

/// Small text inputs the user names (allocation rules, school-holiday calendars), read whole and
/// checked once: a missing or unreadable path and invalid UTF-8 are bad input (exit 2) naming
/// the file, line and byte; only a failing device is an I/O failure.
public enum TextFile {
    /// The UTF-8 text of `path` (a leading byte order mark dropped).
    /// - Throws: ``OverblikError/badInput(_:)`` for a path that names no readable file or for
    ///   invalid UTF-8 (with line and byte offset), ``OverblikError/io(_:)`` for other read failures.
    public static func read(_ path: String) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch let error as CocoaError {
            switch error.code {
            case .fileReadNoSuchFile, .fileNoSuchFile, .fileReadNoPermission, .fileReadInvalidFileName:
                throw OverblikError.badInput("\(path): cannot read: \(error.localizedDescription)")
            default:
                throw OverblikError.io("\(path): cannot read: \(error.localizedDescription)")
            }
        } catch {
            throw OverblikError.io("\(path): cannot read: \(error.localizedDescription)")
        }
        var line = 1, offset = 0
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var text = String.UnicodeScalarView()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar == "\n" { line += 1 }
                if !(offset == 0 && scalar == "\u{FEFF}") { text.append(scalar) }
                offset += UTF8.width(scalar)
            case .emptyInput:
                break decoding
            case .error:
                throw OverblikError.badInput("\(path): line \(line), byte \(offset): invalid UTF-8 (save the file as UTF-8)")
            }
        }
        return String(text)
    }
}
