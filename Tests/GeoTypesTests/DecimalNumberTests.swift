import Testing
import TestSupport
@testable import GeoTypes

/// ``DecimalNumber/parse(_:)`` computes short decimals itself (digits over a power of ten) and
/// leaves the rest to `strtod`; either way it must give exactly the `Double` Swift's own parser
/// gives, and refuse what is not a strict decimal.
@Suite("Strict decimal numbers")
struct DecimalNumberTests {
    static let texts = [
        "0", "-0", "-0.0", "+4", "9.978742", "-179.999999999", "57.046675", ".5", "5.", "0.1", "0.3",
        "123456789012345", "1234567890123456", "0.000000000000001", "999999999999999.9", "1e-3", "-2.5E+2",
        "00000000000012.5", "9007199254740993", "0.30000000000000004",
    ]

    @Test("short and long decimals give Swift's Double bit for bit", arguments: texts)
    func edges(text: String) throws {
        let parsed = try #require(DecimalNumber.parse(text))
        #expect(parsed.bitPattern == Double(text)!.bitPattern)
    }

    @Test("what is not a strict decimal is refused", arguments: ["", "-", ".", "1.2.3", "0x1p3", "nan", "inf", "1e", " 1", "1 ", "--1", "1-"])
    func refused(text: String) {
        #expect(DecimalNumber.parse(text) == nil)
    }

    @Test("200 000 seeded random decimals of 1 to 17 digits give Swift's Double bit for bit")
    func randomDecimals() {
        var generator = SeededGenerator(seed: 2119)
        var differing: [String] = []
        for _ in 0..<200_000 {
            let digits = 1 + Int(generator.next() % 17)
            var text = generator.next() % 2 == 0 ? "-" : ""
            let point = Int(generator.next() % UInt64(digits + 1))
            for i in 0..<digits {
                if i == point { text += "." }
                text += String(generator.next() % 10)
            }
            if let parsed = DecimalNumber.parse(text), parsed.bitPattern == Double(text)?.bitPattern { continue }
            differing.append(text)
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}
