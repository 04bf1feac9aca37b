import Foundation

/// Writes results: one JSON object per line on stdout, and a table on stderr.
final class BenchReport {
    let suite: String
    let options: BenchArguments
    let machine = Machine.current()
    private var header: [String] = []
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    init(suite: String, options: BenchArguments) {
        self.suite = suite
        self.options = options
        printError("overblik-bench \(suite): \(machine.system) \(machine.release) \(machine.hardware), "
                   + "\(machine.cores) cores, \(machine.swiftBuild) build, seed \(options.seed), "
                   + "sizes \(options.sizes.map(String.init).joined(separator: ",")), queries \(options.queries)")
    }

    /// A result line: the case's own fields plus suite, machine, seed and sizes.
    struct Record<Fields: Encodable>: Encodable {
        var suite: String
        var machine: Machine
        var seed: UInt64
        var sizes: [Int]
        var queries: Int
        var result: Fields
    }

    /// Emits one record as a JSON line on stdout.
    func emit<Fields: Encodable>(_ fields: Fields) {
        let record = Record(suite: suite, machine: machine, seed: options.seed, sizes: options.sizes,
                            queries: options.queries, result: fields)
        guard let data = try? encoder.encode(record) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Starts the stderr table with column titles.
    func tableHeader(_ columns: [String]) {
        header = columns
        printError(row(columns))
        printError(String(repeating: "-", count: row(columns).count))
    }

    /// One row of the stderr table.
    func tableRow(_ cells: [String]) {
        printError(row(cells))
    }

    private func row(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            let width = max(i == 0 ? 22 : 11, header.indices.contains(i) ? header[i].count : 0)
            return String(repeating: " ", count: max(0, width - c.count)) + c
        }.joined(separator: " ")
    }
}

/// Formats a number with a fixed count of decimals.
func fixed(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
}
