import Testing
import Facilities
import GeoTypes

@Suite("Facilities, owners and settlements")
struct FacilityTests {
    @Test("Owners follow the order of section 21 stk. 1: municipal, education, regional, state, private")
    func statutoryOrder() {
        let order: [OwnerClass] = [.private, .state, .municipal, .regional, .education]
        #expect(order.sorted() == [.municipal, .education, .regional, .state, .private])
    }

    @Test("Danish owner words parse", arguments: [("kommunal", OwnerClass.municipal), ("Region", .regional),
                                                 ("statslig", .state), ("selvejende", .private), ("uddannelse", .education)])
    func ownerWords(text: String, owner: OwnerClass) {
        #expect(OwnerClass(parsing: text) == owner)
    }

    @Test("A facility without listed rooms is one bookable room with its own id, capacity and hours")
    func implicitRoom() {
        let hall = Facility(id: "f1", name: "Sebbersund Forsamlingshus", kind: .villageHall,
                            location: Coordinate(lon: 9.57, lat: 56.96), capacity: 80,
                            openingHours: "Mo-Fr 17:00-22:00", disabilitySuited: true)
        let room = hall.implicitRoom
        #expect(room.id == "f1" && room.facilityID == "f1")
        #expect(room.capacity == 80)
        #expect(room.openingHours == "Mo-Fr 17:00-22:00")
        #expect(room.name == hall.name)
        #expect(room.disabilitySuited)
        #expect(room.accessibility == nil, "the room inherits the facility's accessibility")
    }

    @Test("A settlement is rural below the threshold of 3 000 residents, which can be changed",
          arguments: [(2_999.0, RuralRule.defaultThreshold, true), (3_000, RuralRule.defaultThreshold, false),
                      (1_500, 1_000, false), (800, 1_000, true)])
    func settlementRural(population: Double, threshold: Double, rural: Bool) {
        let s = Settlement(id: "s", name: "Nibe", location: Coordinate(lon: 9.64, lat: 56.98), population: population)
        #expect(s.isRural(threshold: threshold) == rural)
    }
}
