public import Facilities
public import GeoTypes
public import Scheduling

/// One association's application for a weekly slot in the season.
///
/// The slots are alternatives in order of preference; an application gets at most one of them.
/// Requirements are hard: a room that cannot show it meets one (unknown capacity, unknown
/// accessibility) is not offered.
public struct AllocationApplication: Hashable, Sendable, Identifiable {
    public var id: String
    public var association: String
    public var activity: ActivityClass
    public var participants: Int
    /// Ranked alternatives, first choice first; never empty.
    public var slots: [WeeklySlot]
    /// Accepted facility kinds; empty accepts every kind.
    public var kinds: Set<FacilityKind>
    public var wheelchair: WheelchairRequirement?
    public var stepFree: Bool
    /// Equipment the room must have (lower-case tags).
    public var equipment: Set<String>
    /// Where the association's members live (the settlement point or given lon/lat).
    public var home: Coordinate?
    /// Whether the home lies in a rural area; nil when unknown (the engine may ask its `isRural`).
    public var rural: Bool?
    /// Farthest acceptable distance from home to the facility, metres.
    public var maxDistanceMetres: Double?
    /// When the application was received; missing sorts after every dated one.
    public var submitted: LocalDateTime?
    /// Preferred facility id: among premises of the same owner class it is offered first.
    public var preferredFacility: String?
    /// Free labels that local rules match on (`elite`, `tournament`).
    public var tags: Set<String>

    public init(id: String, association: String, activity: ActivityClass, participants: Int, slots: [WeeklySlot],
                kinds: Set<FacilityKind> = [], wheelchair: WheelchairRequirement? = nil, stepFree: Bool = false,
                equipment: Set<String> = [], home: Coordinate? = nil, rural: Bool? = nil,
                maxDistanceMetres: Double? = nil, submitted: LocalDateTime? = nil, preferredFacility: String? = nil,
                tags: Set<String> = []) {
        self.id = id
        self.association = association
        self.activity = activity
        self.participants = participants
        self.slots = slots
        self.kinds = kinds
        self.wheelchair = wheelchair
        self.stepFree = stepFree
        self.equipment = equipment
        self.home = home
        self.rural = rural
        self.maxDistanceMetres = maxDistanceMetres
        self.submitted = submitted
        self.preferredFacility = preferredFacility
        self.tags = tags
    }
}
