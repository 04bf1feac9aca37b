import Foundation

/// A yes / no / unknown fact. Unknown is stored as such, never defaulted.
public enum TriState: String, Codable, Sendable, CaseIterable {
    case yes, no, unknown

    /// Accepts yes/no/true/false/1/0/ja/nej; empty means unknown. nil for anything else.
    public init?(parsing text: String) {
        // The stored spellings first: trimming and lower-casing through Foundation cost more than
        // the rest of an imported row.
        if let exact = TriState(rawValue: text) {
            self = exact
            return
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "true", "1", "ja", "y", "designated": self = .yes
        case "no", "false", "0", "nej", "n": self = .no
        case "", "unknown", "ukendt", "?": self = .unknown
        default: return nil
        }
    }
}

/// OpenStreetMap's wheelchair key: yes | limited | no | designated, or unknown when absent.
public enum WheelchairAccess: String, Codable, Sendable, CaseIterable {
    case yes, limited, no, designated, unknown

    public init?(parsing text: String) {
        if let exact = WheelchairAccess(rawValue: text) {
            self = exact
            return
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "ja", "true", "1": self = .yes
        case "limited", "delvis", "begrænset", "begraenset": self = .limited
        case "no", "nej", "false", "0": self = .no
        case "designated": self = .designated
        case "", "unknown", "ukendt": self = .unknown
        default: return nil
        }
    }

    /// Whether this value satisfies a `--wheelchair` requirement: `yes` accepts yes and designated;
    /// `limited` also accepts limited.
    public func satisfies(_ requirement: WheelchairRequirement) -> Bool {
        switch requirement {
        case .yes: return self == .yes || self == .designated
        case .limited: return self == .yes || self == .designated || self == .limited
        }
    }
}

/// The level of wheelchair access a query demands.
public enum WheelchairRequirement: String, Sendable, CaseIterable, Codable {
    case yes, limited
}

/// Accessibility of a facility or room. Every fact is tri-state; God Adgang labels are held as given.
public struct Accessibility: Hashable, Codable, Sendable {
    public var wheelchair: WheelchairAccess
    public var toiletsWheelchair: TriState
    public var stepFree: TriState
    public var ramp: TriState
    public var elevator: TriState
    public var hearingLoop: TriState
    public var parkingAccessible: TriState
    /// God Adgang label groups (for example "mobility", "hearing"), as stated by the source.
    public var godAdgang: [String]
    /// When the information was last checked (ISO date), if known.
    public var checked: String?

    public init(wheelchair: WheelchairAccess = .unknown, toiletsWheelchair: TriState = .unknown,
                stepFree: TriState = .unknown, ramp: TriState = .unknown, elevator: TriState = .unknown,
                hearingLoop: TriState = .unknown, parkingAccessible: TriState = .unknown,
                godAdgang: [String] = [], checked: String? = nil) {
        self.wheelchair = wheelchair
        self.toiletsWheelchair = toiletsWheelchair
        self.stepFree = stepFree
        self.ramp = ramp
        self.elevator = elevator
        self.hearingLoop = hearingLoop
        self.parkingAccessible = parkingAccessible
        self.godAdgang = godAdgang
        self.checked = checked
    }

    public static let unknown = Accessibility()
}
