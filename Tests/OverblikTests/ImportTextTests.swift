import Foundation
import Testing
@testable import Facilities
@testable import Overblik

/// The import's fast paths for trimming values and normalising field names give exactly what the
/// Foundation calls they stand in for give.
@Suite("Import text normalisation")
struct ImportTextTests {
    static let samples = [
        "", " ", "a", " a", "a ", "\ta\n", "Hus 1", "Vej 3, 9000 Aalborg", "\u{A0}nbsp\u{A0}", "\u{2028}x\u{2029}",
        "\u{3000}ideographic", "æøå", " æøå ", "x\u{85}", "\u{85}x", "\u{FEFF}bom", "\r\n", "\u{B}v\u{C}", "tab\tinside",
        "😀", " 😀", "A\u{030A}", "\u{0301}", "Name", " NAME ", "opening_hours", "Opening Hours", "İstanbul", "ID",
    ]

    @Test("trimmed equals trimmingCharacters(in: .whitespacesAndNewlines)")
    func trimmedMatchesFoundation() {
        for s in Self.samples {
            #expect(ImportRecord.trimmed(s) == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
        }
    }

    @Test("normalise equals trimming and lower-casing")
    func normaliseMatchesFoundation() {
        for s in Self.samples {
            #expect(ImportRecord.normalise(s) == s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "\(s.debugDescription)")
        }
    }

    @Test("kind parsing: raw values directly, and the normalised forms as before")
    func kinds() {
        for kind in FacilityKind.allCases {
            #expect(FacilityKind(parsing: kind.rawValue) == kind)
            #expect(FacilityKind(parsing: " " + kind.rawValue.uppercased().replacingOccurrences(of: "_", with: " ") + " ") == kind)
        }
        #expect(FacilityKind(parsing: "no such kind") == nil)
    }
}
