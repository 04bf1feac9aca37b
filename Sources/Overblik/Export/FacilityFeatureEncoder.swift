import Facilities
import GeoJSON
import Scheduling
import Store

/// Encodes the stored parts of facility features for ``OverblikStore/featureEncoder``: the members
/// that depend on a facility's row and listed rooms only, with the same code (and so the same
/// bytes) as the export's row encoder. What depends on the clock, the bookings, the holidays and
/// the districts (availability, district name, rural) is left out and encoded at export time.
///
/// Bump ``version`` whenever the encoding of these members changes: stores then encode every
/// feature again the next time an Overblik facade writes to them or opens them for writing.
final class FacilityFeatureEncoder: FacilityFeatureEncoding {
    static let version = "1"
    var version: String { Self.version }
    private var encoder: FacilityRowEncoder

    init() {
        // The clock, holidays, bookings and districts are not used by the stored members.
        let context = FacilityEncodingContext(options: ExportOptions(now: LocalDateTime(localMinutes: 0)),
                                              calendar: HolidayCalendar(), bookings: [:], districts: [:])
        encoder = FacilityRowEncoder(context: context)
    }

    func parts(of record: FacilityRecord, rooms: [Room]) -> FacilityFeatureParts {
        encoder.storedParts(record.values, rooms: rooms)
    }

    func parts(of values: FacilityValues, rooms: [Room]) -> FacilityFeatureParts {
        encoder.storedParts(values, rooms: rooms)
    }
}
