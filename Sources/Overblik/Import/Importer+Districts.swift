import Facilities
import Foundation
import GeoTypes
import Geometry
import Store

/// A district read from one record, with the value it is dissolved by (when `--dissolve-by`).
struct DistrictRow {
    var stored: StoredDistrict
    var dissolveKey: String?
}

extension Overblik {
    /// A district from a polygon record with the configured name/code/rural fields.
    func districtRecord(_ r: ImportRecord, options: ImportOptions, shaping: DistrictShaping?,
                        _ problems: inout ProblemCollector, _ report: inout ImportReport) -> DistrictRow? {
        let before = problems.total
        let codeField = options.codeField.map(ImportRecord.normalise)
        let nameField = options.nameField.map(ImportRecord.normalise)
        let code = codeField.map { f in r.value(f).map(\.value) } ?? r.value("code", "kode", "id").map(\.value)
        if code == nil {
            problems.add(ImportProblem(r.position, field: options.codeField ?? "code",
                                       expected: "expected a district code (choose the field with --code-field)"))
        }
        let name = nameField.map { f in r.value(f).map(\.value) } ?? r.value("name", "navn").map(\.value)
        if name == nil {
            problems.add(ImportProblem(r.position, field: options.nameField ?? "name",
                                       expected: "expected a district name (choose the field with --name-field)"))
        }
        var dissolveKey: String?
        if let field = options.dissolveBy {
            dissolveKey = r.value(ImportRecord.normalise(field))?.value
            if dissolveKey == nil {
                problems.add(ImportProblem(r.position, field: field, expected: "expected a value to dissolve by (--dissolve-by \(field))"))
            }
        }
        var rural: Bool?
        if let field = options.ruralField {
            if let (_, text) = r.value(ImportRecord.normalise(field)) {
                switch TriState(parsing: text) {
                case .yes?: rural = true
                case .no?: rural = false
                default:
                    problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected true/false, 1/0 or yes/no"))
                }
            }
        }
        var rings = polygonGeometry(r, &problems)
        if !rings.isEmpty {
            for ring in rings.joined() {
                if let bad = ring.first(where: { !(-180...180).contains($0.lon) || !(-90...90).contains($0.lat) }) {
                    problems.add(ImportProblem(r.position, field: "geometry", value: "\(bad.lon),\(bad.lat)",
                                               expected: "expected lon/lat in degrees (EPSG:4326); reproject the layer or pass --crs"))
                    return nil
                }
            }
            let multi = MultiPolygon(rings.map { Polygon<Coordinate>(uncheckedExterior: $0[0], holes: Array($0.dropFirst())) })
            let found = multi.problems()
            if let first = found.first {
                if options.makeValid, let shaping {
                    let areaBefore = Self.areaKm2(rings)
                    do {
                        let fixed = try shaping.makeValid(rings)
                        if fixed.isEmpty {
                            problems.add(ImportProblem(r.position, field: "geometry", value: code,
                                                       expected: "expected a polygon with an area; nothing is left after MakeValid (\(first))"))
                        } else {
                            rings = fixed
                            report.repaired.append(DistrictRepair(position: r.position.description, code: code, name: name,
                                                                  problem: first.description, areaBeforeKm2: areaBefore,
                                                                  areaAfterKm2: Self.areaKm2(fixed)))
                        }
                    } catch {
                        problems.add(ImportProblem(r.position, field: "geometry", value: code, expected: "expected a repairable polygon: \(error)"))
                    }
                } else if options.skipInvalid {
                    if problems.total == before {
                        report.skipped.append(SkippedRecord(position: r.position.description, id: code, name: name,
                                                            reason: "invalid polygon: \(first)"))
                    }
                    return nil
                } else {
                    for problem in found.prefix(20) {
                        problems.add(ImportProblem(r.position, field: "geometry", value: code,
                                                   expected: "expected a valid polygon: \(problem) (repair with --make-valid, or leave it out with --skip-invalid)"))
                    }
                }
            }
        }
        guard problems.total == before, let code, let name else { return nil }
        return DistrictRow(stored: StoredDistrict(district: District(code: code, name: name, rural: rural), rings: rings,
                                                  areaKm2: Self.areaKm2(rings)), dissolveKey: dissolveKey)
    }

