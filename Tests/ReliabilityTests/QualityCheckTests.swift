import Facilities
import Foundation
import Fuzzing
import GeoTypes
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

@Suite("Data-quality check")
struct QualityCheckTests {
    static let now = try! LocalDateTime(parsing: "2026-11-27T09:00")

    /// A store with districts and six facilities, each made to show (or not show) one problem.
    static func store() throws -> Overblik {
        let (o, _) = try freshStore("quality")
        _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        let csv = """
        id,name,kind,lon,lat,opening_hours,wheelchair,checked
        F1,Nibe Forsamlingshus,village_hall,9.927590,57.047257,Mo-Fr 17:00-22:00,yes,2025-01-01
        F2,Nibe forsamlings-hus,village_hall,9.927590,57.047347,,yes,2025-06-01
        F3,Hasseris Skole,school,9.927700,57.047257,off,yes,2024-02-29
        F4,Københavnerhuset,clubhouse,12.5683,55.6761,,,
        F5,Gammel Hal,sports_hall,9.95,57.03,Sa 10:00-12:00,limited,2019-01-01
        F6,Gammel Hal,sports_hall,9.96,57.03,Sa 10:00-12:00,no,2021-11-27
        """
        _ = try o.importFile(.facilities, at: try TestSupport.writeTemporary(csv, name: "q.csv").path)
        // The importer refuses bad opening_hours; data written by other tools (or older versions) may have it.
        try o.store.database.run("UPDATE facilities SET opening_hours = 'Mo-Xy 10:00-12:00' WHERE id = 'F4'")
        func booking(_ room: String, _ from: String, _ to: String) throws {
            let s = try LocalDateTime(parsing: from), e = try LocalDateTime(parsing: to)
            _ = try o.store.write {
                try o.store.insert(booking: StoredBooking(roomID: room, startLocal: from, endLocal: to,
                                                          startUTC: CopenhagenTime.instant(of: s).secondsSince1970,
                                                          endUTC: CopenhagenTime.instant(of: e).secondsSince1970,
                                                          holder: "Forening \(from)"), createdUTC: 0)
            }
        }
        try booking("F1", "2026-12-01T18:00", "2026-12-01T20:00")   // inside Tuesday 17-22
        try booking("F1", "2026-12-01T21:00", "2026-12-01T23:00")   // runs past closing
        try booking("F1", "2026-12-05T10:00", "2026-12-05T12:00")   // a Saturday
        try booking("F5", "2026-12-05T10:00", "2026-12-05T12:00")   // inside Saturday 10-12
        return o
    }

    @Test("every kind of problem is found on the facility that has it, and only there")
    func findsEachProblem() throws {
        let o = try Self.store()
        let report = try o.checkQuality(QualityOptions(now: Self.now))
        func ids(_ kind: QualityProblem.Kind) -> [String] { report.problems.filter { $0.kind == kind }.map(\.id) }
        #expect(ids(.outsideDistricts) == ["F4"])
        #expect(ids(.wheelchairUnknown) == ["F4"])
        // Cutoff 2021-11-27: F6 checked exactly then is not stale; F5 (2019) is, F4 never was.
        #expect(ids(.accessibilityStale) == ["F4", "F5"])
        // F1/F2: 10 m apart, same name after normalising. F3 is 7 m from F1 but another name; F5/F6 share a name 600 m apart.
        let duplicates = report.problems.filter { $0.kind == .likelyDuplicate }
        #expect(duplicates.map { [$0.id, $0.relatedID ?? ""] } == [["F1", "F2"]])
        #expect(ids(.noAvailability) == ["F2"])
        #expect(ids(.unparsableAvailability) == ["F4"])
        #expect(ids(.neverOpen) == ["F3"])
        let outside = report.problems.filter { $0.kind == .bookingOutsideAvailability }
        #expect(outside.count == 2)
        #expect(outside.allSatisfy { $0.relatedID == "F1" })
        #expect(Set(outside.map(\.detail)).allSatisfy { $0.contains("2026-12-01T21:00") || $0.contains("2026-12-05T10:00") })
        #expect(report.counts.values.reduce(0, +) == report.problems.count)
        #expect(report.examined.facilities == 6 && report.examined.bookings == 4)
    }

    @Test("a clean store reports nothing")
    func cleanStore() throws {
        let (o, _) = try freshStore("clean")
        let csv = "id,name,kind,lon,lat,opening_hours,wheelchair,checked\nA,Nibe Hallen,sports_hall,9.64,56.98,Mo-Su 08:00-22:00,yes,2026-01-05\n"
        _ = try o.importFile(.facilities, at: try TestSupport.writeTemporary(csv, name: "c.csv").path)
        let report = try o.checkQuality(QualityOptions(now: Self.now))
        #expect(report.isClean, "\(report.problems)")
    }

    @Test("the stale limit follows --older-than")
    func staleLimit() throws {
        let o = try Self.store()
        // Cutoff 2024-11-27: F1 (2025-01-01) and F2 (2025-06-01) are recent enough; F3 (2024-02-29) is not.
        let strict = try o.checkQuality(QualityOptions(staleAfterYears: 2, now: Self.now))
        #expect(strict.problems.filter { $0.kind == .accessibilityStale }.map(\.id) == ["F3", "F4", "F5", "F6"])
        let lax = try o.checkQuality(QualityOptions(staleAfterYears: 10, now: Self.now))
        #expect(lax.problems.filter { $0.kind == .accessibilityStale }.map(\.id) == ["F4"])
    }

    @Test("names that should and should not count as similar", arguments: [
        ("Nibe Forsamlingshus", "Nibe forsamlings-hus", true), ("Sebbersund Forsamlingshus", "Sebbersund forsamlingshus og kro", true),
        ("Næsby Hallen", "Naesby hallen", true), ("Skolen", "Skolen ", true), ("Nibe Skole", "Nibe Hallen", false),
        ("Hasseris Skole", "Nibe Forsamlingshus", false), ("A", "B", false), ("Idrætshal", "Idrætshal 2", true),
    ])
    func nameSimilarity(a: String, b: String, similar: Bool) {
        #expect(NameSimilarity.similar(NameSimilarity.normalise(a), NameSimilarity.normalise(b)) == similar)
    }

    @Test("the grid finds exactly the pairs a brute-force scan finds")
    func gridMatchesBruteForce() {
        var random = FuzzRandom(seed: 11)
        let items = (0..<1_500).map { i in
            DuplicateFinder.Candidate(id: String(format: "P%04d", i), name: "Hus",
                                      location: Coordinate(lon: 9.9 + Double(random.below(100_000)) / 1e7 * 40,
                                                           lat: 57.0 + Double(random.below(100_000)) / 1e7 * 25))
        }
        let radius = 25.0
        let grid = DuplicateFinder(radiusMetres: radius).pairs(items).map { "\($0.first.id)-\($0.second.id)" }
        var brute: [String] = []
        for i in items.indices {
            for j in items.indices where j > i && Geodesic.distance(from: items[i].location, to: items[j].location) <= radius {
                brute.append("\(items[i].id)-\(items[j].id)")
            }
        }
        #expect(!brute.isEmpty)
        #expect(grid == brute.sorted())
    }
}
