/// Why allocation input (applications, season, rules, rooms) could not be used.
public enum AllocationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field of an application row is missing or malformed. `line` is 1-based in the file (the
    /// header is line 1 in CSV; in JSON it is the 1-based position in the array).
    case invalidField(line: Int, field: String, value: String, expected: String)
    /// The file as a whole is malformed (no header, bad JSON, unterminated quote).
    case malformedFile(format: String, detail: String)
    /// An application built in code breaks a rule the parser enforces (slots, participants).
    case invalidApplication(id: String, expected: String)
    /// Two applications share an id.
    case duplicateApplication(id: String)
    /// Two facilities share an id.
    case duplicateFacility(id: String)
    /// Two rooms share an id.
    case duplicateRoom(id: String)
    /// A room names a facility that is not in the input.
    case unknownFacility(room: String, facility: String)
    /// The season text or range is invalid.
    case invalidSeason(String, expected: String)
    /// The local rules file is malformed; `path` names the member (`rules[1].before`).
    case invalidRules(path: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidField(line, field, value, expected):
            "applications line \(line), field `\(field)`: got `\(value)`, expected \(expected)"
        case let .malformedFile(format, detail): "applications \(format): \(detail)"
        case let .invalidApplication(id, expected): "application `\(id)`: expected \(expected)"
        case let .duplicateApplication(id): "application id `\(id)` occurs more than once"
        case let .duplicateFacility(id): "facility id `\(id)` occurs more than once"
        case let .duplicateRoom(id): "room id `\(id)` occurs more than once"
        case let .unknownFacility(room, facility): "room `\(room)` belongs to unknown facility `\(facility)`"
        case let .invalidSeason(text, expected): "season `\(text)`: expected \(expected)"
        case let .invalidRules(path, detail): "local rules, \(path): \(detail)"
        }
    }
}
