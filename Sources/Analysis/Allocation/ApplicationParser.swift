import Formats
public import Facilities
import Foundation
import GeoTypes
import Scheduling

/// Reads applications for the allocation round from CSV or JSON text (pure: no file access).
///
/// Columns (CSV header names, JSON member names), DESIGN.md "Allocation input":
/// - required: `id, association, activity, participants, slots`;
/// - optional: `kinds, wheelchair, step_free, equipment, lon, lat, settlement, max_distance, submitted,
///   facility, tags, rural`.
///
/// `activity` is `disability | children | adult-education | adults`; `slots`, `kinds`, `equipment` and
/// `tags` are `|`-separated in CSV (JSON also takes arrays); slots use Scheduling's ``WeeklySlot``
/// syntax and must end by 24:00; `wheelchair` is `yes | limited` (empty:
/// no requirement; `designated` counts as yes); `step_free` true/false; `max_distance` is metres or
/// has a unit (`8km`, `500 m`); `submitted` is `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`; `facility` is a
/// preferred facility id; `settlement` is a settlement name or id, giving the home point and, from
/// its population, rural or urban (`lon`/`lat` win over it for the point); `rural` true/false
/// overrides. JSON is an array of objects, or an object with an `applications` array.
///
/// ```swift
/// let applications = try ApplicationParser.parse(csvText, settlements: settlements)
/// ```
public enum ApplicationParser {
    /// Parses CSV or JSON, chosen by the first non-blank character (`[` or `{` means JSON).
    /// - Throws: ``AllocationInputError`` with the line and field that failed.
    /// - Complexity: O(n) in the text length plus O(s) per settlement lookup setup.
    public static func parse(_ text: String, settlements: [Settlement] = []) throws(AllocationInputError)
        -> [AllocationApplication] {
        let first = text.unicodeScalars.first { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "\u{FEFF}" }
        return first == "[" || first == "{" ? try parseJSON(text, settlements: settlements)
            : try parseCSV(text, settlements: settlements)
    }

