/// The outcome of an allocation round, in the JSON shape of DESIGN.md:
/// `{allocations: [...], refusals: [...], summary: {...}}`.
///
/// Allocations and refusals are sorted by application id, so equal input gives byte-equal JSON.
public struct AllocationResult: Codable, Sendable, Hashable {
    public var allocations: [Allocation]
    public var refusals: [Refusal]
    public var summary: AllocationSummary

    public init(allocations: [Allocation], refusals: [Refusal], summary: AllocationSummary) {
        self.allocations = allocations
        self.refusals = refusals
        self.summary = summary
    }
}

/// One weekly slot given to one application for the season.
public struct Allocation: Codable, Sendable, Hashable {
    /// Application id.
    public var application: String
    /// Facility id.
    public var facility: String
    /// Room id.
    public var room: String
    /// `Mo` ... `Su`.
    public var weekday: String
    /// `HH:MM`.
    public var start: String
    /// `HH:MM`.
    public var end: String
    /// The season dates the slot runs on, `YYYY-MM-DD`, in order.
    public var dates: [String]
    /// Season dates on that weekday when the room is closed for a holiday or a season closure.
    public var skippedDates: [String]
    /// What decided it: `stk. 4`, `stk. 3`, or a local rule id.
    public var rule: String
    /// The decision in words, for the association.
    public var reason: String

    public init(application: String, facility: String, room: String, weekday: String, start: String, end: String,
                dates: [String], skippedDates: [String], rule: String, reason: String) {
        self.application = application
        self.facility = facility
        self.room = room
        self.weekday = weekday
        self.start = start
        self.end = end
        self.dates = dates
        self.skippedDates = skippedDates
        self.rule = rule
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case application, facility, room, weekday, start, end, dates
        case skippedDates = "skipped_dates"
        case rule, reason
    }
}

/// An application that got no slot, with the reason per requested slot.
public struct Refusal: Codable, Sendable, Hashable {
    public var application: String
    public var reason: String

    public init(application: String, reason: String) {
        self.application = application
        self.reason = reason
    }
}

/// Totals of a round: per activity class and per rural/urban home, requested versus allocated hours.
public struct AllocationSummary: Codable, Sendable, Hashable {
    /// `YYYY-MM-DD` of the season's first and last day.
    public var seasonFrom: String
    public var seasonTo: String
    public var applications: Int
    public var allocated: Int
    public var refused: Int
    /// One row per activity class, in statutory order.
    public var byActivity: [AllocationSummaryRow]
    /// Rows `rural`, `urban`, `unknown` (home not classified), in that order.
    public var byArea: [AllocationSummaryRow]
    /// Rooms left out of the round and why (private premises are not listed; they are never offered).
    public var roomsNotOffered: [RoomNotOffered]

    public init(seasonFrom: String, seasonTo: String, applications: Int, allocated: Int, refused: Int,
                byActivity: [AllocationSummaryRow], byArea: [AllocationSummaryRow], roomsNotOffered: [RoomNotOffered]) {
        self.seasonFrom = seasonFrom
        self.seasonTo = seasonTo
        self.applications = applications
        self.allocated = allocated
        self.refused = refused
        self.byActivity = byActivity
        self.byArea = byArea
        self.roomsNotOffered = roomsNotOffered
    }

    enum CodingKeys: String, CodingKey {
        case seasonFrom = "season_from", seasonTo = "season_to", applications, allocated, refused
        case byActivity = "by_activity", byArea = "by_area", roomsNotOffered = "rooms_not_offered"
    }
}

/// Requested versus allocated hours of one group of applications.
///
/// Requested weekly hours count each application's first-choice slot; allocated weekly hours the slot
/// it got; allocated season hours multiply by the dates it runs on (skipped dates excluded).
public struct AllocationSummaryRow: Codable, Sendable, Hashable {
    /// Activity class (`children`) or area (`rural`).
    public var group: String
    public var applications: Int
    public var allocated: Int
    public var refused: Int
    public var requestedWeeklyHours: Double
    public var allocatedWeeklyHours: Double
    public var allocatedSeasonHours: Double

    public init(group: String, applications: Int = 0, allocated: Int = 0, refused: Int = 0,
                requestedWeeklyHours: Double = 0, allocatedWeeklyHours: Double = 0, allocatedSeasonHours: Double = 0) {
        self.group = group
        self.applications = applications
        self.allocated = allocated
        self.refused = refused
        self.requestedWeeklyHours = requestedWeeklyHours
        self.allocatedWeeklyHours = allocatedWeeklyHours
        self.allocatedSeasonHours = allocatedSeasonHours
    }

    enum CodingKeys: String, CodingKey {
        case group, applications, allocated, refused
        case requestedWeeklyHours = "requested_weekly_hours", allocatedWeeklyHours = "allocated_weekly_hours"
        case allocatedSeasonHours = "allocated_season_hours"
    }
}

/// A room that could not take part in the round.
public struct RoomNotOffered: Codable, Sendable, Hashable {
    public var room: String
    public var reason: String

    public init(room: String, reason: String) {
        self.room = room
        self.reason = reason
    }
}
