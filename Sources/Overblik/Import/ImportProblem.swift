/// Where a record came from: a file and a line (CSV) or a feature index (GeoJSON, Shapefile).
public struct RecordPosition: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line of a CSV record.
    public var line: Int?
    /// 0-based index of a feature or Shapefile record.
    public var feature: Int?
    /// The element's own name in its source, when it has one (`node/123` in OpenStreetMap).
    public var element: String?

    public init(file: String, line: Int? = nil, feature: Int? = nil, element: String? = nil) {
        self.file = file
        self.line = line
        self.feature = feature
        self.element = element
    }

    public var description: String {
        if let element { return "\(file): \(element)" }
        if let line { return "\(file):\(line)" }
        if let feature { return "\(file): feature \(feature)" }
        return file
    }
}

/// One thing wrong with an input file: where, which field, which value, and what was expected.
public struct ImportProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var position: RecordPosition
    public var field: String?
    public var value: String?
    public var expected: String

    public init(_ position: RecordPosition, field: String? = nil, value: String? = nil, expected: String) {
        self.position = position
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String {
        var text = position.description
        if let field { text += ": field '\(field)'" }
        if let value { text += ": value '\(value.prefix(80))'" }
        return text + ": " + expected
    }
}

/// An import that was refused as a whole. Nothing was written.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// The first problems found (up to ``ImportError/reportLimit``), in file order.
    public var problems: [ImportProblem]
    /// How many problems there were in all.
    public var total: Int

    /// How many problems are kept and shown.
    public static let reportLimit = 50

    public init(problems: [ImportProblem], total: Int? = nil) {
        self.problems = Array(problems.prefix(Self.reportLimit))
        self.total = total ?? problems.count
    }

    public var description: String {
        var lines = ["import refused, nothing was written: \(total) problem\(total == 1 ? "" : "s")"]
        lines += problems.map { "  " + $0.description }
        if total > problems.count { lines.append("  ... and \(total - problems.count) more") }
        return lines.joined(separator: "\n")
    }
}

/// Collects problems during an import, keeping the first ``ImportError/reportLimit``.
struct ProblemCollector {
    private(set) var problems: [ImportProblem] = []
    private(set) var total = 0

    mutating func add(_ problem: ImportProblem) {
        total += 1
        if problems.count < ImportError.reportLimit { problems.append(problem) }
    }

    /// Counts `n` more problems that are not kept (beyond the report limit).
    mutating func addCount(_ n: Int) { total += max(0, n) }

    var isEmpty: Bool { total == 0 }

    func throwIfAny() throws(ImportError) {
        if total > 0 { throw ImportError(problems: problems, total: total) }
    }
}
