import Facilities
import Foundation
import GeoTypes
import Scheduling
import Testing
@testable import Analysis

@Suite("Weekly slot helpers for the allocation round")
struct WeeklySlotAllocationTests {
    @Test("Clock times parse for local rules", arguments: [
        ("20:00", 1200 as Int?), ("7:30", 450), ("24:00", 1440), ("24:30", nil), ("20.00", nil), ("20:0", nil), ("x", nil),
    ])
    func minutes(text: String, minutes: Int?) {
        #expect(WeeklySlot.allocationMinutes(text) == minutes)
    }

    @Test("Slots print their times and hours")
    func texts() throws {
        let slot = try WeeklySlot(parsing: "Su 22:30-24:00")
        #expect(slot.allocationStartText == "22:30")
        #expect(slot.allocationEndText == "24:00")
        #expect(slot.allocationHours == 1.5)
        #expect(slot.allocationWithinDay)
        #expect(try !WeeklySlot(parsing: "Fr 22:00-01:00").allocationWithinDay)
        #expect(try slot.allocationOverlaps(WeeklySlot(parsing: "Su 23:00-23:30")))
        #expect(try !slot.allocationOverlaps(WeeklySlot(parsing: "Sa 23:00-23:30")))
        #expect(try !slot.allocationOverlaps(WeeklySlot(parsing: "Su 20:00-22:30")))
    }
}

@Suite("Application parser")
struct ApplicationParserTests {
    let settlements = [
        Settlement(id: "gn-1", name: "Nibe", location: Coordinate(lon: 9.63917, lat: 56.9815), population: 5433),
        Settlement(id: "v-halkaer", name: "Halkær", location: Coordinate(lon: 9.66, lat: 56.93), population: 120),
    ]

    static let csv = """
        id,association,activity,participants,slots,kinds,wheelchair,step_free,equipment,settlement,max_distance,submitted,facility,tags
        a1,"Klubben, børnehold",children,25,Tu 17:00-19:00|Th 17:00-19:00,sports_hall|school,yes,true,sports_floor|Kitchen,Nibe,8km,2026-02-03,nibe-hallen,elite
        a2,Seniorer,adults,12,We 14:00-16:00,,,,,Halkær,500 m,2026-02-04T10:30,,
        """

    @Test("CSV rows become applications with every optional field")
    func csv() throws {
        let apps = try ApplicationParser.parse(Self.csv, settlements: settlements)
        #expect(apps.count == 2)
        let a1 = apps[0]
        #expect(a1.association == "Klubben, børnehold")
        #expect(a1.activity == .children)
        #expect(a1.slots.map(\.description) == ["Tu 17:00-19:00", "Th 17:00-19:00"])
        #expect(a1.kinds == [.sportsHall, .school])
        #expect(a1.wheelchair == .yes)
        #expect(a1.stepFree)
        #expect(a1.equipment == ["sports_floor", "kitchen"])
        #expect(a1.home == settlements[0].location)
        #expect(a1.rural == false)
        #expect(a1.maxDistanceMetres == 8_000)
        #expect(a1.submitted == (try LocalDateTime(parsing: "2026-02-03")))
        #expect(a1.preferredFacility == "nibe-hallen")
        #expect(a1.tags == ["elite"])
        #expect(apps[1].rural == true)
        #expect(apps[1].maxDistanceMetres == 500)
        #expect(apps[1].submitted == (try LocalDateTime(parsing: "2026-02-04T10:30")))
    }

