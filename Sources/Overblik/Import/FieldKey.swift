/// A field name the import mappers read, with a fixed slot: a file's header resolves every key to
/// its column once (``RecordFields/Names``), so that reading a field of a row is an array index,
/// not a hash of the name.
///
/// Names the user gives (`--id-field`, `--rural-field`, ...) stay plain `String`s; both kinds of
/// name work wherever a ``RecordFieldName`` is asked for.
///
/// ```swift
/// let id = record.value(FieldKey.id, .atID)   // the first present, non-empty one
/// ```
enum FieldKey: Int, CaseIterable, Sendable {
    case id, atID, osmID, osmWayID, fid, geonameid
    case name, navn
    case kind, type, kategori
    case owner, ejer, ownerClass
    case otherTags
    case lon, lng, longitude, x, easting
    case lat, latitude, y, northing
    case capacity, kapacitet
    case openingHours, availability
    case wheelchair, toiletsWheelchair, toiletsWheelchairTag
    case stepFree, entranceSteps, stepCount, entranceStepCountTag
    case ramp, rampWheelchairTag, elevator, hearingLoop, audioLoop
    case parkingAccessible, capacityDisabledTag
    case godAdgang, checked, checkDate, checkDateWheelchairTag
    case disabilitySuited
    case address, adresse, addrStreet, addrHousenumber, addrPostcode, addrCity
    case contactName, contactNameTag, operatorName, phone, contactPhoneTag, telefon
    case email, contactEmailTag, bookingURL, website, contactWebsiteTag, url
    case facilityID, facility, equipment, udstyr
    case population, indbyggere, pop, approximate, weight, residents

    /// The field's name as files spell it (normalised: lower case) and problems print it.
    var text: String {
        switch self {
        case .id: "id"
        case .atID: "@id"
        case .osmID: "osm_id"
        case .osmWayID: "osm_way_id"
        case .fid: "fid"
        case .geonameid: "geonameid"
        case .name: "name"
        case .navn: "navn"
        case .kind: "kind"
        case .type: "type"
        case .kategori: "kategori"
        case .owner: "owner"
        case .ejer: "ejer"
        case .ownerClass: "owner_class"
        case .otherTags: "other_tags"
        case .lon: "lon"
        case .lng: "lng"
        case .longitude: "longitude"
        case .x: "x"
        case .easting: "easting"
        case .lat: "lat"
        case .latitude: "latitude"
        case .y: "y"
        case .northing: "northing"
        case .capacity: "capacity"
        case .kapacitet: "kapacitet"
        case .openingHours: "opening_hours"
        case .availability: "availability"
        case .wheelchair: "wheelchair"
        case .toiletsWheelchair: "toilets_wheelchair"
        case .toiletsWheelchairTag: "toilets:wheelchair"
        case .stepFree: "step_free"
        case .entranceSteps: "entrance_steps"
        case .stepCount: "step_count"
        case .entranceStepCountTag: "entrance:step_count"
        case .ramp: "ramp"
        case .rampWheelchairTag: "ramp:wheelchair"
        case .elevator: "elevator"
        case .hearingLoop: "hearing_loop"
        case .audioLoop: "audio_loop"
        case .parkingAccessible: "parking_accessible"
        case .capacityDisabledTag: "capacity:disabled"
        case .godAdgang: "god_adgang"
        case .checked: "checked"
        case .checkDate: "check_date"
        case .checkDateWheelchairTag: "check_date:wheelchair"
        case .disabilitySuited: "disability_suited"
        case .address: "address"
        case .adresse: "adresse"
        case .addrStreet: "addr:street"
        case .addrHousenumber: "addr:housenumber"
        case .addrPostcode: "addr:postcode"
        case .addrCity: "addr:city"
        case .contactName: "contact_name"
        case .contactNameTag: "contact:name"
        case .operatorName: "operator"
        case .phone: "phone"
        case .contactPhoneTag: "contact:phone"
        case .telefon: "telefon"
        case .email: "email"
        case .contactEmailTag: "contact:email"
        case .bookingURL: "booking_url"
        case .website: "website"
        case .contactWebsiteTag: "contact:website"
        case .url: "url"
        case .facilityID: "facility_id"
        case .facility: "facility"
        case .equipment: "equipment"
        case .udstyr: "udstyr"
        case .population: "population"
        case .indbyggere: "indbyggere"
        case .pop: "pop"
        case .approximate: "approximate"
        case .weight: "weight"
        case .residents: "residents"
        }
    }
}

/// A name to read a record's field by: a ``FieldKey`` (resolved to a column once per file) or any
/// `String` (looked up by name, for the names users give).
protocol RecordFieldName {
    /// The name as problems print it.
    var fieldName: String { get }
    /// The field's raw (untrimmed) value in `fields`, nil when absent.
    func raw(in fields: RecordFields) -> String?
}

extension FieldKey: RecordFieldName {
    var fieldName: String { text }
    func raw(in fields: RecordFields) -> String? { fields[self] }
}

extension String: RecordFieldName {
    var fieldName: String { self }
    func raw(in fields: RecordFields) -> String? { fields[self] }
}
