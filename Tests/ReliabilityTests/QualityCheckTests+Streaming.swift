import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

/// `check` as the CLI runs it (problems written as they are found, waiting in temporary files)
/// gives exactly the bytes of the report built in memory.
extension QualityCheckTests {
    static func sampleStore() throws -> Overblik {
        let (o, _) = try freshStore("quality-sample")
        _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try o.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        // A listed room whose id is another facility's id, and rooms with hours that never open or do
        // not parse: the two room streams interleave.
        let first = try #require(try o.store.database.scalar("SELECT min(id) FROM facilities")?.string)
        let last = try #require(try o.store.database.scalar("SELECT max(id) FROM facilities")?.string)
        try o.store.database.run("""
            INSERT INTO rooms (id, facility_id, name, opening_hours) VALUES (?, ?, 'Sal', 'off'), ('zz-room', ?, 'Lokale', 'Mo-Xy 10:00')
            """, [.text(first), .text(last), .text(last)])
        return o
    }

    static func nonASCIIStore() throws -> Overblik {
        let o = try store()
        try o.store.database.run("UPDATE facilities SET id = 'Ø-hal' WHERE id = 'F6'")
        return o
    }

    @Test("check written as it is found gives the bytes of the report built in memory", arguments: [
        "every kind", "sample with rooms", "non-ASCII ids", "clean",
    ], [OutputFormat.table, .csv, .json])
    func streamedEqualsInMemory(store: String, format: OutputFormat) throws {
        let o: Overblik
        switch store {
        case "every kind": o = try Self.store()
        case "sample with rooms": o = try Self.sampleStore()
        case "non-ASCII ids": o = try Self.nonASCIIStore()
        default:
            let (clean, _) = try freshStore("quality-clean")
            let csv = "id,name,kind,lon,lat,opening_hours,wheelchair,checked\nA,Nibe Hallen,sports_hall,9.64,56.98,Mo-Su 08:00-22:00,yes,2026-01-05\n"
            _ = try clean.importFile(.facilities, at: try TestSupport.writeTemporary(csv, name: "c.csv").path)
            o = clean
        }
        let options = QualityOptions(now: Self.now)
        let report = try o.checkQuality(options)
        #expect(store == "clean" ? report.isClean : report.problems.count > 3)
        let sink = OutcomeSink.memory()
        let clean = try o.checkQuality(options, format: format, to: sink)
        try sink.finish()
        #expect(clean == report.isClean)
        let streamed = String(decoding: sink.collected, as: UTF8.self)
        let expected = String(decoding: try report.rendered(format), as: UTF8.self)
        #expect(streamed == expected, "\(store), \(format)")
    }
}
