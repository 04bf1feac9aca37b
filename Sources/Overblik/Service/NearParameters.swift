import Analysis
import Foundation
import Facilities
import GeoTypes
import Scheduling

/// A `near` question in the words of a query string (`GET /api/near?at=9.9,57.0&kind=library`):
/// every value is text, parsed here once so that every front-end refuses bad input the same way.
///
/// Keys: `at` (LON,LAT) or `place` (settlement, facility id), `limit`, `within` (`500m`, `2.5km`),
/// `kind` (comma-separated), `wheelchair` (yes|limited), `step_free`, `hearing_loop`,
/// `toilets_wheelchair`, `parking_accessible` (true|false), `capacity`, `equipment`, `owner`,
/// `free_at` + `for`, `free_weekly` + `from` + `to`, `by` (geodesic, walk, bike, car: by road, where
/// `within` may be a duration such as `10min`), `rank` (distance|time, by road without `within`).
public struct NearParameters: Sendable {
    /// The values by key, as given.
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    /// The keys this parser knows.
    public static let keys: Set<String> = [
        "at", "place", "limit", "within", "kind", "wheelchair", "step_free", "hearing_loop", "toilets_wheelchair",
        "parking_accessible", "capacity", "equipment", "owner", "free_at", "for", "free_weekly", "from", "to", "by",
        "min_share", "rank",
    ]

    /// The place text: `at` or `place`, exactly one of them.
    /// - Throws: ``OverblikError/badInput(_:)`` when neither or both are given.
    public func placeText() throws -> String {
        switch (values["at"], values["place"]) {
        case let (at?, nil): return at
        case let (nil, place?): return place
        case (nil, nil): throw OverblikError.badInput("give at=LON,LAT or place=NAME")
        default: throw OverblikError.badInput("give either at or place, not both")
        }
    }

    /// The query these parameters ask.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter and what was expected.
    public func query() throws -> NearQuery {
        let road = try roadQuestion()
        let limit = try values["limit"].map { try count("limit", $0, maximum: 1_000) } ?? 10
        var within: Double?
        if road == nil, let text = values["within"] {
            do { within = try Distance(parsing: text).metres } catch {
                throw OverblikError.badInput("within: \(error) (expected e.g. 500m, 2.5km)")
            }
        }
        return NearQuery(filter: try filter(), limit: limit, within: within, time: try timeCondition())
    }

    /// The question by road of `by=walk|bike|car` (with `within` a distance or a duration, and `rank`),
    /// nil for `by=geodesic` or no `by`.
    /// - Throws: ``OverblikError/badInput(_:)`` for another `by`, or a `within` or `rank` it cannot read.
    public func roadQuestion() throws -> RoadQuestion? {
        guard let by = values["by"], by != "geodesic" else {
            if values["rank"] != nil { throw OverblikError.badInput("rank needs by=walk, bike or car") }
            return nil
        }
        guard ["walk", "bike", "car"].contains(by) else {
            throw OverblikError.badInput("by: expected geodesic, walk, bike or car, not '\(by)'")
        }
        do { return try RoadQuestion(by: by, within: values["within"], rank: values["rank"]) } catch let error as OverblikError {
            throw OverblikError.badInput(error.description.replacingOccurrences(of: "--", with: ""))
        }
    }

    /// The facility filter of these parameters (every key but the place, the limit, the reach and the time).
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter and what was expected.
    public func filter() throws -> FacilityFilter {
        var filter = FacilityFilter()
        for part in list("kind") {
            guard let kind = FacilityKind(parsing: part) else {
                throw OverblikError.badInput("kind: unknown kind '\(part)'; expected \(FacilityKind.expectedDescription)")
            }
            filter.kinds.insert(kind)
        }
        for part in list("owner") {
            guard let owner = OwnerClass(parsing: part) else {
                throw OverblikError.badInput("owner: unknown owner class '\(part)'; expected municipal, education, regional, state, private")
            }
            filter.owners.insert(owner)
        }
        if let text = values["wheelchair"] {
            guard let requirement = WheelchairRequirement(rawValue: text) else {
                throw OverblikError.badInput("wheelchair: expected yes or limited, not '\(text)'")
            }
            filter.wheelchair = requirement
        }
        filter.stepFree = try flag("step_free")
        filter.hearingLoop = try flag("hearing_loop")
        filter.toiletsWheelchair = try flag("toilets_wheelchair")
        filter.parkingAccessible = try flag("parking_accessible")
        if let text = values["capacity"] { filter.minCapacity = try count("capacity", text, maximum: 1_000_000) }
        filter.equipment = Set(list("equipment").map { $0.lowercased() })
        return filter
    }

