import Testing
import Facilities

@Suite("Accessibility facts")
struct AccessibilityFactTests {
    @Test("Tri-state facts read yes/no/unknown in English and Danish, and unknown stays unknown",
          arguments: [("yes", TriState.yes), ("Ja", .yes), ("1", .yes), ("designated", .yes), ("nej", .no), ("false", .no),
                      ("", .unknown), ("ukendt", .unknown), ("?", .unknown)])
    func triState(text: String, value: TriState) {
        #expect(TriState(parsing: text) == value)
    }

    @Test("A tri-state value that is neither yes, no nor unknown is refused", arguments: ["maybe", "2", "yes please"])
    func triStateRefuses(text: String) {
        #expect(TriState(parsing: text) == nil)
    }

    @Test("wheelchair=yes requires yes or designated; limited also accepts limited; unknown satisfies nothing")
    func wheelchairRequirement() {
        let accepted: [WheelchairRequirement: Set<WheelchairAccess>] = [
            .yes: [.yes, .designated], .limited: [.yes, .designated, .limited],
        ]
        for requirement in WheelchairRequirement.allCases {
            for value in WheelchairAccess.allCases {
                #expect(value.satisfies(requirement) == accepted[requirement]!.contains(value), "\(value) for \(requirement)")
            }
        }
    }

    @Test("Danish wheelchair words parse", arguments: [("delvis", WheelchairAccess.limited), ("begrænset", .limited),
                                                         ("ja", .yes), ("nej", .no), ("", .unknown)])
    func wheelchairWords(text: String, value: WheelchairAccess) {
        #expect(WheelchairAccess(parsing: text) == value)
    }

    @Test("A new accessibility record knows nothing: every fact unknown, no labels, never checked")
    func unknownByDefault() {
        let a = Accessibility()
        #expect(a == .unknown)
        #expect([a.toiletsWheelchair, a.stepFree, a.ramp, a.elevator, a.hearingLoop, a.parkingAccessible].allSatisfy { $0 == .unknown })
        #expect(a.wheelchair == .unknown && a.godAdgang.isEmpty && a.checked == nil)
    }
}