    @Test("Semicolon-separated CSV with a BOM and CRLF reads the same")
    func semicolons() throws {
        let text = "\u{FEFF}" + Self.csv.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(of: "\"Klubben; børnehold\"", with: "\"Klubben, børnehold\"")
            .replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ApplicationParser.parse(text, settlements: settlements) == ApplicationParser.parse(Self.csv, settlements: settlements))
    }

    @Test("JSON with arrays or |-strings gives the same applications as CSV")
    func json() throws {
        let json = """
            {"applications": [
              {"id": "a1", "association": "Klubben, børnehold", "activity": "children", "participants": 25,
               "slots": ["Tu 17:00-19:00", "Th 17:00-19:00"], "kinds": ["sports_hall", "school"], "wheelchair": "yes",
               "step_free": true, "equipment": "sports_floor|Kitchen", "settlement": "Nibe", "max_distance": "8km",
               "submitted": "2026-02-03", "facility": "nibe-hallen", "tags": ["elite"]},
              {"id": "a2", "association": "Seniorer", "activity": "adults", "participants": 12,
               "slots": "We 14:00-16:00", "settlement": "v-halkaer", "max_distance": 500, "submitted": "2026-02-04T10:30"}
            ]}
            """
        #expect(try ApplicationParser.parse(json, settlements: settlements) == ApplicationParser.parse(Self.csv, settlements: settlements))
    }

    @Test("Bad fields are reported with line and field", arguments: [
        ("a1,X,seniors,10,Tu 19:00-21:00", 2, "activity"),
        ("a1,X,adults,ten,Tu 19:00-21:00", 2, "participants"),
        ("a1,X,adults,10,Tu 21:00-19:00x", 2, "slots"),
        ("a1,X,adults,10,Fr 22:00-01:00", 2, "slots"),
        ("a1,X,adults,10,Tuesday 19:00-21:00", 2, "slots"),
        ("a1,X,adults,10,", 2, "slots"),
        ("a1,X,adults,10,Tu 19:00-21:00,castle", 2, "kinds"),
        ("a1,X,adults,10,Tu 19:00-21:00,,maybe", 2, "wheelchair"),
        ("a1,X,adults,10,Tu 19:00-21:00,,,,,Atlantis", 2, "settlement"),
        ("a1,X,adults,10,Tu 19:00-21:00,,,,,,8 miles", 2, "max_distance"),
        ("a1,X,adults,10,Tu 19:00-21:00,,,,,,8km", 2, "max_distance"),
        ("a1,X,adults,10,Tu 19:00-21:00,,,,,,,03/02/2026", 2, "submitted"),
    ])
    func badField(row: String, line: Int, field: String) {
        let text = "id,association,activity,participants,slots,kinds,wheelchair,step_free,equipment,settlement,max_distance,submitted\n" + row
        #expect {
            _ = try ApplicationParser.parse(text, settlements: settlements)
        } throws: { error in
            guard case let .invalidField(l, f, _, _) = error as? AllocationInputError else { return false }
            return l == line && f == field
        }
    }

    @Test("A missing required column, an unclosed quote and bad JSON are file errors", arguments: [
        "id,association,activity,participants\na1,X,adults,10",
        "id,association,activity,participants,slots\na1,\"X,adults,10,Tu 19:00-21:00",
        "[{\"id\": ",
    ])
    func malformedFile(text: String) {
        #expect {
            _ = try ApplicationParser.parse(text)
        } throws: { error in
            if case .malformedFile = error as? AllocationInputError { return true }
            return false
        }
    }

    @Test("Distances with and without units", arguments: [("8km", 8_000.0), ("1.5 km", 1_500), ("500m", 500), ("250", 250)])
    func distances(text: String, metres: Double) {
        #expect(ApplicationParser.metres(parsing: text) == metres)
    }

    @Test("The sample applications file parses with the sample settlements")
    func sampleFile() throws {
        let text = try String(contentsOf: AllocationSamplePaths.applications, encoding: .utf8)
        let apps = try ApplicationParser.parse(text, settlements: AllocationFixtures.sampleSettlements())
        #expect(apps.count == 40)
        #expect(apps.allSatisfy { $0.home != nil && $0.rural != nil && !$0.slots.isEmpty })
        #expect(Set(apps.map(\.activity)) == Set(ActivityClass.allCases))
    }
}

import TestSupport
enum AllocationSamplePaths {
    static let applications = TestSupport.sampleFile("applications.csv")
}
