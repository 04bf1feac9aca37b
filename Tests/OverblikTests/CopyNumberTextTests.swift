import Foundation
import NIOCore
import Testing
import TestSupport
@testable import PostgresStore

/// The numbers of a COPY row are written as digits straight into the buffer (``DecimalText``);
/// whatever the path, the text must read back as exactly the `Double` that was written.
@Suite("Numbers in COPY rows")
struct CopyNumberTextTests {
    /// Values at the edges of the decimal path: exact decimals, values no short decimal holds,
    /// the limits of the scaled range, signs, zeros and values outside the range.
    static let edges: [Double] = [
        0, -0.0, 1, -1, 4, 0.5, 57.046675, 9.978742, -179.999999999, 0.000000001, 0.0000000015, 1e-10,
        0.1 + 0.2, 1.0 / 3, 9_007_199.254740991, 8_999_999.999999999, 9e6, 9_000_000.5, 1e16, -1e300,
        .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123456789.123, 12.3456789012345, .pi,
    ]

    static func field(_ value: Double) -> String {
        var rows = CopyText()
        rows.double(value)
        rows.endRow()
        let buffer = rows.finished()[0]
        return String(buffer: buffer).dropLast().description
    }

    @Test("every edge value is written as text that reads back bit for bit", arguments: edges)
    func edgeValuesReadBack(value: Double) throws {
        let text = Self.field(value)
        let read = try #require(Double(text), "\(text) is not a number")
        #expect(read.bitPattern == value.bitPattern, "\(value) was written as \(text)")
    }

    @Test("exact decimals are written as their shortest digits, others as Swift's shortest text")
    func decimalsAreShort() {
        #expect(Self.field(57.046675) == "57.046675")
        #expect(Self.field(-9.5) == "-9.5")
        #expect(Self.field(4) == "4")
        #expect(Self.field(0.000000001) == "0.000000001")
        #expect(Self.field(-0.0) == "-0.0")
        #expect(Self.field(0.1 + 0.2) == "0.30000000000000004")
        #expect(Self.field(1e16) == "1e+16")
    }

    @Test("200 000 seeded random values, decimals and arbitrary bit patterns, read back bit for bit")
    func randomValuesReadBack() throws {
        var generator = SeededGenerator(seed: 21)
        var values: [Double] = []
        while values.count < 200_000 {
            if values.count % 2 == 0 {
                let whole = Double(Int64(bitPattern: generator.next()) % 200_000_000_000_000)
                values.append(whole / pow(10, Double(generator.next() % 10)))
            } else {
                let value = Double(bitPattern: generator.next())
                if value.isFinite { values.append(value) }
            }
        }
        var rows = CopyText()
        for value in values { rows.double(value); rows.endRow() }
        let lines = rows.finished().map { String(buffer: $0) }.joined().split(separator: "\n")
        #expect(lines.count == values.count)
        let failures = zip(values, lines).filter { Double(String($1))?.bitPattern != $0.bitPattern }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("integers are written as their decimal digits", arguments: [0, 7, -7, 1_234_567, Int.max, Int.min])
    func integers(value: Int) {
        var rows = CopyText()
        rows.int(value)
        rows.bool(true)
        rows.endRow()
        #expect(String(buffer: rows.finished()[0]) == "\(value)\tt\n")
    }
}