    /// Parses CSV with a header line.
    /// - Throws: ``AllocationInputError`` naming the line and field.
    public static func parseCSV(_ text: String, settlements: [Settlement] = []) throws(AllocationInputError)
        -> [AllocationApplication] {
        let reader: CSVReader
        do { reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(allowsShortRecords: true)) } catch {
            throw .malformedFile(format: "CSV", detail: error.description)
        }
        let names = reader.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for required in ["id", "association", "activity", "participants", "slots"] where !names.contains(required) {
            throw .malformedFile(format: "CSV", detail: "header lacks the column `\(required)`")
        }
        let lookup = AllocationSettlementLookup(settlements)
        var result: [AllocationApplication] = []
        while true {
            let next: CSVRecord?
            do { next = try reader.next() } catch { throw .malformedFile(format: "CSV", detail: error.description) }
            guard let record = next else { break }
            var row: [String: String] = [:]
            for (i, value) in record.fields.enumerated() { row[names[i]] = value }
            result.append(try application(row, line: record.line, settlements: lookup))
        }
        return result
    }

    /// Parses a JSON array of application objects (or `{"applications": [...]}`).
    /// - Throws: ``AllocationInputError``; `line` is the 1-based position in the array.
    public static func parseJSON(_ text: String, settlements: [Settlement] = []) throws(AllocationInputError)
        -> [AllocationApplication] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw .malformedFile(format: "JSON", detail: "not valid JSON (\(error.localizedDescription))")
        }
        let list: [Any]
        if let array = object as? [Any] {
            list = array
        } else if let dict = object as? [String: Any], let array = dict["applications"] as? [Any] {
            list = array
        } else {
            throw .malformedFile(format: "JSON", detail: "expected an array of applications or {\"applications\": [...]}")
        }
        let lookup = AllocationSettlementLookup(settlements)
        var result: [AllocationApplication] = []
        for (i, item) in list.enumerated() {
            guard let dict = item as? [String: Any] else {
                throw .malformedFile(format: "JSON", detail: "application \(i + 1) is not an object")
            }
            var row: [String: String] = [:]
            for (key, value) in dict { row[key.lowercased()] = Self.text(of: value) }
            result.append(try application(row, line: i + 1, settlements: lookup))
        }
        return result
    }

    /// Parses `8km`, `8 km`, `1.5 km`, `500m`, `500` (metres) into metres; nil when malformed or negative.
    public static func metres(parsing text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var factor = 1.0
        if t.hasSuffix("km") { factor = 1000; t.removeLast(2) } else if t.hasSuffix("m") { t.removeLast() }
        guard let value = Double(t.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else { return nil }
        return value * factor
    }

    // MARK: - Rows

    static func text(of value: Any) -> String {
        switch value {
        case let s as String: return s
        case let array as [Any]: return array.map(text(of:)).joined(separator: "|")
        case let n as NSNumber: return n.stringValue
        default: return ""
        }
    }

    static func application(_ row: [String: String], line: Int, settlements: AllocationSettlementLookup)
        throws(AllocationInputError) -> AllocationApplication {
        func field(_ name: String) -> String { (row[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func fail(_ name: String, _ expected: String) -> AllocationInputError {
            .invalidField(line: line, field: name, value: field(name), expected: expected)
        }
        func list(_ name: String) -> [String] {
            field(name).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        let id = field("id")
        guard !id.isEmpty else { throw fail("id", "a non-empty application id") }
        guard let activity = ActivityClass(parsing: field("activity")) else {
            throw fail("activity", "disability, children, adult-education or adults")
        }
        guard let participants = Int(field("participants")), participants > 0 else {
            throw fail("participants", "a whole number of persons above 0")
        }
        var slots: [WeeklySlot] = []
        for piece in list("slots") {
            let slot: WeeklySlot
            do { slot = try WeeklySlot(parsing: piece) } catch { throw fail("slots", "`\(piece)`: \(error.description)") }
            guard slot.allocationWithinDay else {
                throw fail("slots", "`\(piece)`: a slot ending by 24:00 (slots past midnight are not offered)")
            }
            slots.append(slot)
        }
        guard !slots.isEmpty else { throw fail("slots", "one or more weekly slots like `Tu 19:00-21:00|We 19:00-21:00`") }
        var kinds: Set<FacilityKind> = []
        for k in list("kinds") {
            guard let kind = FacilityKind(parsing: k) else { throw fail("kinds", "kinds from \(FacilityKind.expectedDescription)") }
            kinds.insert(kind)
        }
        var wheelchair: WheelchairRequirement? = nil
        switch field("wheelchair").lowercased() {
        case "", "no", "false", "0": wheelchair = nil
        case "yes", "designated", "true", "1": wheelchair = .yes
        case "limited": wheelchair = .limited
        default: throw fail("wheelchair", "yes, limited or empty")
        }
        guard let stepFree = TriState(parsing: field("step_free")) else { throw fail("step_free", "true or false") }

        var home: Coordinate? = nil, rural: Bool? = nil
        if !field("settlement").isEmpty {
            guard let s = settlements.find(field("settlement")) else {
                throw fail("settlement", "the name or id of a known settlement")
            }
            home = s.location
            rural = s.isRural()
        }
        if !field("lon").isEmpty || !field("lat").isEmpty {
            guard let lon = Double(field("lon")) else { throw fail("lon", "a longitude in degrees") }
            guard let lat = Double(field("lat")) else { throw fail("lat", "a latitude in degrees") }
            do { home = try Coordinate(validatingLon: lon, lat: lat) } catch { throw fail("lon", error.description) }
        }
        if !field("rural").isEmpty {
            switch TriState(parsing: field("rural")) {
            case .yes: rural = true
            case .no: rural = false
            default: throw fail("rural", "true or false")
            }
        }
        var maxDistance: Double? = nil
        if !field("max_distance").isEmpty {
            guard let m = metres(parsing: field("max_distance")) else {
                throw fail("max_distance", "a distance like `8km` or `500m`")
            }
            guard home != nil else { throw fail("max_distance", "a home point too (settlement or lon/lat)") }
            maxDistance = m
        }
        var submitted: LocalDateTime? = nil
        if !field("submitted").isEmpty {
            do { submitted = try LocalDateTime(parsing: field("submitted")) } catch {
                throw fail("submitted", "a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM")
            }
        }
        let preferred = field("facility")
        return AllocationApplication(
            id: id, association: field("association"), activity: activity, participants: participants, slots: slots,
            kinds: kinds, wheelchair: wheelchair, stepFree: stepFree == .yes,
            equipment: Set(list("equipment").map { $0.lowercased() }), home: home, rural: rural,
            maxDistanceMetres: maxDistance, submitted: submitted, preferredFacility: preferred.isEmpty ? nil : preferred,
            tags: Set(list("tags").map { $0.lowercased() }))
    }
}

/// Settlements by lower-cased id and name.
struct AllocationSettlementLookup {
    private var byKey: [String: Settlement] = [:]

    init(_ settlements: [Settlement]) {
        for s in settlements {
            byKey[s.id.lowercased()] = byKey[s.id.lowercased()] ?? s
            byKey[s.name.lowercased()] = byKey[s.name.lowercased()] ?? s
        }
    }

    func find(_ key: String) -> Settlement? { byKey[key.lowercased()] }
}
