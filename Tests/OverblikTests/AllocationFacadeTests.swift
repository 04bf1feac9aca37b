import Analysis
import Foundation
import Scheduling
import Testing
import TestSupport
@testable import Overblik
import Store

@Suite("The allocation round through the facade")
struct AllocationFacadeTests {
    static func sample() throws -> Overblik {
        let (o, _) = try freshOverblik("alloc")
        _ = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try o.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        return o
    }

    @Test("a dry run writes nothing; a real run writes every allocated date as a booking, once")
    func writesBookings() throws {
        let o = try Self.sample()
        let season = try AllocationSeason(parsing: "2026-08-17..2027-06-18")
        let applications = TestSupport.sampleFile("applications.csv").path
        let rules = TestSupport.sampleFile("rules/aalborg.json").path
        let dry = try o.allocate(applicationsPath: applications, season: season, rulesPath: rules, dryRun: true)
        #expect(try o.store.bookings().isEmpty)
        let beforeSeason = CopenhagenTime.instant(of: try LocalDateTime(parsing: "2026-08-01T00:00"))
        #expect(!dry.result.allocations.isEmpty)
        let real = try o.allocate(applicationsPath: applications, season: season, rulesPath: rules, dryRun: false, now: beforeSeason)
        #expect(real.result == dry.result)
        let expected = real.result.allocations.reduce(0) { $0 + $1.dates.count }
        #expect(real.bookingsWritten == expected)
        let stored = try o.store.bookings()
        #expect(stored.count == expected)
        // No two stored bookings of a room overlap.
        let overlaps = try o.store.database.scalar("""
            SELECT count(*) FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
            AND a.start_utc < b.end_utc AND b.start_utc < a.end_utc
            """)?.int
        #expect(overlaps == 0)
        // A round that writes cannot start in the past (a dry run may look back).
        #expect(throws: OverblikError.self) {
            try o.allocate(applicationsPath: applications, season: season, rulesPath: rules, dryRun: false,
                           now: CopenhagenTime.instant(of: try LocalDateTime(parsing: "2026-08-18T00:00")))
        }
        // A second round sees the first one's bookings and never double-books.
        o.invalidateCatalog()
        let again = try o.allocate(applicationsPath: applications, season: season, rulesPath: rules, dryRun: false, now: beforeSeason)
        #expect(again.result.allocations.count < real.result.allocations.count)
        #expect(try o.store.database.scalar("""
            SELECT count(*) FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
            AND a.start_utc < b.end_utc AND b.start_utc < a.end_utc
            """)?.int == 0)
    }
}
