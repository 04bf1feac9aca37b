public import GeoTypes

/// How to reach the people who run a facility.
public struct Contact: Hashable, Codable, Sendable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var bookingURL: String?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil, bookingURL: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.bookingURL = bookingURL
    }

    public var isEmpty: Bool { name == nil && phone == nil && email == nil && bookingURL == nil }
}

/// A bookable room in a facility.
public struct Room: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var facilityID: String
    public var name: String
    /// Persons.
    public var capacity: Int?
    /// Lower-case equipment tags: kitchen, projector, sports_floor, ...
    public var equipment: [String]
    /// Room-level overrides; nil means "as the facility".
    public var accessibility: Accessibility?
    /// Availability in opening_hours syntax; nil means never offered.
    public var openingHours: String?
    /// Particularly suited to activities for people with disabilities (section 21 stk. 4).
    public var disabilitySuited: Bool

    public init(id: String, facilityID: String, name: String, capacity: Int? = nil, equipment: [String] = [],
                accessibility: Accessibility? = nil, openingHours: String? = nil, disabilitySuited: Bool = false) {
        self.id = id
        self.facilityID = facilityID
        self.name = name
        self.capacity = capacity
        self.equipment = equipment
        self.accessibility = accessibility
        self.openingHours = openingHours
        self.disabilitySuited = disabilitySuited
    }
}

/// A building or site with rooms that associations can use.
public struct Facility: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kind: FacilityKind
    public var location: Coordinate
    public var address: String?
    public var owner: OwnerClass
    public var contact: Contact
    public var accessibility: Accessibility
    /// Capacity of the facility as a whole (used for the implicit room when none is listed).
    public var capacity: Int?
    /// Availability of the facility as a whole (opening_hours syntax).
    public var openingHours: String?
    public var disabilitySuited: Bool
    /// District code, derived by point-in-polygon on import; nil when outside every district.
    public var districtCode: String?

    public init(id: String, name: String, kind: FacilityKind, location: Coordinate, address: String? = nil,
                owner: OwnerClass = .municipal, contact: Contact = Contact(), accessibility: Accessibility = .unknown,
                capacity: Int? = nil, openingHours: String? = nil, disabilitySuited: Bool = false,
                districtCode: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.location = location
        self.address = address
        self.owner = owner
        self.contact = contact
        self.accessibility = accessibility
        self.capacity = capacity
        self.openingHours = openingHours
        self.disabilitySuited = disabilitySuited
        self.districtCode = districtCode
    }

    /// The one bookable room a facility without listed rooms has: the facility's capacity and hours.
    public var implicitRoom: Room {
        Room(id: id, facilityID: id, name: name, capacity: capacity, equipment: [], accessibility: nil,
             openingHours: openingHours, disabilitySuited: disabilitySuited)
    }
}

/// A town or village, with its population. Rural when below the threshold (3 000 by default).
public struct Settlement: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var location: Coordinate
    public var population: Double
    /// Population figure is an estimate (villages in the sample).
    public var approximate: Bool
    public var districtCode: String?

    public init(id: String, name: String, location: Coordinate, population: Double, approximate: Bool = false,
                districtCode: String? = nil) {
        self.id = id
        self.name = name
        self.location = location
        self.population = population
        self.approximate = approximate
        self.districtCode = districtCode
    }

    public func isRural(threshold: Double = RuralRule.defaultThreshold) -> Bool { population < threshold }
}

/// The rural convention of DESIGN.md.
public enum RuralRule {
    /// Danish landdistrikt convention: settlements under 3 000 inhabitants are rural.
    public static let defaultThreshold: Double = 3_000
}

/// A weighted demand point: an address, a grid cell, or a settlement.
public struct PopulationPoint: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var location: Coordinate
    public var weight: Double
    public var districtCode: String?
    /// The point's own rural flag (a `rural` column on import), the first source of DESIGN.md's
    /// rural rule; nil when the file had none.
    public var rural: Bool?

    public init(id: String, location: Coordinate, weight: Double, districtCode: String? = nil, rural: Bool? = nil) {
        self.id = id
        self.location = location
        self.weight = weight
        self.districtCode = districtCode
        self.rural = rural
    }
}

/// A town extent (Danmarks Statistik byområde, GeoDanmark town zone) with its population: points
/// inside the extent of a town of ``RuralPolicy/townPopulation`` or more are urban.
public struct UrbanArea: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var name: String?
    public var population: Double

    public init(id: String, name: String? = nil, population: Double) {
        self.id = id
        self.name = name
        self.population = population
    }
}

/// A district: parish, postcode area or school district. Its polygon lives in the store as WKB/GeoJSON.
public struct District: Hashable, Codable, Sendable, Identifiable {
    public var code: String
    public var name: String
    /// From the district layer when it says so; otherwise derived (no settlement of 3 000 or more).
    public var rural: Bool?
    public var id: String { code }

    public init(code: String, name: String, rural: Bool? = nil) {
        self.code = code
        self.name = name
        self.rural = rural
    }
}
