import CSQLite
public import Facilities
import GeoTypes

/// The columns of a facility row by name; ``OverblikStore/facilityColumns`` is generated from them.
public enum FacilityColumn: Int32, RecordColumns, Sendable {
    case id = 0, name, kind, lon, lat, address, owner, capacity, openingHours, wheelchair, toiletsWheelchair
    case stepFree, ramp, elevator, hearingLoop, parkingAccessible, godAdgang, checked, contactName, phone
    case email, bookingURL, disabilitySuited, districtCode
}

/// The facility row a cursor stands on, read column by column without building a ``Facility``: text
/// columns come as the stored UTF-8 bytes (valid only during the callback that received the record).
///
/// Every accessor makes the same SQLite calls, in the same order, as the decoding behind
/// ``OverblikStore/forEachFacility(_:)``, so ``facility`` and the raw columns always agree.
///
/// ```swift
/// try store.forEachFacilityRecord(from: nil, to: nil) { record, rooms in
///     if let name = record.text(.name) { print(String(decoding: name, as: UTF8.self)) }
/// }
/// ```
public struct FacilityRecord {
    let statement: Statement
    /// Whether TEXT values may be read as their stored bytes (the database encoding is UTF-8).
    let rawText: Bool

    /// The bytes of a text column; nil for NULL. An empty text gives an empty (non-nil) buffer.
    @inline(__always)
    public func text(_ column: FacilityColumn) -> UnsafeBufferPointer<UInt8>? {
        let handle = statement.handle, c = column.rawValue
        if rawText, let value = sqlite3_column_value(handle, c) {
            // The connection is used by this thread only, so the column's value may be read directly.
            let type = sqlite3_value_type(value)
            if type == SQLITE_NULL { return nil }
            if type == SQLITE_TEXT {
                // sqlite3_value_blob hands out the stored bytes without adding a terminator (no
                // copy); for UTF-8 text they are exactly what sqlite3_column_text returns.
                let base = sqlite3_value_blob(value)
                let count = Int(sqlite3_value_bytes(value))
                guard count > 0, let base else { return UnsafeBufferPointer(start: FacilityRecord.empty, count: 0) }
                return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
            }
        }
        if sqlite3_column_type(handle, c) == SQLITE_NULL { return nil }
        guard let bytes = sqlite3_column_text(handle, c) else { return nil }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, c)))
    }

    /// Every column of the row at once (one call per row for callers in other modules).
    public var values: FacilityValues {
        FacilityValues(
            id: text(.id), name: text(.name), kind: text(.kind), lon: double(.lon), lat: double(.lat),
            address: text(.address), owner: text(.owner),
            capacity: isNull(.capacity) ? nil : int64(.capacity), openingHours: text(.openingHours),
            wheelchair: text(.wheelchair), toiletsWheelchair: text(.toiletsWheelchair), stepFree: text(.stepFree),
            ramp: text(.ramp), elevator: text(.elevator), hearingLoop: text(.hearingLoop),
            parkingAccessible: text(.parkingAccessible), godAdgang: text(.godAdgang), checked: text(.checked),
            contactName: text(.contactName), phone: text(.phone), email: text(.email), bookingURL: text(.bookingURL),
            disabilitySuited: int64(.disabilitySuited), districtCode: text(.districtCode))
    }

    /// A REAL column (0 for NULL, as `sqlite3_column_double`).
    @inline(__always)
    public func double(_ column: FacilityColumn) -> Double { sqlite3_column_double(statement.handle, column.rawValue) }

    /// An INTEGER column (0 for NULL, as `sqlite3_column_int64`).
    @inline(__always)
    public func int64(_ column: FacilityColumn) -> Int64 { sqlite3_column_int64(statement.handle, column.rawValue) }

    /// Whether a column is NULL.
    @inline(__always)
    public func isNull(_ column: FacilityColumn) -> Bool { sqlite3_column_type(statement.handle, column.rawValue) == SQLITE_NULL }

    /// The whole facility, decoded exactly as ``OverblikStore/forEachFacility(_:)`` decodes it.
    public var facility: Facility { OverblikStore.facility(from: StatementRow(statement: statement)) }

    /// A valid address for empty buffers.
    nonisolated(unsafe) private static let empty: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1)
}

/// The columns of one facility row as read by ``FacilityRecord``: text as stored bytes (nil for
/// NULL; valid until the cursor moves), numbers as SQLite converts them.
public struct FacilityValues {
    public var id: UnsafeBufferPointer<UInt8>?
    public var name: UnsafeBufferPointer<UInt8>?
    public var kind: UnsafeBufferPointer<UInt8>?
    public var lon: Double
    public var lat: Double
    public var address: UnsafeBufferPointer<UInt8>?
    public var owner: UnsafeBufferPointer<UInt8>?
    /// nil when NULL, else `sqlite3_column_int64`.
    public var capacity: Int64?
    public var openingHours: UnsafeBufferPointer<UInt8>?
    public var wheelchair: UnsafeBufferPointer<UInt8>?
    public var toiletsWheelchair: UnsafeBufferPointer<UInt8>?
    public var stepFree: UnsafeBufferPointer<UInt8>?
    public var ramp: UnsafeBufferPointer<UInt8>?
    public var elevator: UnsafeBufferPointer<UInt8>?
    public var hearingLoop: UnsafeBufferPointer<UInt8>?
    public var parkingAccessible: UnsafeBufferPointer<UInt8>?
    public var godAdgang: UnsafeBufferPointer<UInt8>?
    public var checked: UnsafeBufferPointer<UInt8>?
    public var contactName: UnsafeBufferPointer<UInt8>?
    public var phone: UnsafeBufferPointer<UInt8>?
    public var email: UnsafeBufferPointer<UInt8>?
    public var bookingURL: UnsafeBufferPointer<UInt8>?
    public var disabilitySuited: Int64
    public var districtCode: UnsafeBufferPointer<UInt8>?
}

/// A facility id as stored (type and bytes), used as a range bound for reading facilities in
/// parallel: ranges are half-open, `[lower, upper)`, in SQLite's `ORDER BY id` order.
public final class FacilityKey: @unchecked Sendable {
    // A protected, connection-independent copy (sqlite3_value_dup); never mutated after init.
    let value: OpaquePointer

    init?(copying value: OpaquePointer?) {
        guard let value, let copy = sqlite3_value_dup(value) else { return nil }
        self.value = copy
    }

    deinit { sqlite3_value_free(value) }

    /// The key as text (for messages and tests).
    public var text: String {
        guard let bytes = sqlite3_value_text(value) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value))), as: UTF8.self)
    }
}
