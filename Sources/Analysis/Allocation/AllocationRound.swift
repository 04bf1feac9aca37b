import Facilities
import GeoTypes
import Scheduling

/// The state of one allocation round: prepared rooms, candidate lists, turns, occupancy, placements.
/// Built and run by ``AllocationEngine``'s `allocate`.
struct AllocationRound {
    let applications: [AllocationApplication]
    let rooms: [AllocationRoom]
    /// Private rooms, only to say in refusals that they would have fitted.
    let privateRooms: [AllocationRoom]
    let roomsNotOffered: [RoomNotOffered]
    let season: AllocationSeason
    let rules: LocalAllocationRules
    /// Day numbers skipped when a room is closed: public holidays incl. customary closing days,
    /// school holidays, season closures.
    let holidays: Set<Int>
    /// AllocationCandidate rooms per application, in offer order.
    let candidates: [[AllocationCandidate]]
    /// For applications no room can serve at all, the requirement that rules every room out.
    let requirementReasons: [String?]
    /// Distinct slots and their season dates.
    var slotIndex: [WeeklySlot: Int] = [:]
    var slotDates: [[LocalDate]] = []
    /// Per application, its slots as distinct-slot indices.
    var appSlots: [[Int]] = []
    /// Per application and slot position, the best general-pass key that covers it.
    var slotKeys: [[AllocationTurnKey]] = []
    /// Evaluated slots, at `room * slotDates.count + slot` (sized once the slots are known).
    var availability: [AllocationSlotAvailability?] = []
    /// Per room, per weekday (Monday 0), the slots held.
    var occupancy: [[[AllocationOccupant]]]
    var placements: [Int: AllocationPlacement] = [:]
    var turns: [AllocationTurn] = []

    init(applications input: [AllocationApplication], rooms roomList: [Room], facilities: [Facility],
         existingBookings: [String: [LocalInterval]], season: AllocationSeason, rules: LocalAllocationRules,
         calendar: HolidayCalendar, distance: (Coordinate, Facility) -> Double) throws(AllocationInputError) {
        let apps = input.sorted { $0.id < $1.id }
        for i in apps.indices.dropFirst() where apps[i].id == apps[i - 1].id { throw .duplicateApplication(id: apps[i].id) }
        for app in apps {
            guard !app.slots.isEmpty else { throw .invalidApplication(id: app.id, expected: "one or more slots") }
            guard app.participants > 0 else { throw .invalidApplication(id: app.id, expected: "participants above 0") }
        }
        applications = apps
        self.season = season
        self.rules = rules

        var facilityByID: [String: (facility: Facility, index: Int)] = [:]
        let sortedFacilities = facilities.sorted { $0.id < $1.id }
        for (i, f) in sortedFacilities.enumerated() {
            guard facilityByID[f.id] == nil else { throw .duplicateFacility(id: f.id) }
            facilityByID[f.id] = (f, i)
        }
        var allRooms = roomList
        let listed = Set(roomList.map(\.facilityID))
        for f in facilities where !listed.contains(f.id) { allRooms.append(f.implicitRoom) }
        allRooms.sort { $0.id < $1.id }
        for i in allRooms.indices.dropFirst() where allRooms[i].id == allRooms[i - 1].id { throw .duplicateRoom(id: allRooms[i].id) }

        var hoursCache = OpeningHoursCache()
        var prepared: [AllocationRoom] = [], privates: [AllocationRoom] = [], notOffered: [RoomNotOffered] = []
        for room in allRooms {
            guard let (facility, facilityIndex) = facilityByID[room.facilityID] else {
                throw .unknownFacility(room: room.id, facility: room.facilityID)
            }
            if facility.owner == .unknown {
                notOffered.append(RoomNotOffered(room: room.id, reason: "owner unknown: set the facility's owner (municipal, education, regional, state or private) so the round can place it in the order of section 21"))
                continue
            }
            if facility.owner == .private {
                privates.append(AllocationRoom(room: room, facility: facility, facilityIndex: facilityIndex, hours: nil,
                                               season: season, calendar: calendar, bookings: []))
                continue
            }
            guard let text = room.openingHours ?? (room.id == facility.id ? facility.openingHours : nil) else {
                notOffered.append(RoomNotOffered(room: room.id, reason: "no opening hours: never offered"))
                continue
            }
            let hours: OpeningHours
            switch hoursCache.parse(text) {
            case let .success(parsed): hours = parsed
            case let .failure(error):
                notOffered.append(RoomNotOffered(room: room.id, reason: "opening hours not understood: \(error)"))
                continue
            }
            prepared.append(AllocationRoom(room: room, facility: facility, facilityIndex: facilityIndex, hours: hours,
                                           season: season, calendar: calendar,
                                           bookings: existingBookings[room.id] ?? []))
        }
        rooms = prepared
        privateRooms = privates
        roomsNotOffered = notOffered
        occupancy = Array(repeating: Array(repeating: [], count: 7), count: prepared.count)

        var skip = Set<Int>()
        for day in season.from.dayNumber...season.to.dayNumber {
            let date = LocalDate(dayNumber: day)
            if season.closedDates.contains(date) || calendar.isSchoolHoliday(date)
                || DanishHolidays.holiday(on: date, includingCustomaryClosingDays: true) != nil
                || calendar.isPublicHoliday(date) { skip.insert(day) }
        }
        holidays = skip

        var candidateLists: [[AllocationCandidate]] = [], reasons: [String?] = []
        candidateLists.reserveCapacity(apps.count)
        var metres = [Double](repeating: .nan, count: sortedFacilities.count)
        for app in apps {
            for i in metres.indices { metres[i] = .nan }
            let list = Self.candidates(for: app, in: prepared, distance: distance, cache: &metres)
            candidateLists.append(list)
            reasons.append(list.isEmpty
                ? Self.requirementReason(app, rooms: prepared, privateRooms: privates, distance: distance) : nil)
        }
        candidates = candidateLists
        requirementReasons = reasons
    }

