import Facilities
import Foundation
import PostgresStore
import Store
import Testing
import TestSupport
@testable import Overblik

/// The facilities walk behind `export` on PostgreSQL: keyset pages of one snapshot, rooms joined
/// exactly as SpatiaLite's merge join joins them.
@Suite("The PostgreSQL facilities walk", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresExportTests {
    @Test("every page size gives the facilities and rooms of SpatiaLite's walk, in its order", arguments: [1, 7, 141, 142, 4096])
    func pagesJoinRoomsExactly(chunk: Int) throws {
        let (pg, _) = try postgresOverblik("walk")
        let sqlite = try Overblik(databasePath: try TestSupport.temporaryDirectory("walk").appendingPathComponent("s.sqlite").path)
        for o in [pg, sqlite] {
            for layer in ["facilities", "rooms"] { _ = try o.importFile(layer == "rooms" ? .rooms : .facilities, at: TestSupport.sampleFile("\(layer).csv").path) }
        }
        var expected: [(Facility, [Room])] = []
        try sqlite.store.forEachFacility { expected.append(($0, $1)) }
        var walked: [(Facility, [Room])] = []
        try #require(pg.backend as? PostgresStore).forEachFacility(chunk: chunk) { walked.append(($0, $1)) }
        #expect(walked.count == 142)
        #expect(walked.map(\.0) == expected.map(\.0))
        #expect(walked.map(\.1) == expected.map(\.1))
        #expect(walked.reduce(0) { $0 + $1.1.count } == 229)
    }
}
