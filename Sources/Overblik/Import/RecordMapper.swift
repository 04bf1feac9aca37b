import Facilities
import Formats
import GeoTypes
import Store

/// Maps input records onto the domain, collecting every problem with its field and value.
struct RecordMapper {
    var crs: InputCRS
    /// Validates an opening_hours string; returns an error message or nil when valid.
    var validateHours: (String) -> String?

    // MARK: Field helpers

    func location(_ r: ImportRecord, _ problems: inout ProblemCollector) -> Coordinate? {
        var x: Double?, y: Double?
        var names = ("lon", "lat")
        switch r.geometry {
        case let .point(px, py)?:
            x = px; y = py; names = ("geometry", "geometry")
        case .empty?:
            problems.add(ImportProblem(r.position, field: "geometry", expected: "expected a point; the geometry is empty"))
            return nil
        case let .unsupported(kind)?:
            problems.add(ImportProblem(r.position, field: "geometry", value: kind, expected: "expected a Point geometry"))
            return nil
        case let .polygons(polygons)?:
            // An area (a building or grounds drawn as a polygon) stands for its centroid.
            guard let c = OSMArea.centroid(outer: polygons.compactMap(\.first), inner: polygons.flatMap { $0.dropFirst() }) else {
                problems.add(ImportProblem(r.position, field: "geometry", value: "Polygon", expected: "expected a Point or a non-empty polygon"))
                return nil
            }
            x = c.lon; y = c.lat; names = ("geometry", "geometry")
        case nil:
            let xNames: [FieldKey] = crs == .utm32 ? [.x, .easting, .lon] : [.lon, .lng, .longitude, .x]
            let yNames: [FieldKey] = crs == .utm32 ? [.y, .northing, .lat] : [.lat, .latitude, .y]
            guard let xf = xNames.first(where: { r.has($0) }), let yf = yNames.first(where: { r.has($0) }) else {
                problems.add(ImportProblem(r.position, field: crs == .utm32 ? "x,y" : "lon,lat",
                                           expected: "expected coordinate columns \(crs == .utm32 ? "x and y (EPSG:25832)" : "lon and lat")"))
                return nil
            }
            names = (xf.text, yf.text)
            guard let xv = number(r, xf, &problems), let yv = number(r, yf, &problems) else { return nil }
            x = xv; y = yv
        }
        guard let x, let y else { return nil }
        switch CoordinateCheck.coordinate(x: x, y: y, crs: crs, position: r.position, fields: names) {
        case let .success(c): return c
        case let .failure(p): problems.add(p); return nil
        }
    }

    func number<Name: RecordFieldName>(_ r: ImportRecord, _ field: Name, _ problems: inout ProblemCollector) -> Double? {
        guard let (_, text) = r.value(field) else {
            problems.add(ImportProblem(r.position, field: field.fieldName, expected: "expected a number, the field is empty"))
            return nil
        }
        // Danish spreadsheets may write a decimal comma.
        // (Byte tests: Foundation's substring search cost more than the rest of the row.)
        let normalised = ImportRecord.contains(UInt8(ascii: "."), in: text) || !ImportRecord.contains(UInt8(ascii: ","), in: text)
            ? text : text.replacingOccurrences(of: ",", with: ".")
        guard let value = DecimalNumber.parse(normalised) else {
            problems.add(ImportProblem(r.position, field: field.fieldName, value: text, expected: "expected a finite decimal number"))
            return nil
        }
        return value
    }

    func required<Name: RecordFieldName>(_ r: ImportRecord, _ problems: inout ProblemCollector, _ names: Name...) -> String? {
        for name in names {
            if let v = name.raw(in: r.fields).map(ImportRecord.trimmed), !v.isEmpty { return v }
        }
        problems.add(ImportProblem(r.position, field: names[0].fieldName, expected: "expected a non-empty value"))
        return nil
    }

    func optionalText(_ r: ImportRecord, _ names: FieldKey...) -> String? {
        for name in names {
            if let v = r.fields[name].map(ImportRecord.trimmed), !v.isEmpty { return v }
        }
        return nil
    }

    func count(_ r: ImportRecord, _ problems: inout ProblemCollector, _ names: FieldKey...) -> Int? {
        for name in names {
            guard let (_, text) = r.value(name) else { continue }
            if let n = Int(text), n >= 0 { return n }
            if let d = DecimalNumber.parse(text), d >= 0, d == d.rounded(), d < 1e9 { return Int(d) }
            problems.add(ImportProblem(r.position, field: name.text, value: text, expected: "expected a whole number >= 0"))
            return nil
        }
        return nil
    }

    func tri(_ r: ImportRecord, _ problems: inout ProblemCollector, _ names: FieldKey...) -> TriState {
        for name in names {
            guard let (_, text) = r.value(name) else { continue }
            if let v = TriState(parsing: text) { return v }
            problems.add(ImportProblem(r.position, field: name.text, value: text, expected: "expected yes, no or empty (unknown)"))
            return .unknown
        }
        return .unknown
    }

    func flag(_ r: ImportRecord, _ problems: inout ProblemCollector, _ name: FieldKey) -> Bool {
        tri(r, &problems, name) == .yes
    }

    func hours(_ r: ImportRecord, _ problems: inout ProblemCollector) -> String? {
        guard let (field, text) = r.value(FieldKey.openingHours, .availability) else { return nil }
        if let message = validateHours(text) {
            problems.add(ImportProblem(r.position, field: field, value: text, expected: message))
        }
        return text
    }

    func accessibility(_ r: ImportRecord, _ problems: inout ProblemCollector) -> Accessibility {
        var a = Accessibility()
        if let (field, text) = r.value(FieldKey.wheelchair) {
            if let w = WheelchairAccess(parsing: text) { a.wheelchair = w } else {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected yes, limited, no, designated or empty"))
            }
        }
        a.toiletsWheelchair = tri(r, &problems, .toiletsWheelchair, .toiletsWheelchairTag)
        if let (field, text) = r.value(FieldKey.stepFree) {
            if let t = TriState(parsing: text) { a.stepFree = t } else {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected yes, no or empty (unknown)"))
            }
        } else if let (field, text) = r.value(FieldKey.entranceSteps, .stepCount, .entranceStepCountTag) {
            if let n = Int(text), n >= 0 { a.stepFree = n == 0 ? .yes : .no } else {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected a step count >= 0"))
            }
        }
        a.ramp = tri(r, &problems, .ramp, .rampWheelchairTag)
        a.elevator = tri(r, &problems, .elevator)
        a.hearingLoop = tri(r, &problems, .hearingLoop, .audioLoop)
        a.parkingAccessible = tri(r, &problems, .parkingAccessible, .capacityDisabledTag)
        if let (_, text) = r.value(FieldKey.godAdgang) {
            a.godAdgang = text.split(whereSeparator: { $0 == "|" || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let (field, text) = r.value(FieldKey.checked, .checkDate, .checkDateWheelchairTag) {
            if isISODate(text) { a.checked = String(text.prefix(10)) } else {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected an ISO date YYYY-MM-DD"))
            }
        }
        return a
    }

    func isISODate(_ text: String) -> Bool {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return (1900...2200).contains(y) && (1...12).contains(m) && (1...31).contains(d)
    }
}

import Foundation
