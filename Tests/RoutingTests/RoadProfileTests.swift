import Routing
import Testing

@Suite("Road profiles follow DESIGN.md")
struct RoadProfileTests {
    struct Case: Sendable, CustomStringConvertible {
        var tags: [String: String]
        var mode: TravelMode
        /// nil: not usable; else (forward, backward, km/h).
        var expected: (Bool, Bool, Double)?
        var description: String { "\(mode) \(tags.sorted { $0.key < $1.key })" }
    }

    static let cases: [Case] = [
        Case(tags: ["highway": "residential"], mode: .walk, expected: (true, true, 5)),
        Case(tags: ["highway": "motorway"], mode: .walk, expected: nil),
        Case(tags: ["highway": "platform"], mode: .walk, expected: nil),
        Case(tags: ["highway": "footway", "foot": "no"], mode: .walk, expected: nil),
        Case(tags: ["highway": "service", "access": "private"], mode: .walk, expected: nil),
        Case(tags: ["highway": "service", "access": "private", "foot": "permissive"], mode: .walk, expected: (true, true, 5)),
        Case(tags: ["highway": "pedestrian", "area": "yes"], mode: .walk, expected: nil),
        Case(tags: ["highway": "primary", "oneway": "yes"], mode: .walk, expected: (true, true, 5)),
        Case(tags: ["highway": "footway"], mode: .bike, expected: nil),
        Case(tags: ["highway": "footway", "bicycle": "designated"], mode: .bike, expected: (true, true, 16)),
        Case(tags: ["highway": "cycleway", "bicycle": "no"], mode: .bike, expected: nil),
        Case(tags: ["highway": "track", "access": "no", "bicycle": "permissive"], mode: .bike, expected: (true, true, 16)),
        Case(tags: ["highway": "trunk"], mode: .bike, expected: nil),
        Case(tags: ["highway": "residential", "oneway": "yes"], mode: .bike, expected: (true, false, 16)),
        Case(tags: ["highway": "residential", "oneway": "yes", "oneway:bicycle": "no"], mode: .bike, expected: (true, true, 16)),
        Case(tags: ["highway": "residential", "oneway": "-1", "cycleway": "opposite_lane"], mode: .bike, expected: (true, true, 16)),
        Case(tags: ["highway": "primary", "junction": "roundabout"], mode: .bike, expected: (true, false, 16)),
        Case(tags: ["highway": "motorway"], mode: .car, expected: (true, false, 110)),
        Case(tags: ["highway": "motorway", "oneway": "no"], mode: .car, expected: (true, true, 110)),
        Case(tags: ["highway": "motorway_link", "maxspeed": "DK:motorway"], mode: .car, expected: (true, false, 130)),
        Case(tags: ["highway": "tertiary", "junction": "roundabout"], mode: .car, expected: (true, false, 50)),
        Case(tags: ["highway": "residential", "oneway": "-1"], mode: .car, expected: (false, true, 30)),
        Case(tags: ["highway": "residential", "oneway": "true", "maxspeed": "40"], mode: .car, expected: (true, false, 40)),
        Case(tags: ["highway": "secondary", "maxspeed": "DK:rural"], mode: .car, expected: (true, true, 80)),
        Case(tags: ["highway": "secondary", "maxspeed": "30 mph"], mode: .car, expected: (true, true, 60)),
        Case(tags: ["highway": "living_street"], mode: .car, expected: (true, true, 10)),
        Case(tags: ["highway": "service", "access": "private"], mode: .car, expected: nil),
        Case(tags: ["highway": "unclassified", "motorcar": "no"], mode: .car, expected: nil),
        Case(tags: ["highway": "residential", "motor_vehicle": "no"], mode: .car, expected: nil),
        Case(tags: ["highway": "track"], mode: .car, expected: nil),
        Case(tags: ["highway": "cycleway"], mode: .car, expected: nil),
    ]

    @Test("a way's tags give the directions and speed the profile names", arguments: cases)
    func usage(_ c: Case) {
        let usage = RoadProfile.usage(of: c.tags, for: c.mode)
        guard let (forward, backward, kmh) = c.expected else {
            #expect(usage == nil)
            return
        }
        #expect(usage?.forward == forward)
        #expect(usage?.backward == backward)
        #expect(abs((usage?.metresPerSecond ?? 0) - kmh / 3.6) < 1e-12)
    }

    @Test("only the keys the profiles name decide a way's use: the import may drop every other tag", arguments: cases)
    func keysDecide(_ c: Case) {
        var noisy = c.tags
        for (k, v) in ["name": "Mannerheimintie", "surface": "asphalt", "lanes": "2", "lit": "yes"] { noisy[k] = v }
        let kept = noisy.filter { RoadProfile.keys.contains($0.key) }
        #expect(kept == c.tags)
        let full = RoadProfile.usage(of: noisy, for: c.mode), filtered = RoadProfile.usage(of: kept, for: c.mode)
        #expect(full?.forward == filtered?.forward && full?.backward == filtered?.backward
                && full?.metresPerSecond == filtered?.metresPerSecond && (full == nil) == (filtered == nil))
    }
}
