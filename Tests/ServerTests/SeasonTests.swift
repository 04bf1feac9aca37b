import Foundation
import Testing
import TestSupport

/// Season availability ("free 25 of 26 weeks; not 2027-03-09 (busy)") in the API and the CLI.
@Suite("overblik serve: season availability and leftover times")
struct SeasonTests {
    static let room = "hasseris-bibliotek-moedelokale"
    static let season = "from=2027-01-05&to=2027-06-29"

    @Test("one busy Tuesday leaves 25 of 26 weeks; near with min_share keeps the room, every-week near drops it; skip_conflicts books the rest")
    func seasonAvailability() async throws {
        let db = try ServerFixtures.sampleStore("serve-season")
        let koret = try ServerFixtures.token("koret", db: db), klubben = try ServerFixtures.token("klubben", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let one = try await server.request("POST", "/api/bookings", json: ["room": Self.room, "start": "2027-03-09T15:00", "end": "2027-03-09T17:00"],
                                           headers: ["Authorization": "Bearer \(koret)"])
        #expect(one.status == 201)
        let slot = "Tu%2015:00-17:00"
        let reply = try await server.get("/api/rooms/\(Self.room)/season?slot=\(slot)&\(Self.season)")
        #expect(reply.status == 200)
        let body = try #require(try reply.json() as? [String: Any])
        #expect(body["weeks"] as? Int == 26)
        #expect(body["free"] as? Int == 25)
        let notFree = try #require(body["not_free"] as? [[String: Any]])
        #expect(notFree.count == 1 && notFree[0]["date"] as? String == "2027-03-09" && notFree[0]["reason"] as? String == "busy")
        #expect((body["summary"] as? String)?.hasPrefix("free 25 of 26 weeks") == true)

        let near = "/api/near?at=9.88,57.03&limit=50&free_weekly=\(slot)&\(Self.season)"
        let everyWeek = try #require(try await server.get(near).json() as? [[String: Any]])
        let mostWeeks = try await server.get(near + "&min_share=0.9")
        let mostWeeksIDs = try #require(try mostWeeks.json() as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(!everyWeek.compactMap { $0["id"] as? String }.contains("hasseris-bibliotek"))
        #expect(mostWeeksIDs.contains("hasseris-bibliotek"))
        let cli = try ServerFixtures.cli(["near", "9.88,57.03", "--limit", "50", "--free-weekly", "Tu 15:00-17:00", "--from", "2027-01-05",
                                          "--to", "2027-06-29", "--min-share", "0.9", "--format", "json"], db: db)
        #expect(mostWeeks.text == cli)

        let series: [String: Any] = ["room": Self.room, "start": "2027-01-05T15:00", "end": "2027-01-05T17:00", "repeat": "weekly", "until": "2027-06-29"]
        #expect(try await server.request("POST", "/api/bookings", json: series, headers: ["Authorization": "Bearer \(klubben)"]).status == 409)
        var skipping = series
        skipping["skip_conflicts"] = true
        let rest = try await server.request("POST", "/api/bookings", json: skipping, headers: ["Authorization": "Bearer \(klubben)"])
        #expect(rest.status == 201)
        let receipt = try #require(try rest.json() as? [String: Any])
        #expect((receipt["bookings"] as? [Any])?.count == 25)
        let skipped = try #require(receipt["skipped"] as? [[String: Any]])
        #expect(skipped.count == 1 && skipped[0]["date"] as? String == "2027-03-09" && skipped[0]["reason"] as? String == "busy")
        let after = try #require(try await server.get("/api/rooms/\(Self.room)/season?slot=\(slot)&\(Self.season)").json() as? [String: Any])
        #expect(after["free"] as? Int == 0)
    }

    @Test("book --repeat weekly --skip-conflicts on the CLI books the free weeks and reports the busy one")
    func cliSkipConflicts() throws {
        let db = try ServerFixtures.sampleStore("serve-season-cli")
        try ServerFixtures.cli(["book", Self.room, "--from", "2027-03-09T15:00", "--to", "2027-03-09T17:00", "--holder", "Koret"], db: db)
        let out = try ServerFixtures.cli(["book", Self.room, "--from", "2027-03-02T15:00", "--to", "2027-03-02T17:00", "--holder", "Klubben",
                                          "--repeat", "weekly", "--until", "2027-03-30", "--skip-conflicts", "--format", "json"], db: db)
        let receipt = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((receipt["bookings"] as? [Any])?.count == 4)
        #expect((receipt["skipped"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["busy"])
    }
}

/// iCalendar feeds: a room's free/busy (no names) and an association's private feed.
@Suite("overblik serve: iCalendar feeds")
struct FeedTests {
    @Test("a room's feed is VFREEBUSY without holders; an association's private feed lists its own bookings only")
    func feeds() async throws {
        let db = try ServerFixtures.sampleStore("serve-feeds")
        let koret = try ServerFixtures.token("koret", db: db), klubben = try ServerFixtures.token("klubben", db: db)
        let feed = try ServerFixtures.cli(["users", "token", "koret", "--calendar"], db: db).trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let room = "hasseris-bibliotek-moedelokale"
        for (token, day) in [(koret, "02"), (klubben, "03")] {
            let made = try await server.request("POST", "/api/bookings", json: ["room": room, "start": "2027-03-\(day)T15:00", "end": "2027-03-\(day)T17:00"],
                                                headers: ["Authorization": "Bearer \(token)"])
            #expect(made.status == 201)
        }
        let busy = try await server.get("/api/rooms/\(room)/calendar?from=2027-03-01T00:00&to=2027-03-08T00:00")
        #expect(busy.status == 200 && busy.header("Content-Type")?.hasPrefix("text/calendar") == true)
        #expect(busy.text.contains("BEGIN:VFREEBUSY"))
        #expect(!busy.text.contains("Sebbersund") && !busy.text.contains("Skakklubben"))
        let own = try await server.get("/api/calendar/\(feed).ics")
        #expect(own.status == 200)
        #expect(own.text.contains("BEGIN:VEVENT") && own.text.contains("Sebbersund Kor") && !own.text.contains("Skakklubben"))
        #expect(try await server.get("/api/calendar/\(koret).ics").status == 401, "an API token opened the calendar feed")
    }
}
