public import Scheduling

/// One data-quality problem found by ``Overblik/checkQuality(_:)``.
public struct QualityProblem: Sendable, Codable, Hashable {
    /// What kind of problem; the JSON/CSV value is the raw value.
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        /// A facility outside every district (when districts are loaded).
        case outsideDistricts = "outside_districts"
        /// A facility whose wheelchair access is unknown.
        case wheelchairUnknown = "wheelchair_unknown"
        /// Accessibility information older than the limit, or never checked.
        case accessibilityStale = "accessibility_stale"
        /// Two facilities close together with similar names.
        case likelyDuplicate = "likely_duplicate"
        /// A bookable room without availability (no opening_hours).
        case noAvailability = "no_availability"
        /// A room whose opening_hours does not parse.
        case unparsableAvailability = "unparsable_availability"
        /// A room whose opening_hours parses but never opens in the next 365 days.
        case neverOpen = "never_open"
        /// A booking not entirely inside its room's availability.
        case bookingOutsideAvailability = "booking_outside_availability"
        /// A room whose opening_hours uses SH while no school-holiday calendar is stored.
        case schoolHolidaysMissing = "school_holidays_missing"

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var kind: Kind
    /// `facilities`, `rooms` or `bookings`.
    public var table: String
    /// Id of the facility, room or booking.
    public var id: String
    /// Its name (booking: the holder).
    public var name: String
    /// What is wrong, in words, with the values involved.
    public var detail: String
    /// The other facility of a likely duplicate; the room of a booking.
    public var relatedID: String?

    public init(kind: Kind, table: String, id: String, name: String, detail: String, relatedID: String? = nil) {
        self.kind = kind
        self.table = table
        self.id = id
        self.name = name
        self.detail = detail
        self.relatedID = relatedID
    }

    enum CodingKeys: String, CodingKey {
        case kind, table, id, name, detail, relatedID = "related_id"
    }
}

/// Settings of a data-quality check.
public struct QualityOptions: Sendable {
    /// Accessibility information checked longer ago than this many years is stale.
    public var staleAfterYears: Int
    /// Facilities closer than this (geodesic, metres) with similar names are likely duplicates.
    public var duplicateRadiusMetres: Double
    /// The reference time (the clock is injected): "older than" and "the next 365 days" count from here.
    public var now: LocalDateTime

    public init(staleAfterYears: Int = 5, duplicateRadiusMetres: Double = 25, now: LocalDateTime) {
        self.staleAfterYears = staleAfterYears
        self.duplicateRadiusMetres = duplicateRadiusMetres
        self.now = now
    }
}

/// What `overblik check` reports. Stable JSON (documented in the README).
public struct QualityReport: Sendable, Codable {
    /// Problems, ordered by kind, then table and id.
    public var problems: [QualityProblem]
    /// Problems per kind (every kind listed, zeros included).
    public var counts: [String: Int]
    /// How much was examined.
    public var examined: Examined
    /// The reference time, local.
    public var referenceTime: String
    public var staleAfterYears: Int
    public var duplicateRadiusMetres: Double

    public struct Examined: Sendable, Codable {
        public var facilities: Int
        public var rooms: Int
        public var bookings: Int
        public var districts: Int
    }

    /// Whether nothing was found.
    public var isClean: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey {
        case problems, counts, examined, referenceTime = "reference_time", staleAfterYears = "stale_after_years"
        case duplicateRadiusMetres = "duplicate_radius_m"
    }
}
