import Foundation
import Testing
import TestSupport
@testable import GeoTypes

/// ``DecimalNumber/parse(_:)`` reads short plain decimals without strtod (Clinger's fast path):
/// every value must be bit for bit the one `Double(_:)` gives, and everything else keeps the
/// general path's answer.
@Suite("Decimal numbers")
struct DecimalNumberTests {
    @Test("short decimals are read bit for bit as Double(_:) reads them", arguments: [UInt64(1), 2, 3, 4])
    func sameBits(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0 ..< 50_000 {
            // Up to 15 digits, the point anywhere (or nowhere), a sign now and then.
            let digits = Int(g.next() % 15) + 1
            var text = String((0 ..< digits).map { _ in Character(String(g.next() % 10)) })
            if g.next() % 4 != 0 {
                let at = Int(g.next() % UInt64(digits + 1))
                text.insert(".", at: text.index(text.startIndex, offsetBy: at))
            }
            if g.next() % 3 == 0 { text = (g.next() % 2 == 0 ? "-" : "+") + text }
            let expected = Double(text)!
            let parsed = DecimalNumber.parse(text)
            #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
            if parsed?.bitPattern != expected.bitPattern { return }
        }
    }

    @Test("edge cases give the general path's answer", arguments: [
        "0", "-0", "-0.0", "+0.0", ".5", "5.", "-.5", "0.1", "0.2", "0.3", "9.994085", "57.030749", "-179.999999999999",
        "123456789012345", "1234567890123456", "0.000000000000001", "12345678901234567890", "1e3", "1E-3", "2.5e+10",
        "", ".", "-", "+", "..1", "1.2.3", "1,5", " 1", "1 ", "0x1p3", "nan", "inf", "1e400", "--1", "٣",
    ])
    func edgeCases(text: String) {
        let general: Double? = {
            var t = text
            guard t.withUTF8({ DecimalNumber.isDecimal($0) }), let v = Double(t), v.isFinite else { return nil }
            return v
        }()
        #expect(DecimalNumber.parse(text)?.bitPattern == general?.bitPattern)
    }
}
