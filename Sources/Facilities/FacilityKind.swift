/// What a facility is, in the vocabulary of DESIGN.md. Danish names and OpenStreetMap tags map onto
/// these on import (``init(parsing:)``, ``init(osmTags:)``).
public enum FacilityKind: String, CaseIterable, Codable, Sendable, Comparable {
    case school
    case sportsHall = "sports_hall"
    case villageHall = "village_hall"
    case clubhouse
    case activityCentre = "activity_centre"
    case volunteerHouse = "volunteer_house"
    case library
    case youthClub = "youth_club"
    case associationHouse = "association_house"
    case cultureHouse = "culture_house"
    case other

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Danish and English synonyms accepted in files and on the command line (lower-cased, no diacritics
    /// folding needed for the Danish letters: both spellings are listed).
    static let synonyms: [String: FacilityKind] = [
        "skole": .school, "folkeskole": .school, "school": .school,
        "hal": .sportsHall, "idraetshal": .sportsHall, "idrætshal": .sportsHall, "gymnastiksal": .sportsHall,
        "sports_hall": .sportsHall, "sportshall": .sportsHall, "gym": .sportsHall, "sports_centre": .sportsHall,
        "forsamlingshus": .villageHall, "village_hall": .villageHall, "community_centre": .villageHall,
        "landsbyhus": .villageHall, "beboerhus": .villageHall,
        "klubhus": .clubhouse, "clubhouse": .clubhouse,
        "aktivitetscenter": .activityCentre, "aktivitetshus": .activityCentre, "activity_centre": .activityCentre,
        "activity_center": .activityCentre, "social_centre": .activityCentre,
        "frivillighus": .volunteerHouse, "frivilligcenter": .volunteerHouse, "volunteer_house": .volunteerHouse,
        "bibliotek": .library, "library": .library,
        "ungdomsklub": .youthClub, "ungdomsskole": .youthClub, "youth_club": .youthClub, "youth_centre": .youthClub,
        "foreningshus": .associationHouse, "association_house": .associationHouse,
        "kulturhus": .cultureHouse, "culture_house": .cultureHouse, "arts_centre": .cultureHouse,
        "andet": .other, "other": .other,
    ]

    /// Parses a kind from its canonical name or a Danish/English synonym, case-insensitively.
    public init?(parsing text: String) {
        // The common case first: a value that is already a kind's raw value.
        if let kind = FacilityKind(rawValue: text) {
            self = kind
            return
        }
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let kind = FacilityKind(rawValue: key) ?? FacilityKind.synonyms[key] {
            self = kind
        } else {
            return nil
        }
    }

    /// Maps OpenStreetMap tags (amenity, leisure, building, club) onto a kind; nil when none applies.
    public init?(osmTags tags: [String: String]) {
        switch tags["amenity"] {
        case "community_centre": self = .villageHall; return
        case "library": self = .library; return
        case "school": self = .school; return
        case "social_centre", "social_facility": self = .activityCentre; return
        case "arts_centre": self = .cultureHouse; return
        case "youth_centre": self = .youthClub; return
        case "clubhouse": self = .clubhouse; return
        default: break
        }
        switch tags["leisure"] {
        case "sports_hall", "sports_centre": self = .sportsHall; return
        case "clubhouse": self = .clubhouse; return
        default: break
        }
        switch tags["building"] {
        case "school": self = .school; return
        case "sports_hall": self = .sportsHall; return
        case "community_centre", "civic": self = .villageHall; return
        default: break
        }
        if tags["club"] != nil { self = .clubhouse; return }
        return nil
    }

    /// All accepted spellings, for error messages.
    public static var expectedDescription: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}

import Foundation
