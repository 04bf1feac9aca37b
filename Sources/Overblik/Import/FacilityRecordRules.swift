import Facilities
import Formats
import Foundation

/// Prepares facility records for the mapper: the fields the user named (`--id-field`,
/// `--name-field`, `--name-from`, `--kind-field`), kinds from OpenStreetMap tags, and the records
/// left out on purpose (tags that map to no kind, features without a name).
struct FacilityRecordRules {
    var options: ImportOptions
    /// The source is OpenStreetMap data (PBF, XML): every record is tagged.
    var osmSource: Bool

    /// What became of a record.
    enum Outcome {
        case keep(ImportRecord)
        /// Tags that map to no kind: counted under this tag.
        case unmapped(tag: String)
        case skipped(SkippedRecord)
        case problem(ImportProblem)
    }

    /// Whether an OpenStreetMap element's tags are worth reading (the reader resolves geometry
    /// only for these).
    func wantsOSM(_ tags: [String: String]) -> Bool {
        if options.valueMap?.kind(for: tags) != nil { return true }
        if let field = options.kindField, let value = tags[field] { return kind(fromText: value) != nil }
        return FacilityKind(osmTags: tags) != nil
    }

    func prepare(_ input: ImportRecord) -> Outcome {
        var record = input
        let kindColumn = record.value(FieldKey.kind, .type, .kategori)
        let tagged = osmSource || record.fields[.otherTags] != nil
            || (options.kindField == nil && kindColumn == nil && (OSMTags.isTagged(record.fields) || OSMTags.hasOSMID(record.fields)))
        if tagged { OSMTags.expandOtherTags(&record.fields.dictionary) }
        if let f = options.idField, let v = record.fields[ImportRecord.normalise(f)] { record.fields[.id] = v }
        if tagged, record.value(FieldKey.id, .atID) == nil {
            // GDAL's OSM layers: osm_id (nodes, relations) or osm_way_id (closed ways).
            if let way = record.value(FieldKey.osmWayID) {
                record.fields[.id] = "way/\(way.value)"
            } else if let osm = record.value(FieldKey.osmID) {
                if case .polygons? = record.geometry { record.fields[.id] = "relation/\(osm.value)" } else { record.fields[.id] = "node/\(osm.value)" }
            }
        }
        if let f = options.nameField, let v = record.fields[ImportRecord.normalise(f)] { record.fields[.name] = v }
        if record.value(FieldKey.name, .navn) == nil, let f = options.nameFrom, let v = record.value(ImportRecord.normalise(f)) {
            record.fields[.name] = v.value
        }
        if let kind = options.valueMap?.kind(for: record.fields.dictionary) {
            record.fields[.kind] = kind.rawValue
        } else if let f = options.kindField {
            let raw = ImportRecord.trimmed(record.fields[ImportRecord.normalise(f)] ?? "")
            record.fields[.kind] = kind(fromText: raw)?.rawValue ?? options.defaultKind?.rawValue ?? raw
        } else if tagged {
            // OpenStreetMap's own `type` tag (multipolygon, ...) is not a kind.
            record.fields[.type] = nil
            if let kind = FacilityKind(osmTags: record.fields.dictionary) ?? options.defaultKind {
                record.fields[.kind] = kind.rawValue
            } else {
                return .unmapped(tag: OSMTags.primaryTag(record.fields.dictionary))
            }
        } else if kindColumn == nil, let k = options.defaultKind {
            record.fields[.kind] = k.rawValue
        }
        if let owner = options.valueMap?.owner(for: record.fields.dictionary) {
            record.fields[.owner] = owner.rawValue
        } else if let f = options.ownerField {
            let raw = ImportRecord.trimmed(record.fields[ImportRecord.normalise(f)] ?? "")
            guard let owner = OwnerClass(parsing: raw) else {
                return .problem(ImportProblem(record.position, field: f, value: raw,
                    expected: "expected municipal, education, regional, state, private or unknown; map source values with --map FILE (field,value,owner,target)"))
            }
            record.fields[.owner] = owner.rawValue
        }
        if tagged, record.value(FieldKey.name, .navn) == nil {
            let hint = options.nameFrom.map { "no name and no '\($0)' tag" } ?? "no name (use --name-from TAG for a fallback such as operator or ref)"
            return .skipped(SkippedRecord(position: record.position.description, id: record.value(FieldKey.id, .atID, .osmID)?.value,
                                          name: nil, reason: hint))
        }
        return .keep(record)
    }

    /// A kind from a source value: a kind name or synonym, or a Danish institution type.
    func kind(fromText text: String) -> FacilityKind? {
        FacilityKind(parsing: text) ?? Overblik.guessKind(text).flatMap(FacilityKind.init(rawValue:))
    }
}

/// Texts for the OpenStreetMap skip reasons.
enum OSMSkipReasonText: String {
    init?(_ reason: OSMSkipReason) {
        switch reason {
        case .unwanted: return nil
        case .notAnArea: self = .notAnArea
        case .incomplete: self = .incomplete
        case .brokenRings: self = .brokenRings
        }
    }

    case notAnArea = "tagged as a facility but an open way or a non-multipolygon relation (no area, no point)"
    case incomplete = "nodes or member ways missing from the extract"
    case brokenRings = "multipolygon whose ways do not join into closed rings"
}
