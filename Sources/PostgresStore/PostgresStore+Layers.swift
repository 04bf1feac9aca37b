public import Facilities
public import GeoTypes
import PostgresNIO
public import Store

// MARK: - Facilities and rooms

extension PostgresStore {
    static let facilityColumns = FacilityColumn.allCases.map(\.name)
    static let roomColumns = RoomColumn.allCases.map(\.name)

    /// Inserts facilities with COPY (call inside ``write(_:)``); `replace` updates existing ids in place.
    public func insert(facilities: [Facility], replace: Bool) throws {
        var rows = CopyText()
        for f in facilities { Self.encode(f, into: &rows) }
        try copy(into: "facilities", columns: Self.facilityColumns, replace: replace, rows: rows)
    }

    /// Appends one facility as a COPY row.
    static func encode(_ f: Facility, into rows: inout CopyText) {
        let a = f.accessibility
        rows.text(f.id); rows.text(f.name); rows.text(f.kind.rawValue); rows.double(f.location.lon); rows.double(f.location.lat)
        rows.text(f.address); rows.text(f.owner.rawValue); rows.int(f.capacity); rows.text(f.openingHours)
        rows.text(a.wheelchair.rawValue); rows.text(a.toiletsWheelchair.rawValue); rows.text(a.stepFree.rawValue)
        rows.text(a.ramp.rawValue); rows.text(a.elevator.rawValue); rows.text(a.hearingLoop.rawValue)
        rows.text(a.parkingAccessible.rawValue); rows.text(a.godAdgang.isEmpty ? nil : a.godAdgang.joined(separator: "|"))
        rows.text(a.checked); rows.text(f.contact.name); rows.text(f.contact.phone); rows.text(f.contact.email)
        rows.text(f.contact.bookingURL); rows.bool(f.disabilitySuited); rows.text(f.districtCode)
        rows.endRow()
    }

    /// All facilities, ordered by id.
    public func facilities() throws -> [Facility] {
        try query("SELECT \(Self.facilityColumns.joined(separator: ", ")) FROM facilities ORDER BY id").map(Self.facility)
    }

    static func facility(_ row: PostgresRow) throws -> Facility {
        typealias C = FacilityColumn
        let c = Cells(row)
        func at(_ column: C) -> Int { Int(column.rawValue) }
        func tri(_ column: C) throws -> TriState { try c.tri(at(column)) }
        let accessibility = Accessibility(
            wheelchair: try c.wheelchair(at(.wheelchair)),
            toiletsWheelchair: try tri(.toiletsWheelchair), stepFree: try tri(.stepFree), ramp: try tri(.ramp),
            elevator: try tri(.elevator), hearingLoop: try tri(.hearingLoop), parkingAccessible: try tri(.parkingAccessible),
            godAdgang: try c.text(at(.godAdgang)).map { $0.split(separator: "|").map(String.init) } ?? [],
            checked: try c.text(at(.checked)))
        return Facility(
            id: try c.string(at(.id)), name: try c.string(at(.name)),
            kind: try c.text(at(.kind)).flatMap(FacilityKind.init(rawValue:)) ?? .other,
            location: try c.coordinate(lon: at(.lon), lat: at(.lat), of: "facilities", idColumn: at(.id)),
            address: try c.text(at(.address)), owner: try c.text(at(.owner)).flatMap(OwnerClass.init(rawValue:)) ?? .unknown,
            contact: Contact(name: try c.text(at(.contactName)), phone: try c.text(at(.phone)), email: try c.text(at(.email)),
                             bookingURL: try c.text(at(.bookingURL))),
            accessibility: accessibility, capacity: try c.int(at(.capacity)).map(Int.init), openingHours: try c.text(at(.openingHours)),
            disabilitySuited: try c.bool(at(.disabilitySuited)) == true, districtCode: try c.text(at(.districtCode)))
    }

    /// Inserts rooms with COPY (call inside ``write(_:)``); their facilities must exist.
    public func insert(rooms: [Room], replace: Bool) throws {
        var rows = CopyText()
        for r in rooms {
            let a = r.accessibility
            rows.text(r.id); rows.text(r.facilityID); rows.text(r.name); rows.int(r.capacity)
            rows.text(r.equipment.isEmpty ? nil : r.equipment.joined(separator: "|")); rows.text(r.openingHours)
            rows.text(a?.wheelchair.rawValue); rows.text(a?.toiletsWheelchair.rawValue); rows.text(a?.stepFree.rawValue)
            rows.text(a?.hearingLoop.rawValue); rows.bool(r.disabilitySuited)
            rows.endRow()
        }
        try copy(into: "rooms", columns: Self.roomColumns, replace: replace, rows: rows)
    }

    /// Listed rooms, ordered by facility and id.
    public func rooms() throws -> [Room] {
        try query("SELECT \(Self.roomColumns.joined(separator: ", ")) FROM rooms ORDER BY facility_id, id").map(Self.room)
    }

    static func room(_ row: PostgresRow) throws -> Room {
        typealias C = RoomColumn
        let c = Cells(row)
        func at(_ column: C) -> Int { Int(column.rawValue) }
        func tri(_ column: C) throws -> TriState { try c.tri(at(column)) }
        let overrides = try [C.wheelchair, .toiletsWheelchair, .stepFree, .hearingLoop].contains { try c.text(at($0)) != nil }
        let accessibility: Accessibility? = overrides ? Accessibility(
            wheelchair: try c.wheelchair(at(.wheelchair)),
            toiletsWheelchair: try tri(.toiletsWheelchair), stepFree: try tri(.stepFree), hearingLoop: try tri(.hearingLoop)) : nil
        return Room(id: try c.string(at(.id)), facilityID: try c.string(at(.facilityId)), name: try c.string(at(.name)),
                    capacity: try c.int(at(.capacity)).map(Int.init),
                    equipment: try c.text(at(.equipment)).map { $0.split(separator: "|").map(String.init) } ?? [],
                    accessibility: accessibility, openingHours: try c.text(at(.openingHours)),
                    disabilitySuited: try c.bool(at(.disabilitySuited)) == true)
    }

    /// Every bookable room: listed rooms, plus the implicit room of each facility without any.
    public func bookableRooms(facilities: [Facility]? = nil) throws -> [Room] {
        OverblikStore.bookable(listed: try rooms(), facilities: try facilities ?? self.facilities())
    }

    /// A bookable room by id (listed room or a facility's implicit room).
    public func room(id: String) throws -> Room? {
        var binds = PostgresBindings()
        binds.append(id)
        if let row = try query("SELECT \(Self.roomColumns.joined(separator: ", ")) FROM rooms WHERE id = $1", binds).first {
            return try Self.room(row)
        }
        guard let row = try query("""
            SELECT \(Self.facilityColumns.joined(separator: ", ")) FROM facilities f
            WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM rooms r WHERE r.facility_id = f.id)
            """, binds).first else { return nil }
        return try Self.facility(row).implicitRoom
    }

    /// Ids among `ids` that already exist in `table`.
    public func existingIDs(in table: String, among ids: [String]) throws -> [String] {
        precondition(["facilities", "rooms", "settlements", "population", "districts"].contains(table))
        guard !ids.isEmpty else { return [] }
        let key = table == "districts" ? "code" : "id"
        var binds = PostgresBindings()
        binds.append(ids)
        let found = Set(try query("SELECT \(key) FROM \(table) WHERE \(key) = ANY($1)", binds).map { try Cells($0).string(0) })
        return ids.filter { found.contains($0) }
    }
}
