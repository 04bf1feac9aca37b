import Foundation
import Testing
import TestSupport

@Suite("School holidays from the store only, warnings without them, and the closures command")
struct CalendarAndClosuresCLITests {
    static let room = "hasseris-bibliotek-moedelokale"

    @Test("SH without a stored calendar warns on stderr, in free's JSON and in check; after import it does not")
    func missingCalendarWarns() throws {
        let db = try CLI.sampleStore("sh-warning")
        // A room whose hours use SH (the sample's rooms do; make sure one does).
        let sh = try CLI.run(["hours", "check", "Mo-Fr 16:00-22:00; SH off"], db: db)
        #expect(sh.status == 0 && sh.stderr.contains("no school-holiday calendar is stored"))
        for action in ["open", "next-change"] {
            let answer = try CLI.run(["hours", action, "Mo-Fr 16:00-22:00; SH off", "--at", "2027-02-16T19:00", "--format", "json"], db: db)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any], "\(answer.stdout)")
            #expect((object["warnings"] as? [String])?.first?.contains("SH") == true, "hours \(action): \(answer.stdout)")
        }
        let free = try CLI.run(["free", "nibe-skole-aula", "--from", "2027-02-15T00:00", "--to", "2027-02-16T00:00", "--format", "json"], db: db)
        #expect(free.status == 0, "\(free.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(free.stdout.utf8)) as? [String: Any])
        let warnings = json["warnings"] as? [String]
        #expect(warnings?.first?.contains("SH") == true, "\(free.stdout)")
        #expect(free.stderr.contains("warning"))
        let near = try CLI.run(["near", "Nibe", "--free-at", "2027-02-16T19:00", "--for", "2h"], db: db)
        #expect(near.stderr.contains("school-holiday calendar"))
        let book = try CLI.run(["book", "nibe-skole-aula", "--from", "2027-03-02T17:00", "--to", "2027-03-02T18:00", "--holder", "Kor", "--format", "json"], db: db)
        #expect(book.status == 0 && book.stdout.contains("\"warnings\"") && book.stderr.contains("warning"), "\(book.stdout) \(book.stderr)")
        let check = try CLI.run(["check", "--format", "json"], db: db)
        #expect(check.stdout.contains("school_holidays_missing"))
        // Winter holiday 2027 (week 7) closes SH rooms once the calendar is imported.
        let imported = try CLI.run(["calendar", "import", "Data/calendars/aalborg-school-holidays.csv"], db: db)
        #expect(imported.status == 0, "\(imported.stderr)")
        let after = try CLI.run(["free", "nibe-skole-aula", "--from", "2027-02-15T00:00", "--to", "2027-02-16T00:00", "--format", "json"], db: db)
        #expect(!after.stdout.contains("warnings") && !after.stderr.contains("warning"))
        let hoursAfter = try CLI.run(["hours", "open", "Mo-Fr 16:00-22:00; SH off", "--at", "2027-02-16T19:00", "--format", "json"], db: db)
        #expect(!hoursAfter.stdout.contains("warnings") && hoursAfter.stdout.contains("\"closed\""), "\(hoursAfter.stdout)")
        #expect(after.stdout != free.stdout)
    }

    @Test("the calendar is not read from the working directory")
    func notFromWorkingDirectory() throws {
        let db = try CLI.sampleStore("sh-cwd")
        // CLI.run runs in the package root, where Data/calendars/ lies: SH must still warn.
        let free = try CLI.run(["free", "nibe-skole-aula", "--from", "2027-02-15T00:00", "--to", "2027-02-16T00:00"], db: db)
        #expect(free.stderr.contains("no school-holiday calendar is stored"))
    }

    @Test("closures add, list and remove; a closed room has no free time in the closure")
    func closures() throws {
        let db = try CLI.sampleStore("closures")
        let before = try CLI.run(["free", Self.room, "--from", "12.01.2027", "--format", "json"], db: db)
        let added = try CLI.run(["closures", "add", "--room", Self.room, "--from", "12.01.2027", "--reason", "Valg", "--format", "json"], db: db)
        #expect(added.status == 0, "\(added.stderr)")
        let closure = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
        let id = try #require(closure["id"] as? Int)
        let during = try CLI.run(["free", Self.room, "--from", "12.01.2027", "--format", "json"], db: db)
        #expect(before.stdout.contains("\"minutes\"") && !during.stdout.contains("\"minutes\""), "\(during.stdout)")
        let list = try CLI.run(["closures", "list"], db: db)
        #expect(list.stdout.contains("Valg") && list.stdout.contains("2027-01-12T00:00"))
        #expect(try CLI.run(["closures", "add", "--from", "12.01.2027"], db: db).status == 2)
        #expect(try CLI.run(["closures", "add", "--facility", "nowhere", "--from", "12.01.2027"], db: db).status == 1)
        #expect(try CLI.run(["closures", "remove", String(id)], db: db).status == 0)
        #expect(try CLI.run(["closures", "remove", String(id)], db: db).status == 1)
        let again = try CLI.run(["free", Self.room, "--from", "12.01.2027", "--format", "json"], db: db)
        #expect(again.stdout == before.stdout)
    }
}
