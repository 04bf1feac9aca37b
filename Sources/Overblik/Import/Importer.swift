import Facilities
import Foundation
import GeoTypes
import Geometry
import Scheduling
import Store

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
        let mapper = RecordMapper(crs: crs, validateHours: Self.openingHoursProblem)
        var problems = ProblemCollector()
        var positions: [RecordPosition] = []
        var skipped: [String] = []
        var count = 0

        func note(_ record: ImportRecord) -> Bool {
            count += 1
            if count % 1024 == 0 { options.progress?(count, source.estimatedCount) }
            if case .empty? = record.geometry, !options.strict, layer != .rooms {
                skipped.append(record.position.description)
                return false
            }
            return true
        }

        var report = ImportReport(layer: layer, file: path, format: source.formatName, crs: crs.rawValue, imported: 0,
                                  replaced: 0, skippedEmptyGeometry: [], outsideDistricts: [], reassignedPoints: 0, seconds: 0)

        /// Reads and maps every record, keeping each mapped row's position for later problems.
        func collect<Row>(_ map: (ImportRecord) -> Row?) throws -> [Row] {
            var rows: [Row] = []
            try source.forEach(options: options) { r in
                guard note(r) else { return }
                if let row = map(r) { rows.append(row); positions.append(r.position) }
            }
            return rows
        }

        /// The common tail of the point layers: unique ids, districts by point-in-polygon, one write.
        func finishPoints<Row: Identifiable>(_ rows: inout [Row], table: String, location: KeyPath<Row, Coordinate>,
                                             code: WritableKeyPath<Row, String?>,
                                             insert: @escaping ([Row]) throws -> Void) throws where Row.ID == String {
            checkDuplicates(rows.map(\.id), positions, &problems)
            try problems.throwIfAny()
            report.outsideDistricts = try assignDistricts(&rows, location: location, code: code)
            let written = rows
            report.replaced = try writeRows(table: table, ids: rows.map(\.id), replace: options.replace) { try insert(written) }
            report.imported = rows.count
        }

        switch layer {
        case .facilities:
            var rows: [Facility] = try collect { r in
                var record = r
                if let f = options.idField, let v = record.fields[ImportRecord.normalise(f)] { record.fields["id"] = v }
                if let f = options.nameField, let v = record.fields[ImportRecord.normalise(f)] { record.fields["name"] = v }
                if let f = options.kindField {
                    let raw = record.fields[ImportRecord.normalise(f)]?.trimmingCharacters(in: .whitespaces) ?? ""
                    let mapped = FacilityKind(parsing: raw)?.rawValue ?? Self.guessKind(raw)
                    record.fields["kind"] = mapped ?? options.defaultKind?.rawValue ?? raw
                } else if record.value("kind", "type", "kategori") == nil, FacilityKind(osmTags: record.fields) == nil,
                          let k = options.defaultKind {
                    record.fields["kind"] = k.rawValue
                }
                return mapper.facility(record, &problems)
            }
            try finishPoints(&rows, table: "facilities", location: \.location, code: \.districtCode) {
                try self.store.insert(facilities: $0, replace: options.replace)
            }
        case .settlements:
            var rows: [Settlement] = try collect { mapper.settlement($0, &problems) }
            try finishPoints(&rows, table: "settlements", location: \.location, code: \.districtCode) {
                try self.store.insert(settlements: $0, replace: options.replace)
            }
        case .population:
            var rows: [PopulationPoint] = try collect { mapper.populationPoint($0, ruralField: options.ruralField, &problems) }
            try finishPoints(&rows, table: "population", location: \.location, code: \.districtCode) {
                try self.store.insert(population: $0, replace: options.replace)
            }
        case .rooms:
            let rows: [Room] = try collect { mapper.room($0, &problems) }
            checkDuplicates(rows.map(\.id), positions, &problems)
            let known = Set(try store.facilities().map(\.id))
            for (i, room) in rows.enumerated() where !known.contains(room.facilityID) {
                problems.add(ImportProblem(positions[i], field: "facility_id", value: room.facilityID,
                                           expected: "expected the id of an imported facility (room '\(room.id)')"))
            }
            try problems.throwIfAny()
            report.replaced = try writeRows(table: "rooms", ids: rows.map(\.id), replace: options.replace) {
                try store.insert(rooms: rows, replace: options.replace)
            }
            report.imported = rows.count
        case .districts:
            let rows: [StoredDistrict] = try collect { districtRecord($0, options: options, &problems) }
            checkDuplicates(rows.map(\.district.code), positions, &problems)
            try problems.throwIfAny()
            report.reassignedPoints = try store.write {
                let existing = try store.existingIDs(in: "districts", among: rows.map(\.district.code))
                if options.replace {
                    try store.deleteAllDistricts()
                } else if !existing.isEmpty {
                    throw StoreError.duplicateIDs(table: "districts", ids: existing, total: existing.count)
                }
                try store.insert(districts: rows, replace: false)
                return try reassignAllPoints()
            }
            report.imported = rows.count
        case .urbanAreas:
            let rows: [StoredUrbanArea] = try collect { urbanAreaRecord($0, options: options, &problems) }
            checkDuplicates(rows.map(\.area.id), positions, &problems)
            try problems.throwIfAny()
            try store.write {
                if options.replace { try store.deleteAllUrbanAreas() } else {
                    let existing = Set(try store.urbanAreas().map(\.area.id)).intersection(rows.map(\.area.id)).sorted()
                    if !existing.isEmpty { throw StoreError.duplicateIDs(table: "urban_areas", ids: existing, total: existing.count) }
                }
                try store.insert(urbanAreas: rows, replace: false)
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
    private func writeRows(table: String, ids: [String], replace: Bool, _ insert: () throws -> Void) throws -> Int {
        try store.write {
            let existing = try store.existingIDs(in: table, among: ids)
            if !existing.isEmpty && !replace {
                throw StoreError.duplicateIDs(table: table, ids: existing, total: existing.count)
            }
            try insert()
            return existing.count
        }
    }

    private func checkDuplicates(_ ids: [String], _ positions: [RecordPosition], _ problems: inout ProblemCollector) {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let first = seen[id] {
                problems.add(ImportProblem(positions[i], field: "id", value: id,
                                           expected: "expected a unique id; \(positions[first]) has the same"))
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
