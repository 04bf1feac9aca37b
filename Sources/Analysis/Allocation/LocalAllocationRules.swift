import Foundation
public import Scheduling

/// A municipality's local rules on top of the statutory order ("normally", § 21), read from a
/// configuration file (format: Data/rules/README.md).
///
/// A rule gives matching applications an earlier turn for the slots it covers. It never moves an
/// application ahead of the stk. 4 pass, and it only moves it ahead of other statutory classes when it
/// says so with `rank_as`. Rules listed earlier in the file come first.
///
/// ```swift
/// let rules = try LocalAllocationRules(json: text)
/// rules.rules.first?.id // "children-youth-elite-before-20"
/// ```
public struct LocalAllocationRules: Sendable, Hashable {
    /// Who made the rules (shown in reports).
    public var municipality: String
    /// In order of precedence.
    public var rules: [LocalRule]

    /// Creates a rule set.
    public init(municipality: String = "", rules: [LocalRule] = []) {
        self.municipality = municipality
        self.rules = rules
    }

    /// No local rules: the statutory order alone.
    public static let none = LocalAllocationRules()

    /// Parses the JSON rules file.
    /// - Throws: ``AllocationInputError/invalidRules(path:detail:)`` naming the member that failed.
    public init(json text: String) throws(AllocationInputError) {
        let file: RawFile
        do {
            file = try JSONDecoder().decode(RawFile.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidRules(path: Self.path(context.codingPath + [key]), detail: "missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidRules(path: Self.path(context.codingPath), detail: context.debugDescription)
        } catch {
            throw .invalidRules(path: "(file)", detail: "not valid JSON for a rules file")
        }
        var rules: [LocalRule] = []
        var seen = Set<String>()
        for (i, raw) in file.rules.enumerated() {
            let at = "rules[\(i)]"
            guard !raw.id.isEmpty, seen.insert(raw.id).inserted else {
                throw .invalidRules(path: at + ".id", detail: "ids must be non-empty and unique, got `\(raw.id)`")
            }
            var activities = Set<ActivityClass>()
            for a in raw.activities ?? [] {
                guard let c = ActivityClass(parsing: a) else {
                    throw .invalidRules(path: at + ".activities", detail: "unknown activity `\(a)`")
                }
                activities.insert(c)
            }
            var weekdays = Set<Weekday>()
            for w in raw.weekdays ?? [] {
                guard let d = Weekday(osmName: w) else {
                    throw .invalidRules(path: at + ".weekdays", detail: "unknown weekday `\(w)` (Mo ... Su)")
                }
                weekdays.insert(d)
            }
            func time(_ text: String?, _ name: String) throws(AllocationInputError) -> Int? {
                guard let text else { return nil }
                guard let m = WeeklySlot.allocationMinutes(text) else {
                    throw .invalidRules(path: at + "." + name, detail: "expected HH:MM, got `\(text)`")
                }
                return m
            }
            var rankAs: ActivityClass? = nil
            if let r = raw.rank_as {
                guard let c = ActivityClass(parsing: r) else {
                    throw .invalidRules(path: at + ".rank_as", detail: "unknown activity `\(r)`")
                }
                rankAs = c
            }
            rules.append(LocalRule(id: raw.id, text: raw.text, activities: activities,
                                   tags: Set((raw.tags ?? []).map { $0.lowercased() }), weekdays: weekdays,
                                   startsBefore: try time(raw.before, "before"), startsFrom: try time(raw.from, "from"),
                                   rankAs: rankAs))
        }
        self.init(municipality: file.municipality ?? "", rules: rules)
    }

    private struct RawRule: Decodable {
        var id: String
        var text: String
        var activities: [String]?
        var tags: [String]?
        var weekdays: [String]?
        var before: String?
        var from: String?
        var rank_as: String?
    }

    private struct RawFile: Decodable {
        var municipality: String?
        var rules: [RawRule]
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: ["."])
    }
}

/// One local rule: who it favours and for which slots.
public struct LocalRule: Sendable, Hashable {
    /// Short id, reported as the `rule` of allocations it decided.
    public var id: String
    /// The rule in words, quoted in reasons.
    public var text: String
    /// An application matches when its activity is listed here **or** it carries one of ``tags``;
    /// with both empty every application matches.
    public var activities: Set<ActivityClass>
    public var tags: Set<String>
    /// The slots covered: on these weekdays (empty: all) ...
    public var weekdays: Set<Weekday>
    /// ... starting before this minute of the day (nil: no limit) ...
    public var startsBefore: Int?
    /// ... and at or after this one (nil: no limit).
    public var startsFrom: Int?
    /// When set, the favoured turn is placed with this class in the stk. 3 order (if that is earlier).
    public var rankAs: ActivityClass?

    public init(id: String, text: String, activities: Set<ActivityClass> = [], tags: Set<String> = [],
                weekdays: Set<Weekday> = [], startsBefore: Int? = nil, startsFrom: Int? = nil,
                rankAs: ActivityClass? = nil) {
        self.id = id
        self.text = text
        self.activities = activities
        self.tags = tags
        self.weekdays = weekdays
        self.startsBefore = startsBefore
        self.startsFrom = startsFrom
        self.rankAs = rankAs
    }

    /// Whether the rule favours this application (activity or tag).
    public func matches(_ application: AllocationApplication) -> Bool {
        if activities.isEmpty && tags.isEmpty { return true }
        return activities.contains(application.activity) || !tags.isDisjoint(with: application.tags)
    }

    /// Whether the rule covers this slot (weekday and start time window).
    public func covers(_ slot: WeeklySlot) -> Bool {
        (weekdays.isEmpty || weekdays.contains(slot.weekday))
            && (startsBefore.map { slot.startMinute < $0 } ?? true)
            && (startsFrom.map { slot.startMinute >= $0 } ?? true)
    }
}
