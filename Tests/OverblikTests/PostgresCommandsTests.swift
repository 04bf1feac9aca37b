import Foundation
import PostgresStore
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// The commands beyond the core questions on the PostgreSQL store, at the facade: rows written
/// past the schema, road networks and the quality report.
@Suite("Commands on the PostgreSQL store", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresCommandsTests {
    @Test("a facility without coordinates cannot be stored, and one written past the schema is a typed error, not a point at 0,0")
    func missingCoordinatesAreATypedError() throws {
        let (o, url) = try postgresOverblik("nullcoords")
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let cluster = try #require(PostgresCluster.shared)
        let database = databaseName(url)
        #expect(throws: (any Error).self) {
            try cluster.psql("INSERT INTO facilities (id, name, kind, lon, lat) VALUES ('x', 'X', 'other', NULL, 57)", database: database)
        }
        let id = try cluster.psql("SELECT min(id) FROM facilities", database: database).trimmingCharacters(in: .whitespacesAndNewlines)
        try cluster.psql("ALTER TABLE facilities ALTER COLUMN lat DROP NOT NULL; UPDATE facilities SET lat = NULL WHERE id = '\(id)'",
                         database: database)
        let reader = try Overblik(databasePath: url, creating: false)
        #expect(throws: PostgresStoreError.missingValue(table: "facilities", id: id, column: "lat")) { try reader.backend.facility(id: id) }
        #expect(throws: PostgresStoreError.missingValue(table: "facilities", id: id, column: "lat")) { try reader.backend.facilities() }
        #expect(OverblikFailure(PostgresStoreError.missingValue(table: "facilities", id: id, column: "lat")).failureClass == .storeOrIO)
    }

    @Test("a database made before road networks were kept in PostgreSQL gets the table when opened, and stores a network whole")
    func roadNetworksTableIsAddedAndRoundTrips() throws {
        let (o, url) = try postgresOverblik("roads")
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let cluster = try #require(PostgresCluster.shared)
        try cluster.psql("DROP TABLE road_networks", database: databaseName(url))
        let reopened = try Overblik(databasePath: url, creating: false)
        #expect(try reopened.backend.roadNetwork(mode: "walk") == nil)
        let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let network = StoredRoadNetwork(mode: "walk", format: 3, nodes: 10, segments: 20, islands: 1, source: "x.osm.pbf", body: body)
        try reopened.backend.replace(roadNetworks: [network]) {}
        #expect(try reopened.backend.roadNetwork(mode: "walk") == network)
        // A failure after the old rows were deleted (two networks of one mode) keeps the networks stored before.
        var other = network
        other.body = [1, 2, 3]
        #expect(throws: PostgresStoreError.self) { try reopened.backend.replace(roadNetworks: [other, other]) {} }
        #expect(try reopened.backend.roadNetwork(mode: "walk") == network)
    }

    /// The clerk's desk on one store: the room overview, a policy change, closures added, listed
    /// and removed, and the allocation round (a dry run, then written); every answer as JSON.
    func clerkDesk(_ o: Overblik) throws -> [String] {
        for (layer, file) in [(ImportLayer.settlements, "settlements.csv"), (.facilities, "facilities.csv"), (.rooms, "rooms.csv")] {
            _ = try o.importFile(layer, at: TestSupport.sampleFile(file).path)
        }
        let clerk = Account(id: 1, name: "anne", role: .clerk, association: nil)
        let association = Account(id: 2, name: "koret", role: .association, association: "Sebbersund Kor")
        let now = CopenhagenTime.instant(of: t("2026-01-01T00:00"))
        var out: [String] = []
        out.append(try OverblikJSON.text(o.managedRooms(for: clerk)))
        #expect(throws: AccessDenied.self) { try o.managedRooms(for: association) }
        out.append(try OverblikJSON.text(o.setRoomPolicy(roomID: "nibe-skole-aula", approval: true, cancelDeadlineMinutes: 1_440,
                                                        by: clerk, now: now)))
        out.append(try OverblikJSON.text(o.managedRooms(for: clerk).filter(\.approval)))
        out.append(try OverblikJSON.text(o.addClosure(ClosureInput(room: "nibe-skole-aula", from: "12.01.2027", reason: "Valg"),
                                                     by: clerk, now: now)))
        out.append(try OverblikJSON.text(o.addClosure(ClosureInput(facility: "nibe-kulturhus", from: "2027-03-01T00:00",
                                                                   to: "2027-04-01T00:00"), by: clerk, now: now)))
        #expect(throws: OverblikError.self) { try o.addClosure(ClosureInput(room: "nowhere", from: "12.01.2027"), by: clerk, now: now) }
        out.append(try OverblikJSON.text(o.closures(for: clerk, facilityID: nil)))
        try o.removeClosure(id: 1, by: clerk, now: now)
        #expect(throws: OverblikError.self) { try o.removeClosure(id: 1, by: clerk, now: now) }
        out.append(try OverblikJSON.text(o.closures(for: clerk, facilityID: "nibe-kulturhus")))
        let applications = try String(contentsOf: TestSupport.sampleFile("applications.csv"), encoding: .utf8)
        let season = try Overblik.allocationSeason("2026-08-17..2027-06-18")
        for dryRun in [true, false] {
            let run = try o.allocationRound(applications: applications, season: season, dryRun: dryRun, by: clerk, now: now)
            out.append("\(run.bookingsWritten) written\n" + (try OverblikJSON.text(run.result)))
        }
        out.append(try OverblikJSON.text(o.backend.auditLog(limit: 100).map { "\($0.action) \($0.roomID ?? "-") \($0.detail ?? "")" }))
        return out
    }

    @Test("the clerk's room overview, policies, closures and allocation round give the same answers on both stores")
    func clerkDeskIsIdentical() throws {
        let sqlite = try Overblik(databasePath: TestSupport.temporaryDirectory("clerk-desk").appendingPathComponent("s.sqlite").path)
        let postgres = try clerkDesk(try postgresOverblik("clerkdesk").0)
        let spatialite = try clerkDesk(sqlite)
        #expect(postgres.count == spatialite.count)
        for (a, b) in zip(spatialite, postgres) { #expect(a == b) }
        #expect(postgres.count > 2 && !postgres[postgres.count - 2].hasPrefix("0 written"), "the round wrote no bookings")
        #expect(postgres.last?.contains("allocation-round") == true && postgres.last?.contains("reopen") == true)
    }
}
