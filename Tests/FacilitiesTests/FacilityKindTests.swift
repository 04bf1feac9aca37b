import Testing
import Facilities

@Suite("Facility kinds")
struct FacilityKindTests {
    @Test("Canonical names, Danish names and spelling variants parse to the kind",
          arguments: [("village_hall", FacilityKind.villageHall), ("Forsamlingshus", .villageHall),
                      (" idrætshal ", .sportsHall), ("idraetshal", .sportsHall), ("sports hall", .sportsHall),
                      ("activity-centre", .activityCentre), ("Bibliotek", .library), ("KULTURHUS", .cultureHouse),
                      ("frivillighus", .volunteerHouse), ("ungdomsklub", .youthClub), ("andet", .other)])
    func parses(text: String, kind: FacilityKind) {
        #expect(FacilityKind(parsing: text) == kind)
    }

    @Test("Unknown words are not guessed", arguments: ["", "restaurant", "hall of fame", "skolen"])
    func refusesUnknown(text: String) {
        #expect(FacilityKind(parsing: text) == nil)
    }

    @Test("Every kind parses from its own raw value")
    func rawValuesRoundTrip() {
        for kind in FacilityKind.allCases { #expect(FacilityKind(parsing: kind.rawValue) == kind) }
    }

    @Test("OpenStreetMap tags map onto kinds, amenity before leisure before building",
          arguments: [(["amenity": "community_centre"], FacilityKind.villageHall),
                      (["amenity": "library", "building": "school"], .library),
                      (["leisure": "sports_centre"], .sportsHall),
                      (["building": "civic"], .villageHall),
                      (["club": "sport"], .clubhouse)])
    func osmTags(tags: [String: String], kind: FacilityKind) {
        #expect(FacilityKind(osmTags: tags) == kind)
    }

    @Test("Tags of shops, benches and restaurants map to no kind")
    func osmTagsWithoutKind() {
        #expect(FacilityKind(osmTags: ["amenity": "restaurant"]) == nil)
        #expect(FacilityKind(osmTags: ["amenity": "bench"]) == nil)
        #expect(FacilityKind(osmTags: ["shop": "bakery", "building": "yes"]) == nil)
    }
}