    /// Merges the rows that share a dissolve key into one district each (first part's name and
    /// position), in order of first appearance; parts of one key must share one code.
    func dissolve(_ rows: [DistrictRow], positions: [RecordPosition], field: String, shaping: DistrictShaping,
                  _ problems: inout ProblemCollector, _ report: inout ImportReport) throws -> ([StoredDistrict], [RecordPosition]) {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (i, row) in rows.enumerated() {
            let key = row.dissolveKey ?? ""
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        var out: [StoredDistrict] = []
        var outPositions: [RecordPosition] = []
        for key in order {
            let members = groups[key]!
            var merged = rows[members[0]].stored
            if let other = members.first(where: { rows[$0].stored.district.code != merged.district.code }) {
                problems.add(ImportProblem(positions[other], field: field, value: key,
                    expected: "expected parts with the same \(field) to share one code; \(positions[members[0]]) has code '\(merged.district.code)', this one '\(rows[other].stored.district.code)'"))
                continue
            }
            if members.count > 1 {
                merged.rings = try shaping.union(members.map { rows[$0].stored.rings })
                merged.areaKm2 = Self.areaKm2(merged.rings)
                merged.district.rural = members.lazy.compactMap { rows[$0].stored.district.rural }.first
                report.dissolvedParts += members.count - 1
                report.dissolvedBy = field
            }
            out.append(merged)
            outPositions.append(positions[members[0]])
        }
        return (out, outPositions)
    }

    /// The rings of a Polygon or MultiPolygon record (repeated vertices dropped), or a problem naming
    /// what the record holds instead.
    func polygonGeometry(_ r: ImportRecord, _ problems: inout ProblemCollector) -> MultiPolygonRings {
        switch r.geometry {
        case let .polygons(p)?: return p.map { $0.map(Self.withoutRepeatedVertices) }
        case .empty?:
            problems.add(ImportProblem(r.position, field: "geometry", expected: "expected a Polygon or MultiPolygon; the geometry is empty"))
        case let .unsupported(kind)?:
            problems.add(ImportProblem(r.position, field: "geometry", value: kind, expected: "expected a Polygon or MultiPolygon"))
        case .point?, nil:
            problems.add(ImportProblem(r.position, field: "geometry", value: "Point", expected: "expected a Polygon or MultiPolygon"))
        }
        return []
    }

    /// The polygon rings of a record, checked (a Polygon or MultiPolygon, valid, in degrees); every
    /// problem is added with `label` (the district code or urban area id) as its value.
    func polygonRings(_ r: ImportRecord, label code: String?, _ problems: inout ProblemCollector) -> MultiPolygonRings {
        let rings = polygonGeometry(r, &problems)
        if !rings.isEmpty {
            let multi = MultiPolygon(rings.map { Polygon<Coordinate>(uncheckedExterior: $0[0], holes: Array($0.dropFirst())) })
            for problem in multi.problems().prefix(20) {
                problems.add(ImportProblem(r.position, field: "geometry", value: code,
                                           expected: "expected a valid polygon: \(problem)"))
            }
            for ring in rings.joined() {
                if let bad = ring.first(where: { !(-180...180).contains($0.lon) || !(-90...90).contains($0.lat) }) {
                    problems.add(ImportProblem(r.position, field: "geometry", value: "\(bad.lon),\(bad.lat)",
                                               expected: "expected lon/lat in degrees (EPSG:4326); reproject the layer or pass --crs"))
                    break
                }
            }
        }
        return rings
    }

    /// An urban area (town extent) from a polygon record: id, optional name, population.
    func urbanAreaRecord(_ r: ImportRecord, options: ImportOptions, _ problems: inout ProblemCollector) -> StoredUrbanArea? {
        let before = problems.total
        let idField = ImportRecord.normalise(options.idField ?? "id")
        let id = r.value(idField, "code", "kode", "bykode").map(\.value)
        if id == nil {
            problems.add(ImportProblem(r.position, field: options.idField ?? "id",
                                       expected: "expected an urban area id (choose the field with --id-field)"))
        }
        let name = r.value(ImportRecord.normalise(options.nameField ?? "name"), "navn", "bynavn").map(\.value)
        let fields = options.populationField.map { [ImportRecord.normalise($0)] } ?? ["population", "indbyggere", "folketal", "pop"]
        var population: Double?
        if let (field, text) = fields.lazy.compactMap({ r.value($0) }).first {
            let normalised = text.contains(".") ? text : text.replacingOccurrences(of: ",", with: ".")
            if let value = Double(normalised), value.isFinite, value >= 0 { population = value } else {
                problems.add(ImportProblem(r.position, field: field, value: text, expected: "expected a population >= 0"))
            }
        } else {
            problems.add(ImportProblem(r.position, field: options.populationField ?? "population",
                                       expected: "expected the town's population (choose the field with --population-field)"))
        }
        let rings = polygonRings(r, label: id, &problems)
        guard problems.total == before, let id, let population else { return nil }
        return StoredUrbanArea(area: UrbanArea(id: id, name: name, population: population), rings: rings)
    }

    /// Removes vertices equal to the one before (a common artefact of exports; not an error).
    static func withoutRepeatedVertices(_ ring: [Coordinate]) -> [Coordinate] {
        var out: [Coordinate] = []
        out.reserveCapacity(ring.count)
        for c in ring where out.last != c { out.append(c) }
        return out
    }

    /// Area in km², computed in EPSG:25832 (exact enough for Danish districts).
    static func areaKm2(_ rings: MultiPolygonRings) -> Double {
        var total = 0.0
        for polygon in rings {
            for (i, ring) in polygon.enumerated() {
                let planar = ring.map { c -> PlanarXY in
                    let p = UTM32.forward(c)
                    return PlanarXY(x: p.easting, y: p.northing)
                }
                let a = abs(Polygon<PlanarXY>.signedArea(of: planar))
                total += i == 0 ? a : -a
            }
        }
        return total / 1_000_000
    }

    static func locator(for districts: [StoredDistrict]) -> PointLocator {
        PointLocator(districts: districts.map { d in
            MultiPolygon(d.rings.map { Polygon<Coordinate>(uncheckedExterior: $0[0], holes: Array($0.dropFirst())) })
        })
    }

    /// Reassigns every stored facility, settlement and population point to the current districts
    /// (inside the caller's transaction). Returns how many points were assigned.
    func reassignAllPoints() throws -> Int {
        let districts = try backend.districts()
        let locator = Self.locator(for: districts)
        var assigned = 0
        for table in OverblikStore.PointTable.allCases {
            let points = try backend.locations(of: table)
            let found = locator.locateAll(points.map(\.location))
            let codes = zip(points, found).map { (id: $0.id, code: $1.map { districts[$0].district.code }) }
            assigned += codes.filter { $0.code != nil }.count
            try backend.assignDistricts(table: table, codes: codes)
        }
        return assigned
    }
}