    /// The rooms that meet every requirement of `app`, in offer order.
    /// `cache` holds the distance per facility index for this application (NaN: not yet computed).
    static func candidates(for app: AllocationApplication, in rooms: [AllocationRoom],
                           distance: (Coordinate, Facility) -> Double, cache: inout [Double]) -> [AllocationCandidate] {
        var found: [(candidate: AllocationCandidate, rank: Int, preferred: Int, capacity: Int)] = []
        for (i, room) in rooms.enumerated() {
            guard let metres = meets(app, room, distance: distance, cache: &cache) else { continue }
            found.append((AllocationCandidate(room: i, metres: metres.isNaN ? nil : metres), room.ownerRank,
                          room.facility.id == app.preferredFacility ? 0 : 1, room.room.capacity ?? 0))
        }
        found.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.preferred != b.preferred { return a.preferred < b.preferred }
            let da = a.candidate.metres ?? 0, db = b.candidate.metres ?? 0
            if da != db { return da < db }
            if a.capacity != b.capacity { return a.capacity < b.capacity }
            return a.candidate.room < b.candidate.room
        }
        return found.map(\.candidate)
    }

    /// Capacity, accessibility, kind and equipment (the checks of ``AllocationRequirement`` other than
    /// distance, cheapest first; the hot loop of candidate search).
    static func meetsStaticRequirements(_ app: AllocationApplication, _ room: AllocationRoom) -> Bool {
        guard let capacity = room.capacity, capacity >= app.participants else { return false }
        if app.stepFree && room.stepFree != .yes { return false }
        if let w = app.wheelchair, !room.wheelchair.satisfies(w) { return false }
        if !app.kinds.isEmpty && !app.kinds.contains(room.kind) { return false }
        if !app.equipment.isEmpty && !app.equipment.isSubset(of: room.equipment) { return false }
        return true
    }

    /// The distance (NaN when there is no home) if the room meets every requirement, else nil.
    static func meets(_ app: AllocationApplication, _ room: AllocationRoom, distance: (Coordinate, Facility) -> Double,
                      cache: inout [Double]) -> Double? {
        guard meetsStaticRequirements(app, room) else { return nil }
        guard let home = app.home else { return app.maxDistanceMetres == nil ? .nan : nil }
        var metres = cache[room.facilityIndex]
        if metres.isNaN {
            metres = distance(home, room.facility)
            cache[room.facilityIndex] = metres
        }
        if let limit = app.maxDistanceMetres, !(metres <= limit) { return nil }
        return metres
    }
}

/// The static requirements, in the order refusals name them.
enum AllocationRequirement: CaseIterable {
    case kind, distance, capacity, wheelchair, stepFree, equipment

    /// Whether the room meets this requirement; `distance` is checked by the caller (always true here).
    func isMet(_ app: AllocationApplication, _ room: AllocationRoom) -> Bool {
        switch self {
        case .kind: return app.kinds.isEmpty || app.kinds.contains(room.kind)
        case .distance: return true
        case .capacity: return room.capacity.map { $0 >= app.participants } ?? false
        case .wheelchair: return app.wheelchair.map { room.wheelchair.satisfies($0) } ?? true
        case .stepFree: return !app.stepFree || room.stepFree == .yes
        case .equipment: return app.equipment.isSubset(of: room.equipment)
        }
    }
}
