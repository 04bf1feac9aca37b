import Foundation
import PostgresStore
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
}
