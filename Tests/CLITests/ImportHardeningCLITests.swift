import Foundation
import Testing
import TestSupport

/// The smaller findings of the hostile-input review (issue 14, item 7), each as it was reproduced.
@Suite("Smaller hostile-input findings")
struct ImportHardeningCLITests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = try TestSupport.temporaryDirectory("small").appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func freshDB() throws -> String {
        try TestSupport.temporaryDirectory("smalldb").appendingPathComponent("s.sqlite").path
    }

    @Test("hexadecimal floats, nan and inf are refused as coordinates (exit 2, naming line and field)",
          arguments: ["0x1.3cp3", "nan", "inf", "1e", "9.9.1"])
    func hexFloatsRefused(_ lon: String) throws {
        let csv = try Self.file("hex.csv", Array("id,name,kind,lon,lat\nh,Hall,village_hall,\(lon),57.0\n".utf8))
        let r = try CLI.run(["import", "facilities", csv], db: try Self.freshDB())
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(":2") && r.stderr.contains("lon"), "\(r.stderr)")
    }

    @Test("a byte order mark in the middle of a file is refused, not kept inside an id")
    func midFileBOMRefused() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name,kind,lon,lat\na,A,school,9.9,57.0\n".utf8)
            + [0xEF, 0xBB, 0xBF] + Array("b,B,school,9.91,57.01\n".utf8)
        let db = try Self.freshDB()
        let r = try CLI.run(["import", "facilities", try Self.file("bom.csv", bytes)], db: db)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("byte order mark") && r.stderr.contains(":3"), "\(r.stderr)")
    }

    @Test("--replace with a file without districts is refused unless --allow-empty")
    func replaceToEmptyRefused() throws {
        let db = try CLI.sampleStore("emptyreplace")
        let empty = try Self.file("empty.geojson", Array(#"{"type":"FeatureCollection","features":[]}"#.utf8))
        let args = ["import", "districts", empty, "--name-field", "name", "--code-field", "code", "--replace"]
        let refused = try CLI.run(args, db: db)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-empty"), "\(refused.stderr)")
        let info = try JSONSerialization.jsonObject(with: Data(try CLI.run(["info", "--format", "json"], db: db).stdout.utf8)) as? [String: Any]
        #expect((info?["districts"] as? Int ?? 0) > 40, "the layer was wiped")
        let allowed = try CLI.run(args + ["--allow-empty"], db: db)
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test("invalid UTF-8 in a rules, applications or calendar file is bad input (exit 2) with line and byte",
          arguments: [["allocate", "Data/applications.csv", "--season", "2026-08-17..2027-06-18", "--dry-run", "--rules"],
                      ["allocate", "--season", "2026-08-17..2027-06-18", "--dry-run"],
                      ["calendar", "import"]])
    func invalidUTF8IsBadInput(_ command: [String]) throws {
        let bad = try Self.file("bad.txt", Array("{\n\"x\": \"".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8))
        let db = try CLI.sampleStore("utf8")
        let r = try CLI.run(command + [bad], db: db)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("line 2") && r.stderr.contains("UTF-8"), "\(r.stderr)")
    }

    @Test("CSV cells that a spreadsheet would run as formulas get a leading quote, unless --raw-csv")
    func csvFormulaGuard() throws {
        let csv = try Self.file("f.csv", Array("id,name,kind,lon,lat\nf1,\"=HYPERLINK(\"\"http://x\"\")\",village_hall,9.65,56.98\nf2,@SUM(A1),school,9.66,-56.99\n".utf8))
        let db = try Self.freshDB()
        #expect(try CLI.run(["import", "facilities", csv], db: db).status == 0)
        let guarded = try CLI.run(["near", "9.65,56.98", "--format", "csv"], db: db)
        #expect(guarded.stdout.contains(#""'=HYPERLINK(""http://x"")""#), "\(guarded.stdout)")
        #expect(guarded.stdout.contains(",'@SUM(A1),"), "\(guarded.stdout)")
        #expect(guarded.stdout.contains(",-56.99,"), "plain negative numbers stay numbers: \(guarded.stdout)")
        let raw = try CLI.run(["near", "9.65,56.98", "--format", "csv", "--raw-csv"], db: db)
        #expect(raw.stdout.contains(",@SUM(A1),") && !raw.stdout.contains("'@"), "\(raw.stdout)")
    }

    @Test("a time in the spring-forward gap is refused by hours, near --free-at and book alike (exit 2)", arguments: [
        ["hours", "open", "24/7", "--at", "2026-03-29T02:30"],
        ["near", "Nibe", "--free-at", "2026-03-29T02:30", "--for", "1h"],
        ["book", "hovedbiblioteket-i-aalborg-moedelokale", "--from", "2026-03-29T02:30", "--to", "2026-03-29T04:00", "--holder", "X"],
    ])
    func springGapOneRule(_ command: [String]) throws {
        let r = try CLI.run(command, db: try CLI.sampleStore("gap"))
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("does not exist in Europe/Copenhagen"), "\(r.stderr)")
    }
}
