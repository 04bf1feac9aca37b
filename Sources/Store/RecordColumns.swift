import Facilities
import GeoTypes

/// A record's columns by name, in the manner of GRDB's `Columns` enums: the SELECT list, the
/// INSERT list and its placeholders are all generated from the cases, so a decoder reads a column
/// by its name and nothing is counted by hand. A case's raw value is its position in
/// ``sqlList`` (cases are declared in SELECT order; `RecordColumnsTests` checks both).
public protocol RecordColumns: RawRepresentable, CaseIterable where RawValue == Int32 {}

extension RecordColumns {
    /// The SQL name: the case name in snake case (`openingHours` → `opening_hours`, `bookingURL` → `booking_url`).
    public var name: String {
        var out = ""
        var previousLower = false
        for c in String(describing: self) {
            if c.isUppercase && previousLower { out.append("_") }
            out += c.lowercased()
            previousLower = c.isLowercase || c.isNumber
        }
        return out
    }

    /// Every column, comma-separated, in declaration order: the SELECT and INSERT list.
    public static var sqlList: String { allCases.map(\.name).joined(separator: ", ") }

    /// One `?` per column, comma-separated.
    public static var placeholders: String { allCases.map { _ in "?" }.joined(separator: ",") }
}

/// The current row of a statement (while iterating) or a copied ``Row``, read by column.
protocol ColumnReader {
    func text(_ column: Int32) -> String?
    func double(_ column: Int32) -> Double?
    func int(_ column: Int32) -> Int64?
    func isNull(_ column: Int32) -> Bool
}

/// A statement positioned on a row, read in place (no ``Row`` copy): GRDB's statement row.
struct StatementRow: ColumnReader {
    let statement: Statement
    func text(_ column: Int32) -> String? { statement.text(column) }
    func double(_ column: Int32) -> Double? { statement.isNull(column) ? nil : statement.double(column) }
    func int(_ column: Int32) -> Int64? { statement.isNull(column) ? nil : statement.int64(column) }
    func isNull(_ column: Int32) -> Bool { statement.isNull(column) }
}

extension Row: ColumnReader {
    func text(_ column: Int32) -> String? { self[Int(column)].string }
    func double(_ column: Int32) -> Double? { self[Int(column)].double }
    func int(_ column: Int32) -> Int64? { self[Int(column)].int }
    func isNull(_ column: Int32) -> Bool { self[Int(column)].isNull }
}

extension ColumnReader {
    func text<C: RecordColumns>(_ column: C) -> String? { text(column.rawValue) }
    func double<C: RecordColumns>(_ column: C) -> Double? { double(column.rawValue) }
    func int<C: RecordColumns>(_ column: C) -> Int64? { int(column.rawValue) }
    func isNull<C: RecordColumns>(_ column: C) -> Bool { isNull(column.rawValue) }
    func tri<C: RecordColumns>(_ column: C) -> TriState { text(column).flatMap(TriState.init(rawValue:)) ?? .unknown }
}

/// The columns of a room row.
public enum RoomColumn: Int32, RecordColumns, Sendable {
    case id = 0, facilityId, name, capacity, equipment, openingHours, wheelchair, toiletsWheelchair
    case stepFree, hearingLoop, disabilitySuited
}

extension OverblikStore {
    /// The one decoder of a facility row (columns ``FacilityColumn``), from a statement or a row.
    static func facility(from row: some ColumnReader) -> Facility {
        typealias C = FacilityColumn
        let accessibility = Accessibility(
            wheelchair: row.text(C.wheelchair).flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown,
            toiletsWheelchair: row.tri(C.toiletsWheelchair), stepFree: row.tri(C.stepFree), ramp: row.tri(C.ramp),
            elevator: row.tri(C.elevator), hearingLoop: row.tri(C.hearingLoop), parkingAccessible: row.tri(C.parkingAccessible),
            godAdgang: row.text(C.godAdgang).map { $0.split(separator: "|").map(String.init) } ?? [], checked: row.text(C.checked))
        return Facility(
            id: row.text(C.id) ?? "", name: row.text(C.name) ?? "", kind: row.text(C.kind).flatMap(FacilityKind.init(rawValue:)) ?? .other,
            location: Coordinate(lon: row.double(C.lon) ?? 0, lat: row.double(C.lat) ?? 0), address: row.text(C.address),
            owner: row.text(C.owner).flatMap(OwnerClass.init(rawValue:)) ?? .unknown,
            contact: Contact(name: row.text(C.contactName), phone: row.text(C.phone), email: row.text(C.email),
                             bookingURL: row.text(C.bookingURL)),
            accessibility: accessibility, capacity: row.int(C.capacity).map(Int.init), openingHours: row.text(C.openingHours),
            disabilitySuited: row.int(C.disabilitySuited) == 1, districtCode: row.text(C.districtCode))
    }

    /// The one decoder of a room row (columns ``RoomColumn``).
    static func room(from row: some ColumnReader) -> Room {
        typealias C = RoomColumn
        let hasOverride = [C.wheelchair, .toiletsWheelchair, .stepFree, .hearingLoop].contains { !row.isNull($0) }
        let accessibility: Accessibility? = hasOverride ? Accessibility(
            wheelchair: row.text(C.wheelchair).flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown,
            toiletsWheelchair: row.tri(C.toiletsWheelchair), stepFree: row.tri(C.stepFree), hearingLoop: row.tri(C.hearingLoop)) : nil
        return Room(id: row.text(C.id) ?? "", facilityID: row.text(C.facilityId) ?? "", name: row.text(C.name) ?? "",
                    capacity: row.int(C.capacity).map(Int.init),
                    equipment: row.text(C.equipment).map { $0.split(separator: "|").map(String.init) } ?? [],
                    accessibility: accessibility, openingHours: row.text(C.openingHours),
                    disabilitySuited: row.int(C.disabilitySuited) == 1)
    }
}
