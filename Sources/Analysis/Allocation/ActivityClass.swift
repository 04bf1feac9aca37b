import Foundation
/// The kind of activity an application is for, in the priority order of Folkeoplysningsloven § 21.
///
/// Stk. 4 puts activities for people with disabilities first for rooms particularly suited to them;
/// stk. 3 orders the rest: children and young people, then folkeoplysende adult education, then other
/// activities for adults. In the general pass (after the stk. 4 pass) disability activities keep the
/// first place (rank 0); a municipality that wants otherwise files them under another class.
public enum ActivityClass: String, CaseIterable, Codable, Sendable, Comparable {
    case disability
    case children
    case adultEducation = "adult-education"
    case adults

    /// Position in the statutory order, 0 first.
    public var rank: Int {
        switch self {
        case .disability: 0
        case .children: 1
        case .adultEducation: 2
        case .adults: 3
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// Parses the file spelling (`disability | children | adult-education | adults`), also `_` for `-`
    /// and a few Danish words (`handicap`, `boern`/`børn`, `voksenundervisning`, `voksne`).
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-") {
        case "disability", "handicap": self = .disability
        case "children", "youth", "children-and-youth", "børn", "boern", "børn-og-unge": self = .children
        case "adult-education", "voksenundervisning", "folkeoplysende-voksenundervisning": self = .adultEducation
        case "adults", "adult", "voksne": self = .adults
        default: return nil
        }
    }

    /// How a reason names this class to an association ("children's activity").
    var phrase: String {
        switch self {
        case .disability: "activity for people with disabilities"
        case .children: "children's activity"
        case .adultEducation: "folkeoplysende adult education"
        case .adults: "adult activity"
        }
    }
}
