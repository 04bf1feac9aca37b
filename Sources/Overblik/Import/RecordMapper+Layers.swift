import Facilities
import GeoTypes
import Store
import Foundation

extension RecordMapper {
    /// A facility from CSV columns or OpenStreetMap-style properties.
    func facility(_ r: ImportRecord, _ problems: inout ProblemCollector) -> Facility? {
        let before = problems.total
        let id = optionalText(r, .id, .atID, .osmID, .fid)
        if id == nil { problems.add(ImportProblem(r.position, field: "id", expected: "expected a non-empty id")) }
        let name = required(r, &problems, FieldKey.name, .navn)
        var kind: FacilityKind?
        if let (field, text) = r.value(FieldKey.kind, .type, .kategori) {
            kind = FacilityKind(parsing: text)
            if kind == nil {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected one of \(FacilityKind.expectedDescription)"))
            }
        } else {
            kind = FacilityKind(osmTags: r.fields.dictionary)
            if kind == nil {
                problems.add(ImportProblem(r.position, field: "kind", expected: "expected a kind column or an amenity/leisure/building tag that maps to one"))
            }
        }
        // No owner information means unknown, never municipal (section 21 order depends on it).
        var owner = OwnerClass.unknown
        if let (field, text) = r.value(FieldKey.owner, .ejer, .ownerClass) {
            if let o = OwnerClass(parsing: text) { owner = o } else {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected municipal, education, regional, state, private or unknown (map source values with --map FILE)"))
            }
        }
        let location = location(r, &problems)
        let capacity = count(r, &problems, .capacity, .kapacitet)
        let hours = hours(r, &problems)
        let accessibility = accessibility(r, &problems)
        let disability = flag(r, &problems, .disabilitySuited)
        let address = optionalText(r, .address, .adresse) ?? osmAddress(r)
        let contact = Contact(name: optionalText(r, .contactName, .contactNameTag, .operatorName),
                              phone: optionalText(r, .phone, .contactPhoneTag, .telefon),
                              email: optionalText(r, .email, .contactEmailTag),
                              bookingURL: optionalText(r, .bookingURL, .website, .contactWebsiteTag, .url))
        guard problems.total == before, let id, let name, let kind, let location else { return nil }
        return Facility(id: id, name: name, kind: kind, location: location, address: address, owner: owner,
                        contact: contact, accessibility: accessibility, capacity: capacity, openingHours: hours,
                        disabilitySuited: disability)
    }

    func osmAddress(_ r: ImportRecord) -> String? {
        let street = [optionalText(r, .addrStreet), optionalText(r, .addrHousenumber)].compactMap { $0 }.joined(separator: " ")
        let town = [optionalText(r, .addrPostcode), optionalText(r, .addrCity)].compactMap { $0 }.joined(separator: " ")
        let parts = [street, town].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// A room row: `facility_id,id,name,capacity,opening_hours,equipment,wheelchair,...`.
    func room(_ r: ImportRecord, _ problems: inout ProblemCollector) -> Room? {
        let before = problems.total
        let facilityID = required(r, &problems, FieldKey.facilityID, .facility)
        let id = required(r, &problems, FieldKey.id)
        let name = required(r, &problems, FieldKey.name, .navn)
        let capacity = count(r, &problems, .capacity, .kapacitet)
        let hours = hours(r, &problems)
        let equipment = optionalText(r, .equipment, .udstyr).map {
            $0.split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        } ?? []
        let overrideKeys: [FieldKey] = [.wheelchair, .toiletsWheelchair, .toiletsWheelchairTag, .stepFree, .hearingLoop]
        let hasOverride = overrideKeys.contains { r.value($0) != nil }
        let access = hasOverride ? accessibility(r, &problems) : nil
        let disability = flag(r, &problems, .disabilitySuited)
        guard problems.total == before, let facilityID, let id, let name else { return nil }
        return Room(id: id, facilityID: facilityID, name: name, capacity: capacity, equipment: equipment,
                    accessibility: access, openingHours: hours, disabilitySuited: disability)
    }

    /// A settlement: `id,name,lon,lat,population[,approximate]`.
    func settlement(_ r: ImportRecord, _ problems: inout ProblemCollector) -> Settlement? {
        let before = problems.total
        let id = optionalText(r, .id, .geonameid, .atID, .fid)
        if id == nil { problems.add(ImportProblem(r.position, field: "id", expected: "expected a non-empty id")) }
        let name = required(r, &problems, FieldKey.name, .navn)
        let location = location(r, &problems)
        var population: Double?
        let popField = [FieldKey.population, .indbyggere, .pop].first { r.has($0) } ?? .population
        if let p = number(r, popField, &problems) {
            if p < 0 {
                problems.add(ImportProblem(r.position, field: popField.text, value: String(p), expected: "expected a population >= 0"))
            } else { population = p }
        }
        let approximate = flag(r, &problems, .approximate)
        guard problems.total == before, let id, let name, let location, let population else { return nil }
        return Settlement(id: id, name: name, location: location, population: population, approximate: approximate)
    }

    /// A population point: `id,lon,lat,weight`.
    func populationPoint(_ r: ImportRecord, ruralField: String?, _ problems: inout ProblemCollector) -> PopulationPoint? {
        let before = problems.total
        let rural = Self.ruralFlag(r, field: ruralField ?? "rural", required: ruralField != nil, &problems)
        let id = required(r, &problems, FieldKey.id)
        let location = location(r, &problems)
        let weightField = [FieldKey.weight, .population, .residents].first { r.has($0) } ?? .weight
        var weight: Double?
        if let w = number(r, weightField, &problems) {
            if w < 0 {
                problems.add(ImportProblem(r.position, field: weightField.text, value: String(w), expected: "expected a weight >= 0"))
            } else { weight = w }
        }
        guard problems.total == before, let id, let location, let weight else { return nil }
        return PopulationPoint(id: id, location: location, weight: weight, rural: rural)
    }

    /// A boolean-ish rural flag (`true/false`, `1/0`, `yes/no`); nil when the field is absent or
    /// empty. With `required`, a record without the field is a problem (the user named it).
    static func ruralFlag(_ r: ImportRecord, field: String, required: Bool, _ problems: inout ProblemCollector) -> Bool? {
        let name = ImportRecord.normalise(field)
        guard let (_, text) = r.value(name) else {
            if required && !r.has(name) {
                problems.add(ImportProblem(r.position, field: field, expected: "expected a rural field (true/false, 1/0 or yes/no); the record has none"))
            }
            return nil
        }
        switch TriState(parsing: text) {
        case .yes?: return true
        case .no?: return false
        default:
            problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected true/false, 1/0 or yes/no"))
            return nil
        }
    }
}
