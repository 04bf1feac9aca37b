/// Who owns the premises, in the order of Folkeoplysningsloven section 21 stk. 1 (municipal premises
/// are offered first). Private premises are never allocated. `unknown` is what an import stores when
/// the source says nothing about ownership: never assumed municipal, and the allocation round asks
/// for the owner instead of offering the room.
public enum OwnerClass: String, CaseIterable, Codable, Sendable, Comparable {
    case municipal, education, regional, state, `private`, unknown

    /// Position in the statutory order: municipal 0, education 1, regional 2, state 3, private 4 (unknown 5).
    public var statutoryRank: Int {
        switch self {
        case .municipal: 0
        case .education: 1
        case .regional: 2
        case .state: 3
        case .private: 4
        case .unknown: 5
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.statutoryRank < b.statutoryRank }

    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "municipal", "kommunal", "kommune": self = .municipal
        case "education", "uddannelse", "institution": self = .education
        case "regional", "region": self = .regional
        case "state", "statslig", "stat": self = .state
        case "private", "privat", "selvejende", "association", "forening": self = .private
        case "unknown", "ukendt", "": self = .unknown
        default: return nil
        }
    }
}

import Foundation
