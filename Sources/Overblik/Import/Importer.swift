import Facilities
import Foundation
import GeoTypes
import Geometry
import Scheduling
import Store
import Formats

extension Overblik {
    /// Imports one file into one layer, atomically.
    ///
    /// Reads every record, maps it onto the domain and validates it (coordinates, CRS, swapped axes,
    /// kinds, accessibility values, opening_hours, polygons), collecting all problems. Any problem
    /// refuses the whole import with an ``ImportError`` and leaves the database as it was. Otherwise the
    /// rows are written in one transaction, each point gets its district by point-in-polygon, and a
    /// district import reassigns every stored point.
    ///
    /// - Parameters:
    ///   - layer: the layer to fill.
    ///   - path: a `.csv`, `.geojson`/`.json` or `.shp` file.
    ///   - options: CRS, field names, `replace`, progress.
    /// - Throws: ``ImportError`` (bad input, nothing written), ``OverblikError/io(_:)`` for unreadable
    ///   files, ``DatabaseError`` for store failures.
    public func importFile(_ layer: ImportLayer, at path: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let started = Date()
        let source = try RecordSource.open(path: path, options: options)
        let crs = options.crs ?? source.declaredCRS ?? .wgs84
        if layer == .rooms, options.clipTo != nil || options.municipality != nil {
            throw OverblikError.badInput("--clip-to and --municipality apply to layers with locations; rooms follow their facilities")
        }
        let clip = try options.clipTo.map { try ClipArea(path: $0, municipality: options.municipality, options: options) }
        // Each distinct opening_hours text is parsed once (a register repeats a few hundred of them).
        // The last few texts are compared first, without hashing: most files use a handful.
        var hoursChecked: [String: String?] = [:]
        var recentHours: [(text: String, problem: String?)] = []
        var nextRecent = 0
        let mapper = RecordMapper(crs: crs, validateHours: { text in
            for recent in recentHours where recent.text == text { return recent.problem }
            let problem: String?
            if let known = hoursChecked[text] { problem = known } else {
                problem = Self.openingHoursProblem(text)
                if hoursChecked.count < 100_000 { hoursChecked[text] = problem }
            }
            if recentHours.count < 8 { recentHours.append((text, problem)) } else { recentHours[nextRecent] = (text, problem) }
            nextRecent = (nextRecent + 1) % 8
            return problem
        })
        var problems = ProblemCollector()
        var positions: [RecordPosition] = []
        var skipped: [String] = []
        var count = 0

        func note(_ record: ImportRecord) throws -> Bool {
            count += 1
            if count == 1, !source.isOSM {
                let missing = ImportFieldCheck.problems(record, layer: layer, options: options)
                if !missing.isEmpty { throw ImportError(problems: missing) }
            }
            if let code = options.municipality, clip == nil {
                let values = ClipArea.municipalityFields.compactMap { record.value($0)?.value }
                if values.isEmpty {
                    throw ImportError(problems: [ImportProblem(record.position, field: "KOMKODE",
                        expected: "expected a municipality-code field (\(ClipArea.municipalityFields.joined(separator: ", "))) for --municipality; or give the boundary with --clip-to FILE")])
                }
                if !values.contains(where: { ClipArea.sameMunicipality($0, code) }) { report.outsideArea += 1; return false }
            }
            if count % 1024 == 0 { options.progress?(count, source.estimatedCount) }
            // A byte order mark belongs only at the very start of a file; inside one (files
            // concatenated) it would hide in an id or name.
            if record.mayHoldByteOrderMark, let (field, _) = record.fields.first(where: { $0.utf8.count >= 3 && ImportRecord.contains(0xEF, in: $0) && $0.unicodeScalars.contains("\u{FEFF}") }) {
                problems.add(ImportProblem(record.position, field: field,
                                           expected: "a byte order mark (U+FEFF) inside the file, allowed only at its start (were files concatenated?)"))
                return false
            }
            if case .empty? = record.geometry, !options.strict, layer != .rooms {
                let id = options.idField.flatMap { record.value(ImportRecord.normalise($0)) } ?? record.value(FieldKey.id, .atID, .fid)
                let name = options.nameField.flatMap { record.value(ImportRecord.normalise($0)) } ?? record.value(FieldKey.name, .navn)
                let label = [id.map { "id \($0.value)" }, name.map { "'\($0.value)'" }].compactMap { $0 }.joined(separator: " ")
                skipped.append(record.position.description + (label.isEmpty ? "" : " (\(label))"))
                return false
            }
            return true
        }

        func recordSource() throws {
            try self.recordSource(layer.rawValue, path: path, attribution: options.attribution, osm: source.isOSM)
        }

        var report = ImportReport(layer: layer, file: path, format: source.formatName, crs: crs.rawValue, imported: 0,
                                  replaced: 0, skippedEmptyGeometry: [], outsideDistricts: [], reassignedPoints: 0, seconds: 0)

        /// Reads and maps every record, keeping each mapped row's position for later problems.
        func collect<Row>(osm: OSMHooks? = nil, _ map: (ImportRecord) -> Row?) throws -> [Row] {
            if source.isOSM && layer != .facilities {
                throw OverblikError.badInput("\(path): OpenStreetMap files import as facilities only; for \(layer.rawValue) convert the features you need to GeoJSON")
            }
            var rows: [Row] = []
            try source.forEach(options: options, osm: osm) { r in
                guard try note(r) else { return }
                if let row = map(r) { rows.append(row); positions.append(r.position) }
            }
            return rows
        }

        /// Streams a point layer into the store in chunks, in one transaction (see ``PointLayerImport``):
        /// unique ids, districts by point-in-polygon, clipping; any problem rolls everything back.
        func streamPoints<Row: Identifiable & Sendable>(table: String, osm: OSMHooks? = nil, location: @escaping @Sendable (Row) -> Coordinate,
                                             code: @escaping @Sendable (inout Row, String?) -> Void, _ map: @escaping (ImportRecord) -> Row?,
                                             writer: @escaping (Int) throws -> PointLayerSink<Row>) throws where Row.ID == String {
            if source.isOSM && layer != .facilities {
                throw OverblikError.badInput("\(path): OpenStreetMap files import as facilities only; for \(layer.rawValue) convert the features you need to GeoJSON")
            }
            let stream = PointLayerImport<Row>(location: location, code: code, clip: clip, idField: options.idField ?? "id")
            let read: ((Row, RecordPosition) throws -> Void) throws -> Void = { emit in
                try source.forEach(options: options, osm: osm) { r in
                    guard try note(r) else { return }
                    if let row = map(r) { try emit(row, r.position) }
                }
            }
            let outsideBefore = report.outsideArea
            report.replaced = try writingOnceIfFilling(layer, from: path, replace: options.replace) { try writeRetrying("import into \(table)") {
                (count, problems, skipped, report.outsideArea) = (0, ProblemCollector(), [], outsideBefore)
                (report.skipped, report.skippedUnmapped) = ([], [:])
                let outcome = try stream.run(districts: try backend.districts(), read: read, makeWriter: writer)
                if outcome.repeatTotal > 0 {
                    let found = problems
                    let repeats = try stream.repeatProblems(outcome, read: read)
                    problems = found
                    for problem in repeats { problems.add(problem) }
                    problems.addCount(outcome.repeatTotal - repeats.count)
                }
                try problems.throwIfAny()
                if outcome.existingTotal > 0 {
                    throw StoreError.duplicateIDs(table: table, ids: outcome.existing, total: outcome.existingTotal)
                }
                try recordSource()
                report.outsideArea += outcome.outsideArea
                report.outsideDistricts = outcome.outsideDistricts
                report.imported = outcome.imported
                return outcome.replaced
            } }
        }

        switch layer {
        case .network:
            throw OverblikError.badInput("road networks are imported by importNetwork(path:clipTo:), not importFile")
        case .facilities:
            let rules = FacilityRecordRules(options: options, osmSource: source.isOSM)
            let hooks = OSMHooks(wanted: rules.wantsOSM) { id, tags, reason in
                if let text = OSMSkipReasonText(reason) {
                    report.skipped.append(SkippedRecord(position: "\(path): \(id)", id: id.description, name: tags["name"], reason: text.rawValue))
                } else {
                    report.skippedUnmapped[OSMTags.primaryTag(tags), default: 0] += 1
                }
            }
            let map = { (r: ImportRecord) -> Facility? in
                switch rules.prepare(r) {
                case let .keep(record): return mapper.facility(record, &problems)
                case let .unmapped(tag): report.skippedUnmapped[tag, default: 0] += 1
                case let .skipped(record): report.skipped.append(record)
                case let .problem(problem): problems.add(problem)
                }
                return nil
            }
            try streamPoints(table: "facilities", osm: hooks, location: { $0.location }, code: { $0.districtCode = $1 }, map,
                             writer: { try self.backend.pointSink(.facilities, replace: options.replace, expectedRows: $0) })
        case .settlements:
            let map = { (r: ImportRecord) in mapper.settlement(r, &problems) }
            try streamPoints(table: "settlements", location: { $0.location }, code: { $0.districtCode = $1 }, map,
                             writer: { try self.backend.pointSink(.settlements, replace: options.replace, expectedRows: $0) })
        case .population:
            let map = { (r: ImportRecord) in mapper.populationPoint(r, ruralField: options.ruralField, &problems) }
            try streamPoints(table: "population", location: { $0.location }, code: { $0.districtCode = $1 }, map,
                             writer: { try self.backend.pointSink(.population, replace: options.replace, expectedRows: $0) })
        case .rooms:
            let rows: [Room] = try collect { mapper.room($0, &problems) }
            checkDuplicates(rows.map(\.id), positions, &problems)
            let known = Set(try backend.facilities().map(\.id))
            for (i, room) in rows.enumerated() where !known.contains(room.facilityID) {
                problems.add(ImportProblem(positions[i], field: "facility_id", value: room.facilityID,
                                           expected: "expected the id of an imported facility (room '\(room.id)')"))
            }
            try problems.throwIfAny()
            report.replaced = try writeRows(table: "rooms", ids: rows.map(\.id), replace: options.replace, recordSource: recordSource) {
                try backend.insert(rooms: rows, replace: options.replace)
            }
            report.imported = rows.count
        case .districts:
            let shaping = options.makeValid || options.dissolveBy != nil ? try DistrictShaping() : nil
            let read: [DistrictRow] = try collect { districtRecord($0, options: options, shaping: shaping, &problems, &report) }
            var rows = read.map(\.stored)
            if let field = options.dissolveBy, let shaping, problems.isEmpty {
                (rows, positions) = try dissolve(read, positions: positions, field: field, shaping: shaping, &problems, &report)
            }
            if let clip {
                var kept: [StoredDistrict] = [], keptPositions: [RecordPosition] = []
                for (row, position) in zip(rows, positions) {
                    var row = row
                    row.rings = try clip.clip(row.rings)
                    if row.rings.isEmpty { report.outsideArea += 1; continue }
                    row.areaKm2 = Self.areaKm2(row.rings)
                    kept.append(row); keptPositions.append(position)
                }
                (rows, positions) = (kept, keptPositions)
            }
            let codeField = options.codeField ?? "code"
            checkDuplicates(rows.map(\.district.code), positions, &problems, field: codeField,
                            hint: options.dissolveBy == nil ? " (parts of one district? merge them with --dissolve-by \(codeField))" : "")
            try problems.throwIfAny()
            if options.replace && rows.isEmpty && !options.allowEmpty {
                throw ImportError(problems: [ImportProblem(RecordPosition(file: path),
                    expected: "no district to import: --replace would leave the layer empty (add --allow-empty to empty it)")])
            }
            report.reassignedPoints = try writeRetrying("import \(path)") {
                let existing = try backend.existingIDs(in: "districts", among: rows.map(\.district.code))
                if options.replace {
                    try backend.deleteAllDistricts()
                } else if !existing.isEmpty {
                    throw StoreError.duplicateIDs(table: "districts", ids: existing, total: existing.count)
                }
                try backend.insert(districts: rows, replace: false)
                try recordSource()
                return try reassignAllPoints()
            }
            report.imported = rows.count
        case .urbanAreas:
            let rows: [StoredUrbanArea] = try collect { urbanAreaRecord($0, options: options, &problems) }
            checkDuplicates(rows.map(\.area.id), positions, &problems)
            try problems.throwIfAny()
            try backend.write {
                if options.replace { try backend.deleteAllUrbanAreas() } else {
                    let existing = Set(try backend.urbanAreas().map(\.area.id)).intersection(rows.map(\.area.id)).sorted()
                    if !existing.isEmpty { throw StoreError.duplicateIDs(table: "urban_areas", ids: existing, total: existing.count) }
                }
                try backend.insert(urbanAreas: rows, replace: false)
                try recordSource()
            }
            report.imported = rows.count
        }
        if problems.total > 0 { try problems.throwIfAny() }
        if options.strict && !skipped.isEmpty {
            throw ImportError(problems: skipped.map { ImportProblem(RecordPosition(file: $0), field: "geometry", expected: "expected a geometry; it is empty") })
        }
        report.skippedEmptyGeometry = skipped
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Writes rows in one transaction, refusing existing ids unless `replace`. Returns how many replaced.
    private func writeRows(table: String, ids: [String], replace: Bool, recordSource: () throws -> Void,
                           _ insert: () throws -> Void) throws -> Int {
        try writeRetrying("import into \(table)") {
            let existing = try backend.existingIDs(in: table, among: ids)
            if !existing.isEmpty && !replace {
                throw StoreError.duplicateIDs(table: table, ids: existing, total: existing.count)
            }
            try insert()
            try recordSource()
            return existing.count
        }
    }

    private func checkDuplicates(_ ids: [String], _ positions: [RecordPosition], _ problems: inout ProblemCollector,
                                 field: String = "id", hint: String = "") {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let first = seen[id] {
                problems.add(ImportProblem(positions[i], field: field, value: id,
                                           expected: "expected a unique \(field); \(positions[first]) has the same\(hint)"))
            } else {
                seen[id] = i
            }
        }
    }

    /// A message when `text` is not a supported opening_hours string, else nil.
    static func openingHoursProblem(_ text: String) -> String? {
        do {
            _ = try OpeningHours(parsing: text)
            return nil
        } catch {
            return "expected opening_hours syntax: \(error)"
        }
    }

    /// Danish institution type names ("Folkeskoler", "Gymnasier", ...) onto kinds.
    static func guessKind(_ text: String) -> String? {
        let t = text.lowercased()
        if t.contains("skole") || t.contains("gymnas") || t.contains("uddannelse") || t.contains("hf") || t.contains("seminari") {
            return FacilityKind.school.rawValue
        }
        if t.contains("hal") { return FacilityKind.sportsHall.rawValue }
        if t.contains("bibliotek") { return FacilityKind.library.rawValue }
        if t.contains("klub") { return FacilityKind.youthClub.rawValue }
        return nil
    }
}
