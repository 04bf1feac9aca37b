import Facilities
import Formats
import Foundation

/// A map file (`--map FILE`): CSV rows `field,value,kind|owner,target` that turn source values
/// into kinds and owners, for example
///
/// ```
/// field,value,target_type,target
/// INST_TYPE_NAVN,Folkeskoler,kind,school
/// INST_TYPE_NAVN,Frie grundskoler,owner,private
/// amenity,place_of_worship,kind,other
/// ```
///
/// Values match case-insensitively after trimming; the first matching row of a target type wins.
public struct SourceValueMap: Sendable {
    struct Rule: Sendable {
        var field: String
        var value: String
        var target: String
    }
    var kindRules: [Rule] = []
    var ownerRules: [Rule] = []

    public init() {}

    /// Reads and checks a map file; every bad row is reported with its line.
    /// - Throws: ``ImportError`` naming the line, field and value.
    public init(path: String) throws {
        var problems = ProblemCollector()
        let rows: [(line: Int, fields: [String])]
        do { rows = try Self.rows(path) } catch {
            throw ImportError(problems: [ImportProblem(RecordPosition(file: path, line: error.line), expected: error.description)])
        }
        for (line, fields) in rows {
            let position = RecordPosition(file: path, line: line)
            guard fields.count >= 4 else {
                problems.add(ImportProblem(position, expected: "expected four columns: field,value,kind|owner,target"))
                continue
            }
            let rule = Rule(field: ImportRecord.normalise(fields[0]), value: Self.key(fields[1]),
                            target: fields[3].trimmingCharacters(in: .whitespaces))
            switch fields[2].trimmingCharacters(in: .whitespaces).lowercased() {
            case "kind":
                if let kind = FacilityKind(parsing: rule.target) { kindRules.append(Rule(field: rule.field, value: rule.value, target: kind.rawValue)) } else {
                    problems.add(ImportProblem(position, field: "target", value: rule.target, expected: "expected one of \(FacilityKind.expectedDescription)"))
                }
            case "owner":
                if let owner = OwnerClass(parsing: rule.target) { ownerRules.append(Rule(field: rule.field, value: rule.value, target: owner.rawValue)) } else {
                    problems.add(ImportProblem(position, field: "target", value: rule.target,
                                               expected: "expected municipal, education, regional, state, private or unknown"))
                }
            case let other:
                problems.add(ImportProblem(position, field: "target_type", value: other, expected: "expected kind or owner"))
            }
        }
        try problems.throwIfAny()
    }

    /// The rows of the file (a header line `field,value,target_type,target` is skipped).
    private static func rows(_ path: String) throws(CSVError) -> [(line: Int, fields: [String])] {
        let reader = try CSVReader(path: path)
        let header = reader.header.map(ImportRecord.normalise)
        var rows: [(line: Int, fields: [String])] = header.first == "field" ? [] : [(1, reader.header)]
        while let record = try reader.next() { rows.append((record.line, record.fields)) }
        return rows
    }

    static func key(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    var isEmpty: Bool { kindRules.isEmpty && ownerRules.isEmpty }

    /// The kind the first matching rule gives `fields`, if any.
    func kind(for fields: [String: String]) -> FacilityKind? {
        first(kindRules, fields).flatMap(FacilityKind.init(rawValue:))
    }

    /// The owner the first matching rule gives `fields`, if any.
    func owner(for fields: [String: String]) -> OwnerClass? {
        first(ownerRules, fields).flatMap(OwnerClass.init(rawValue:))
    }

    private func first(_ rules: [Rule], _ fields: [String: String]) -> String? {
        for rule in rules {
            if let value = fields[rule.field], Self.key(value) == rule.value { return rule.target }
        }
        return nil
    }
}
