import Dispatch
import Facilities
import Foundation
import GeoTypes
import PostgresStore
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// A new PostgreSQL store in the test cluster, opened through the facade.
func postgresOverblik(_ label: String) throws -> (Overblik, String) {
    let url = try #require(PostgresCluster.shared).makeDatabase(label)
    return (try Overblik(databasePath: url), url)
}

/// The database name of a `postgres://` address.
func databaseName(_ url: String) -> String { String(url.split(separator: "/").last!) }

@Suite("The PostgreSQL store", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresStoreTests {
    @Test("a database with a newer schema is refused, and one of another application is not touched")
    func newerSchemaIsRefused() throws {
        let (_, url) = try postgresOverblik("newer")
        let cluster = try #require(PostgresCluster.shared)
        try cluster.psql("UPDATE overblik_meta SET value = '99' WHERE key = 'schema_version'", database: databaseName(url))
        #expect(throws: PostgresStoreError.schemaTooNew(database: url, found: 99, supported: 7)) { try Overblik(databasePath: url) }

        let other = try cluster.makeDatabase("foreign")
        try cluster.psql("CREATE TABLE customers (id int)", database: databaseName(other))
        #expect(throws: PostgresStoreError.notAnOverblikDatabase(database: other, reason: "it holds 1 other tables")) {
            try Overblik(databasePath: other)
        }
        let empty = try cluster.makeDatabase("empty")
        #expect(throws: PostgresStoreError.self) { try Overblik(databasePath: empty, creating: false) }
    }

    @Test("a write that fails leaves nothing behind, and a refused import writes nothing")
    func writesAreAtomic() throws {
        let (o, _) = try postgresOverblik("atomic")
        struct Stop: Error {}
        let facility = Facility(id: "a", name: "A", kind: .library, location: Coordinate(lon: 9.9, lat: 57.0))
        #expect(throws: Stop.self) {
            try o.backend.write {
                try o.backend.insert(facilities: [facility], replace: false)
                throw Stop()
            }
        }
        #expect(try o.backend.facilities().isEmpty)
        let bad = try TestSupport.writeTemporary("id,name,kind,lon,lat\nok,Ok,library,9.9,57.0\nbad,Bad,library,999,57.0\n", name: "f.csv")
        #expect(throws: ImportError.self) { try o.importFile(.facilities, at: bad.path) }
        #expect(try o.backend.facilities().isEmpty)
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        #expect(throws: StoreError.self) { try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path) }
        #expect(try o.backend.facilities().count == 142)
    }

    @Test("a large import rebuilds the GiST index, and one that fails leaves the index and the rows as they were")
    func largeImportKeepsTheIndex() throws {
        let (o, url) = try postgresOverblik("bigcopy")
        let cluster = try #require(PostgresCluster.shared)
        let points = (0..<60_000).map { i in
            PopulationPoint(id: "p\(i)", location: Coordinate(lon: 9 + Double(i % 300) / 300, lat: 56.5 + Double(i / 300) / 400), weight: 1)
        }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try o.backend.write { try o.backend.insert(population: points, replace: false); throw Stop() }
        }
        let indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'population' ORDER BY indexname"
        #expect(try cluster.psql(indexes, database: databaseName(url)) == "population_geom\npopulation_pkey\npopulation_seq\n")
        #expect(try !o.backend.hasPopulation())
        try o.backend.write { try o.backend.insert(population: points, replace: false) }
        #expect(try cluster.psql(indexes, database: databaseName(url)) == "population_geom\npopulation_pkey\npopulation_seq\n")
        #expect(try cluster.psql("SELECT count(*) FROM population WHERE geom && ST_MakeEnvelope(9, 56.5, 9.5, 57, 4326)",
                                 database: databaseName(url)) == "30200\n")  // 151 of 300 columns x 200 rows
        #expect(try o.backend.populationPoints().count == 60_000)
    }

    @Test("text with tabs, newlines, backslashes and quotes survives COPY unchanged")
    func copyKeepsText() throws {
        let (o, _) = try postgresOverblik("copytext")
        let name = "Hal\t\"1\"\\n\nÆøå \\N"
        let f = Facility(id: "x\\y", name: name, kind: .sportsHall, location: Coordinate(lon: 9.123456789012345, lat: 57.000000000000007),
                         address: nil, contact: Contact(phone: "\\N"), capacity: 7, openingHours: "Mo 08:00-10:00")
        try o.backend.write { try o.backend.insert(facilities: [f], replace: false) }
        #expect(try o.backend.facilities() == [f])
        var g = f
        g.name = "Renamed"
        try o.backend.write { try o.backend.insert(facilities: [g], replace: true) }
        #expect(try o.backend.facilities() == [g])
    }

    @Test("the exclusion constraint refuses an overlapping booking from any writer, as a conflict")
    func exclusionConstraintGuardsBookings() throws {
        let (o, url) = try postgresOverblik("exclusion")
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let room = "hovedbiblioteket-i-aalborg"
        try o.bookIn2026(roomID: room, from: t("2026-03-02T10:00"), to: t("2026-03-02T12:00"), holder: "A")
        // Past the facade's check: the database itself refuses.
        let overlapping = StoredBooking(roomID: room, startLocal: "2026-03-02T11:00", endLocal: "2026-03-02T13:00",
                                        startUTC: 1_772_445_600, endUTC: 1_772_452_800, holder: "B")
        do {
            try o.backend.write { _ = try o.backend.insert(booking: overlapping, createdUTC: 0) }
            Issue.record("an overlapping booking was written")
        } catch let error as PostgresStoreError {
            #expect(error.isExclusionViolation)
            #expect(OverblikFailure(error).failureClass == .conflict)
        }
        // Another program writing SQL is refused the same way.
        #expect(throws: (any Error).self) {
            try #require(PostgresCluster.shared).psql("""
                INSERT INTO bookings (room_id, start_local, end_local, start_utc, end_utc, holder, created_utc)
                VALUES ('\(room)', 'x', 'y', 1772445600, 1772452800, 'psql', 0)
                """, database: databaseName(url))
        }
        #expect(try o.bookings().count == 1)
    }

    @Test("eight writers booking the same slots concurrently never double-book a room")
    func concurrentBookingsNeverOverlap() throws {
        let (o, url) = try postgresOverblik("race")
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let room = "hovedbiblioteket-i-aalborg"
        // 20 one-hour slots, partly overlapping (each starts 30 minutes after the previous).
        let slots = (0..<20).map { i in (t("2026-03-02T08:00").adding(minutes: 30 * i), t("2026-03-02T09:00").adding(minutes: 30 * i)) }
        let outcomes = LockedOutcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            do {
                let mine = try Overblik(databasePath: url)
                var generator = SeededGenerator(seed: UInt64(worker))
                for (from, to) in slots.shuffled(using: &generator) {
                    do {
                        try mine.bookIn2026(roomID: room, from: from, to: to, holder: "w\(worker)")
                        outcomes.add("booked")
                    } catch let error as OverblikError {
                        if case .conflict = error { outcomes.add("conflict") } else { outcomes.add("other: \(error)") }
                    }
                }
            } catch { outcomes.add("open: \(error)") }
        }
        let booked = try o.bookings(roomID: room)
        let counts = outcomes.counts()
        #expect(counts["booked"] == booked.count)
        #expect(counts["conflict", default: 0] + booked.count == 160, "\(counts)")
        let intervals = booked.map(\.utc).sorted { $0.start < $1.start }
        for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.end <= b.start, "overlap \(a) \(b)") }
        #expect(booked.count >= 10)
    }

    @Test("a facility imported through one facade is seen by another on its next question")
    func catalogueFollowsOtherWriters() throws {
        let (reader, url) = try postgresOverblik("fresh")
        _ = try reader.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let place = try reader.resolvePlace("9.5,56.5")
        #expect(try reader.near(place, NearQuery(limit: 1)).hits.first?.id != "new-hall")
        let writer = try Overblik(databasePath: url)
        let file = try TestSupport.writeTemporary("id,name,kind,lon,lat\nnew-hall,Ny Hal,sports_hall,9.5,56.5\n", name: "new.csv")
        _ = try writer.importFile(.facilities, at: file.path)
        #expect(try reader.near(place, NearQuery(limit: 1)).hits.first?.id == "new-hall")
    }

    @Test("operations not yet on PostgreSQL fail with a typed error naming the store")
    func unsupportedOperationsSaySo() throws {
        let (o, _) = try postgresOverblik("unsupported")
        do {
            // What still reads the SpatiaLite store directly goes through this getter.
            _ = try o.store
            Issue.record("the SpatiaLite store was handed out on PostgreSQL")
        } catch let error as PostgresStoreError {
            #expect("\(error)".hasPrefix("not supported on the PostgreSQL store yet"))
            #expect(OverblikFailure(error).failureClass == .badInput)
        }
    }

    @Test("bad postgres addresses are refused before connecting", arguments: [
        "postgres://127.0.0.1:5432/x", "postgres://u@/x", "postgres://u@127.0.0.1:5432/",
    ])
    func badAddresses(url: String) {
        #expect(throws: PostgresStoreError.self) { try Overblik(databasePath: url) }
    }
}

/// Outcomes counted across threads.
final class LockedOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func add(_ outcome: String) {
        lock.lock()
        values[outcome, default: 0] += 1
        lock.unlock()
    }

    func counts() -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