    func timeCondition() throws -> TimeCondition? {
        if let freeAt = values["free_at"] {
            guard values["free_weekly"] == nil else { throw OverblikError.badInput("use either free_at or free_weekly") }
            let start: LocalDateTime
            do { start = try LocalDateTime(parsing: freeAt) } catch {
                throw OverblikError.badInput("free_at: \(error) (expected e.g. 2026-12-01T19:00)")
            }
            guard let text = values["for"] else { throw OverblikError.badInput("free_at needs for=DURATION (e.g. for=2h)") }
            let duration: ScheduleDuration
            do { duration = try ScheduleDuration(parsing: text) } catch {
                throw OverblikError.badInput("for: \(error) (expected e.g. 90m, 2h)")
            }
            guard duration.minutes > 0 else { throw OverblikError.badInput("for must be longer than 0 minutes") }
            return .freeAt(start: start, duration: duration)
        }
        if let weekly = values["free_weekly"] {
            let slot: WeeklySlot
            do { slot = try WeeklySlot(parsing: weekly) } catch {
                throw OverblikError.badInput("free_weekly: \(error) (expected e.g. \"Tu 19:00-21:00\")")
            }
            guard let from = values["from"], let to = values["to"] else {
                throw OverblikError.badInput("free_weekly needs from=DATE and to=DATE")
            }
            let first: LocalDate, last: LocalDate
            do {
                first = try LocalDate(parsing: String(from.prefix(10)))
                last = try LocalDate(parsing: String(to.prefix(10)))
            } catch { throw OverblikError.badInput("from/to: \(error) (expected YYYY-MM-DD)") }
            guard first <= last else { throw OverblikError.badInput("from must not be after to") }
            guard last.dayNumber - first.dayNumber <= 2 * 366 else {
                throw OverblikError.badInput("free_weekly: the season \(first)..\(last) is longer than two years")
            }
            if let text = values["min_share"] {
                guard let share = Double(text), (0...1).contains(share) else {
                    throw OverblikError.badInput("min_share: expected a number from 0 to 1, not '\(text)'")
                }
                return .freeWeeklyShare(slot: slot, from: first, through: last, minShare: share)
            }
            return .freeWeekly(slot: slot, from: first, through: last)
        }
        if values["min_share"] != nil { throw OverblikError.badInput("min_share needs free_weekly") }
        if values["for"] != nil { throw OverblikError.badInput("for needs free_at") }
        return nil
    }

    func list(_ key: String) -> [String] {
        (values[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func flag(_ key: String) throws -> Bool {
        switch values[key] {
        case nil, "false", "0", "no": return false
        case "true", "1", "yes", "": return true
        case let other?: throw OverblikError.badInput("\(key): expected true or false, not '\(other)'")
        }
    }

    func count(_ key: String, _ text: String, maximum: Int) throws -> Int {
        guard let value = Int(text), value >= 0, value <= maximum else {
            throw OverblikError.badInput("\(key): expected a whole number from 0 to \(maximum), not '\(text)'")
        }
        return value
    }
}

extension Overblik {
    /// Answers a `near` question given as text parameters (see ``NearParameters``).
    /// - Throws: ``OverblikError/badInput(_:)`` for bad parameters, ``OverblikError/notFound(what:suggestions:)``
    ///   for an unknown place.
    public func near(_ parameters: NearParameters) throws -> NearAnswer {
        let query = try parameters.query()
        guard let road = try parameters.roadQuestion() else { return try near(resolvePlace(try parameters.placeText()), query) }
        try requireNetwork(road)
        return try near(resolvePlace(try parameters.placeText()), query, by: road)
    }

    /// Refuses a question by road on a store without a network for its mode.
    /// - Throws: ``OverblikError/badInput(_:)`` saying how to load one.
    public func requireNetwork(_ road: RoadQuestion) throws {
        do { _ = try roads.state(road.mode, store: backend) } catch OverblikError.notFound {
            throw OverblikError.badInput("by=\(road.modeName): this store has no \(road.modeName) road network (load one with `overblik import network FILE.osm.pbf`); use by=geodesic")
        }
    }
}
