import Foundation
import Testing
import TestSupport

@Suite("Danish input forms in near, free, book and hours")
struct DanishInputCLITests {
    func json(_ result: TestSupport.ProcessResult) throws -> Any {
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func nearest(_ place: String, _ db: String) throws -> String? {
        let hits = try json(try CLI.run(["near", place, "--limit", "1", "--format", "json"], db: db)) as? [[String: Any]]
        return hits?.first?["id"] as? String
    }

    @Test("near takes postcodes, district names and o/a for ø/å")
    func places() throws {
        let db = try CLI.sampleStore("danish-near")
        // 9240 is Nibe's postcode (found in the facilities' addresses): the nearest lies in it.
        let hits = try json(try CLI.run(["near", "9240", "--limit", "3", "--format", "json"], db: db)) as? [[String: Any]]
        #expect(hits?.count == 3 && hits!.allSatisfy { ($0["address"] as? String)?.contains("9240 Nibe") == true })
        #expect(try nearest("Norresundby", db) == nearest("Nørresundby", db))
        #expect(try nearest("Noerresundby", db) == nearest("Nørresundby", db))
        // A district (by name, with o for ø) is a place too.
        #expect(try nearest("Norresundby opland", db) == nearest("Nørresundby opland", db))
        #expect(try nearest("Nørresundby opland", db) != nil)
        let unknown = try CLI.run(["near", "Atlantis"], db: db)
        #expect(unknown.status == 1)
    }

    @Test("free, book and hours accept 12.01.2027, 19.00 and 19-21 and give what the ISO forms give")
    func times() throws {
        let db = try CLI.sampleStore("danish-times")
        let room = "hasseris-bibliotek-moedelokale"
        let iso = try CLI.run(["free", room, "--from", "2027-01-12T00:00", "--to", "2027-01-13T00:00", "--format", "json"], db: db)
        let danish = try CLI.run(["free", room, "--from", "12.01.2027", "--format", "json"], db: db)
        #expect(iso.status == 0 && danish.stdout == iso.stdout, "\(danish.stderr)")
        let booked = try json(try CLI.run(["book", room, "--from", "12.01.2027 17.00", "--to", "18.30", "--holder", "Koret", "--format", "json"], db: db))
        #expect("\(booked)".contains("2027-01-12T17:00") && "\(booked)".contains("2027-01-12T18:30"))
        let overlap = try CLI.run(["book", room, "--from", "12.01.2027 18-19", "--holder", "Andre"], db: db)
        #expect(overlap.status == 3, "\(overlap.stderr)")
        let hoursISO = try CLI.run(["hours", "open", "Mo-Fr 17:00-22:00", "--at", "2027-01-12T19:00"])
        let hoursDanish = try CLI.run(["hours", "open", "Mo-Fr 17:00-22:00", "--at", "12.01.2027 kl. 19"])
        #expect(hoursISO.status == 0 && hoursDanish.stdout == hoursISO.stdout)
        let weekly = try CLI.run(["near", "Nibe", "--free-weekly", "ti 19-21", "--from", "12.01.2027", "--to", "30.06.2027", "--format", "json"], db: db)
        let weeklyISO = try CLI.run(["near", "Nibe", "--free-weekly", "Tu 19:00-21:00", "--from", "2027-01-12", "--to", "2027-06-30", "--format", "json"], db: db)
        #expect(weekly.status == 0 && weekly.stdout == weeklyISO.stdout)
    }

    @Test("a weekday means its next date on the facade's clock: tirsdag 19.00 is the next Tuesday 19:00",
          arguments: [("2026-01-01T00:00", "2026-01-06T19:00"), ("2026-01-06T18:59", "2026-01-06T19:00"),
                      ("2026-01-06T19:01", "2026-01-13T19:00")])
    func weekdays(now: String, expected: String) throws {
        let danish = try CLI.run(["hours", "open", "Mo-Fr 17:00-22:00", "--at", "tirsdag 19.00"], environment: ["OVERBLIK_NOW": now])
        #expect(danish.status == 0 && danish.stdout.hasPrefix(expected), "\(danish.stdout) \(danish.stderr)")
    }
}
