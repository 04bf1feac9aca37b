import Formats
import Testing

/// Inputs the fuzzer found, kept so that the fixed bugs stay fixed.
@Suite("Fuzz findings, as regression tests")
struct FuzzRegressionTests {
    /// Found by `FuzzTests` (csv, seed 20261127, iteration 62): a lone CR ended a record without
    /// counting a line, so two records reported the same line. Fixed in CSVCursor.
    @Test("a lone carriage return is a line break for line numbers", arguments: [
        ([97, 44, 98, 44, 99, 13, 10, 49, 44, 50, 44, 51, 13, 10, 13, 10, 49, 44, 50, 44, 51, 13, 52, 44, 53, 44, 54] as [UInt8], [2, 4, 5]),
        (Array("a\r1\r\r2\r\n3\n4".utf8), [2, 4, 5, 6]),
    ])
    func loneCarriageReturn(bytes: [UInt8], lines: [Int]) throws {
        let reader = try CSVReader(bytes: bytes)
        #expect(try reader.readAll().map(\.line) == lines)
    }
}
