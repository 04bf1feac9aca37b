import Analysis
import Foundation
import GeoTypes
import Testing
import TestSupport
@testable import Overblik

/// `near`'s JSON is written directly (``PrettyJSONWriter``); it must be byte for byte what
/// ``OverblikJSON`` (JSONEncoder) writes for the same hits.
@Suite("near's JSON writer")
struct NearJSONTests {
    @Test("answers from the sample give JSONEncoder's bytes", arguments: [
        ["at": "9.9187,57.048"], ["at": "9.9187,57.048", "limit": "200"], ["place": "Nibe", "kind": "village_hall", "limit": "5"],
        ["at": "9.92,57.05", "within": "1m"], ["at": "10.2,56.9", "free_at": "2027-03-02T19:00", "for": "2h", "limit": "7"],
    ])
    func sampleAnswers(parameters: [String: String]) throws {
        let answer = try CoverageTests.sample().near(NearParameters(parameters))
        #expect(try answer.json() == (try OverblikJSON.data(answer.hits)))
    }

    /// Hits with every member present or absent, hard strings and numbers of every magnitude.
    static func synthetic(seed: UInt64) -> [NearHit] {
        var random = SplitMix64(seed: seed)
        let strings = ["", "plain", "q\"uote", "back\\slash", "a/b", "line\nbreak\r\t", "\u{1}\u{8}\u{c}\u{1f}\u{7f}", "Næsby Å ø",
                       "\u{2028}😀", "https://example.dk/book?x=1&y=2"]
        let numbers = [0, -0.0, 57, 0.1, 1e-7, 1e21, 2.5e15, 123_456.789, -3.25, 5e-324, 1.7976931348623157e308, 1e16, 12.0]
        func text() -> String { strings[Int(random.next() % UInt64(strings.count))] }
        func maybeText() -> String? { random.next() % 3 == 0 ? nil : text() }
        func number() -> Double { numbers[Int(random.next() % UInt64(numbers.count))] }
        func maybeNumber() -> Double? { random.next() % 3 == 0 ? nil : number() }
        return (0 ..< 40).map { _ in
            let rooms = (0 ..< Int(random.next() % 3)).map { _ in
                NearHit.RoomLine(id: text(), name: text(), capacity: random.next() % 2 == 0 ? nil : Int(random.next() % 500) - 10,
                                 equipment: (0 ..< Int(random.next() % 3)).map { _ in text() })
            }
            return NearHit(id: text(), name: text(), kind: text(), lon: number(), lat: number(), distanceM: number(),
                           bearingDeg: maybeNumber(), direction: maybeText(), district: maybeText(), districtName: maybeText(),
                           rural: random.next() % 3 == 0 ? nil : random.next() % 2 == 0, owner: text(), address: maybeText(),
                           wheelchair: text(), toiletsWheelchair: text(), stepFree: text(), hearingLoop: text(),
                           openingHours: maybeText(), rooms: rooms, contactName: maybeText(), phone: maybeText(), email: maybeText(),
                           bookingURL: maybeText(), travel: maybeText(), metric: maybeText(), roadM: maybeNumber(), roadMin: maybeNumber())
        }
    }

    @Test("synthetic hits with hard strings, absent members and extreme numbers give JSONEncoder's bytes", arguments: [1, 2, 3, 17] as [UInt64])
    func syntheticHits(seed: UInt64) throws {
        let hits = Self.synthetic(seed: seed)
        let direct = try NearAnswer(place: ResolvedPlace(kind: .coordinate, name: "x", id: nil, location: Coordinate(lon: 0, lat: 0)), hits: hits).json()
        #expect(String(decoding: direct, as: UTF8.self) == (try OverblikJSON.text(hits)))
        #expect(try NearAnswer(place: ResolvedPlace(kind: .coordinate, name: "x", id: nil, location: Coordinate(lon: 0, lat: 0)), hits: []).json()
            == (try OverblikJSON.data([NearHit]())))
    }

    @Test("a number JSON cannot hold is refused as JSONEncoder refuses it")
    func nonFinite() {
        var writer = PrettyJSONWriter()
        #expect(throws: EncodingError.self) { try writer.number(.infinity) }
        #expect(throws: EncodingError.self) { try writer.number(.nan) }
    }
}
