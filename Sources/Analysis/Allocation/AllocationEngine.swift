public import Facilities
public import GeoTypes
public import Scheduling

/// The allocation round of Folkeoplysningsloven § 21: weekly slots to associations for a season.
///
/// Order of decisions (Data/rules/README.md has the full text):
/// 1. **stk. 4 pass**: disability applications, ordered by submission time then id, may take only rooms
///    particularly suited to disability activities; nobody else may take such a room in this pass.
/// 2. **general pass**: every application still without a slot, ordered by class (disability,
///    children, adult education, adults: stk. 3), then local rule (earlier rule first; a rule's turn
///    covers only the leading preferred slots it applies to), then submission time, then id.
/// In each turn the ranked slots are tried in order; per slot the candidate rooms in stk. 1 order
/// (municipal, education, regional, state; private premises are never offered), then the preferred
/// facility, then distance from home, then smallest sufficient capacity, then room id.
///
/// The result is deterministic: it depends on the content of the input, not on its order.
public enum AllocationEngine {
    /// Runs an allocation round.
    ///
    /// - Parameters:
    ///   - applications: the applications; ids must be unique.
    ///   - rooms: bookable rooms; a facility without a listed room takes part as its implicit room.
    ///   - facilities: the premises the rooms belong to.
    ///   - existingBookings: bookings already in the calendar, per room id (local wall-clock intervals).
    ///   - season: first and last day of the season, and season-wide closed dates.
    ///   - rules: the municipality's local rules (`.none` for the statutory order alone).
    ///   - calendar: public and school holidays for `PH`/`SH` in opening hours and for skipped dates.
    ///   - distance: metres from an application's home to a facility (the caller's metric).
    ///   - isRural: classifies a home point for the summary when the application does not say.
    /// - Returns: allocations, refusals (each with its reason) and the summary.
    /// - Throws: ``AllocationInputError`` for duplicate application, facility or room ids, rooms of unknown
    ///   facilities, and applications without slots or participants.
    /// - Complexity: O(A × R) to find candidate rooms, plus O(R × S × W log I) to evaluate the distinct
    ///   slots S over W weeks, for A applications and R rooms.
    ///
    /// ```swift
    /// let result = try AllocationEngine.allocate(applications: apps, rooms: rooms, facilities: facilities,
    ///                                            existingBookings: [:], season: season, rules: .none,
    ///                                            calendar: .danish, distance: { home, f in metres(home, f.location) })
    /// ```
    public static func allocate(applications: [AllocationApplication], rooms: [Room], facilities: [Facility],
                                existingBookings: [String: [LocalInterval]] = [:], season: AllocationSeason,
                                rules: LocalAllocationRules = .none, calendar: HolidayCalendar = .danish,
                                distance: (_ applicationHome: Coordinate, _ facility: Facility) -> Double,
                                isRural: ((Coordinate) -> Bool)? = nil) throws(AllocationInputError) -> AllocationResult {
        var round = try AllocationRound(applications: applications, rooms: rooms, facilities: facilities,
                                        existingBookings: existingBookings, season: season, rules: rules,
                                        calendar: calendar, distance: distance)
        round.run()
        return round.result(isRural: isRural)
    }
}

/// The sort key of a turn: smaller goes first.
struct AllocationTurnKey: Comparable {
    /// 0 = stk. 4 pass, 1 = general pass.
    var stage: Int
    var classRank: Int
    /// Index of the local rule that gave the turn; rules.count for none.
    var ruleRank: Int
    /// Local minutes of the submission; Int.max when unknown.
    var submitted: Int
    var id: String

    static func < (a: AllocationTurnKey, b: AllocationTurnKey) -> Bool {
        (a.stage, a.classRank, a.ruleRank, a.submitted) != (b.stage, b.classRank, b.ruleRank, b.submitted)
            ? (a.stage, a.classRank, a.ruleRank, a.submitted) < (b.stage, b.classRank, b.ruleRank, b.submitted)
            : a.id < b.id
    }
}

/// One application's turn: the slots it may try at this position.
struct AllocationTurn {
    var key: AllocationTurnKey
    var application: Int
    /// Indices into the application's slots, in preference order.
    var slots: [Int]
    /// The local rule that gave this turn, if any.
    var rule: Int?
}

/// A room a candidate list offers, with its distance from home.
struct AllocationCandidate {
    var room: Int
    var metres: Double?
}

/// A weekly slot held in a room.
struct AllocationOccupant {
    var start: Int
    var end: Int
    var application: Int
    /// Position of the turn in the processing order (smaller came first).
    var order: Int
    var key: AllocationTurnKey
    var rule: Int?
}

/// What an application got.
struct AllocationPlacement {
    var room: Int
    var slot: Int
    var dates: [Int]
    var skipped: [Int]
    var key: AllocationTurnKey
    var rule: Int?
}
