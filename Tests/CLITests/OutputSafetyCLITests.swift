import Foundation
import Testing
import TestSupport

/// `--out` can never destroy the store, outputs are complete or absent, and every output failure
/// exits 4 naming the output (issue 14, items 4 and 5; issue 13, item 3).
@Suite("Outputs never destroy the store and their failures exit 4")
struct OutputSafetyCLITests {
    /// One sample store for the tests that only read it.
    static let shared = Result { try CLI.sampleStore("outputs") }

    static func integrity(_ db: String) throws -> (size: Int, facilities: Int?) {
        let size = try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int ?? 0
        let info = try CLI.run(["info", "--format", "json"], db: db)
        let json = try? JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
        return (size, json?["facilities"] as? Int)
    }

    @Test("export and map refuse the store and its -wal and -shm files (exit 2), leaving the store whole",
          arguments: [["export", "facilities"], ["map", "--tiles", "none"]], ["", "-wal", "-shm"])
    func outRefusesTheStore(_ command: [String], _ suffix: String) throws {
        let db = try CLI.sampleStore("outstore")
        let before = try Self.integrity(db)
        let r = try CLI.run(command + ["--out", db + suffix], db: db)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("refusing to write output over the store"), "\(r.stderr)")
        let after = try Self.integrity(db)
        #expect(after.facilities == before.facilities && after.facilities != nil)
        #expect(after.size >= before.size)
    }

    @Test("a hard link to the store is refused too")
    func hardLinkRefused() throws {
        let db = try CLI.sampleStore("outlink")
        let link = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("alias.geojson").path
        try FileManager.default.linkItem(atPath: db, toPath: link)
        let r = try CLI.run(["export", "facilities", "--out", link], db: db)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(try Self.integrity(db).facilities != nil)
    }

    /// Whether /dev/full is the character device (an atomic rename onto it, as older builds did as
    /// root, replaces it with a regular file).
    static var devFullIsDevice: Bool {
        (try? FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType) == .typeCharacterSpecial
    }

    @Test("--out /dev/full exits 4 naming the output, and the device stays a device",
          .enabled(if: devFullIsDevice, "/dev/full is not a character device here"),
          arguments: [["export", "facilities", "--out", "/dev/full"], ["map", "--tiles", "none", "--out", "/dev/full"]])
    func deviceFull(_ arguments: [String]) throws {
        let db = try Self.shared.get()
        let r = try CLI.run(arguments, db: db)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("/dev/full") && r.stderr.contains("No space left"), "\(r.stderr)")
        #expect(Self.devFullIsDevice, "the output replaced the device node /dev/full")
    }

    @Test("query output to a full device or a closed pipe exits 4",
          .enabled(if: devFullIsDevice, "/dev/full is not a character device here"),
          arguments: [["near", "Nibe", "--format", "json"], ["near", "Nibe"], ["export", "facilities"],
                      ["info", "--format", "json"], ["coverage", "--format", "geojson"]], [false, true])
    func standardOutputFailures(_ arguments: [String], closedPipe: Bool) throws {
        let db = try Self.shared.get()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["OVERBLIK_DB": db]) { $1 }
        let err = Pipe()
        process.standardError = err
        let pipe = Pipe()
        if closedPipe {
            try pipe.fileHandleForReading.close()
            process.standardOutput = pipe.fileHandleForWriting
        } else {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        }
        try process.run()
        if closedPipe { try pipe.fileHandleForWriting.close() }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 4, "\(message)")
        #expect(message.contains(closedPipe ? "Broken pipe" : "No space left"), "\(message)")
    }

    @Test("a failed export leaves the earlier file as it was and no temporary file behind")
    func failedExportLeavesNoPartialFile() throws {
        let db = try CLI.sampleStore("partial")
        let dir = try TestSupport.temporaryDirectory("partial")
        let out = dir.appendingPathComponent("f.geojson")
        try Data("old".utf8).write(to: out)
        // A 64 KiB file size limit (SIGXFSZ ignored, so write(2) fails with EFBIG) stands in for a
        // full disk: more than the store's 32 KiB -shm file, less than the 140 KiB export.
        let script = "trap '' XFSZ; ulimit -f 64; exec \"$0\" export facilities --out \"$1\""
        let r = try TestSupport.run("/bin/sh", ["-c", script, CLI.binary, out.path], environment: ["OVERBLIK_DB": db])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains(out.path), "\(r.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["f.geojson"])
        // And when it succeeds the file is replaced whole.
        let ok = try CLI.run(["export", "facilities", "--out", out.path], db: db)
        #expect(ok.status == 0, "\(ok.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect((json?["features"] as? [Any])?.count ?? 0 > 100)
    }

    static let classes: [([String], Int32)] = [
        (["near", "Atlantis"], 1),
        (["free", "hovedbiblioteket-i-aalborg-moedelokale", "--from", "2026-12-01T12:00", "--to", "2026-12-01T10:00"], 2),
        (["hours", "check", "Mo 25:00-26:00"], 2),
        (["export", "facilities", "--out", "/nonexistent-dir/x.geojson"], 4),
        (["near", "Nibe", "--format", "json", "--no-such-option"], 2),
    ]

    @Test("each failure class has its exit code", arguments: classes)
    func exitCodePerClass(_ arguments: [String], _ code: Int32) throws {
        let db = try Self.shared.get()
        let r = try CLI.run(arguments, db: db)
        #expect(r.status == code, "\(arguments): \(r.stderr)")
        #expect(!r.stderr.isEmpty)
    }

    @Test("an overlapping booking is a conflict: exit 3")
    func conflictExits3() throws {
        let db = try CLI.sampleStore("conflict")
        let room = "hovedbiblioteket-i-aalborg-moedelokale"
        let first = try CLI.run(["book", room, "--from", "2026-12-01T10:00", "--to", "2026-12-01T11:00", "--holder", "A"], db: db)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(["book", room, "--from", "2026-12-01T10:30", "--to", "2026-12-01T11:30", "--holder", "B"], db: db)
        #expect(second.status == 3, "\(second.stderr)")
    }
}
