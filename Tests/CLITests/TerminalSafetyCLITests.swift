import Foundation
import Testing
import TestSupport

/// Data cannot drive the terminal: every table and every message escapes ESC, BEL, the C1 controls
/// and bidi overrides from names, ids and arguments (issue 14, item 2).
@Suite("Table output and messages escape control characters from the data")
struct TerminalSafetyCLITests {
    /// Two facilities, a room each, a settlement and a booking, all named with terminal escapes:
    /// a screen clear, an OSC title change ended by BEL, an 8-bit CSI and a right-to-left override.
    static func hostileStore() throws -> String {
        let dir = try TestSupport.temporaryDirectory("terminal")
        let db = dir.appendingPathComponent("t.sqlite").path
        let facilities = dir.appendingPathComponent("f.csv")
        try Data(("id,name,kind,lon,lat,capacity,opening_hours\n"
            + "\"evil\u{1B}[2J\",Hall \u{1B}]0;pwned\u{07} \u{9B}31m end,village_hall,9.65,56.98,40,Mo-Su 08:00-22:00\n"
            + "plain,Plain \u{202E} name,school,9.66,56.99,30,Mo-Su 08:00-22:00\n").utf8).write(to: facilities)
        let settlements = dir.appendingPathComponent("s.csv")
        try Data("id,name,lon,lat,population\ns1,Town \u{1B}[31mred,9.70,57.0,500\n".utf8).write(to: settlements)
        for step in [["import", "facilities", facilities.path], ["import", "settlements", settlements.path],
                     ["book", "plain", "--from", "2026-12-01T08:00", "--to", "2026-12-01T09:00", "--holder", "Kor \u{1B}[2J"]] {
            let r = try CLI.run(step, db: db)
            guard r.status == 0 else { throw CLI.CLIFailure(arguments: step, result: r) }
        }
        return db
    }

    static let commands: [[String]] = [
        ["near", "9.65,56.98"],
        ["near", "Town"],
        ["info"],
        ["check"],
        ["gaps", "--within", "1km"],
        ["coverage", "--within", "1km"],
        ["bookings"],
        ["free", "plain", "--from", "2026-12-01T08:00", "--to", "2026-12-01T12:00"],
        ["book", "plain", "--from", "2026-12-01T08:30", "--to", "2026-12-01T09:30", "--holder", "X"],
        ["near", "evil\u{1B}]0;title\u{07}"],
        ["free", "evil\u{1B}[2J", "--from", "2026-12-01T08:00", "--to", "2026-12-01T12:00"],
        ["hours", "check", "Mo 10:00-12:00 \u{1B}[2J"],
    ]

    @Test("no ESC, BEL, C1 control or bidi override reaches the terminal", arguments: commands)
    func noControlCharacters(_ arguments: [String]) throws {
        let db = try Self.hostileStore()
        let r = try CLI.run(arguments, db: db)
        for (stream, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
            let raw = text.unicodeScalars.filter { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) }
            #expect(raw.isEmpty, "\(arguments.joined(separator: " ")) \(stream) carries \(raw.map { String($0.value, radix: 16) }) raw: \(text.debugDescription.prefix(400))")
        }
        #expect(r.status < 5, "exit \(r.status)")
    }

    @Test("the escaped name stays readable in the table, and JSON keeps the name whole")
    func escapedButComplete() throws {
        let db = try Self.hostileStore()
        let table = try CLI.run(["near", "9.65,56.98"], db: db)
        #expect(table.stdout.contains(#"Hall \u{1b}]0;pwned\u{7} \u{9b}31m end"#), "\(table.stdout)")
        let json = try CLI.run(["near", "9.65,56.98", "--format", "json"], db: db)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(hits.first?["name"] as? String == "Hall \u{1B}]0;pwned\u{07} \u{9B}31m end")
    }

    @Test("a 512 KiB name is cut in the table but complete in CSV")
    func hugeCellIsCapped() throws {
        let dir = try TestSupport.temporaryDirectory("hugecell")
        let db = dir.appendingPathComponent("h.sqlite").path
        let csv = dir.appendingPathComponent("f.csv")
        let name = String(repeating: "x", count: 1 << 19)
        try Data("id,name,kind,lon,lat\nbig,\(name),village_hall,9.65,56.98\n".utf8).write(to: csv)
        #expect(try CLI.run(["import", "facilities", csv.path], db: db).status == 0)
        let table = try CLI.run(["check"], db: db)
        #expect(table.stdout.utf8.count < 10_000, "check printed \(table.stdout.utf8.count) bytes for one facility")
        #expect(table.stdout.contains("xxx…"))
        let full = try CLI.run(["check", "--format", "csv"], db: db)
        #expect(full.stdout.contains(name))
    }
}
