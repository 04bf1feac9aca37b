import ArgumentParser
import Foundation
import Overblik

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import facilities, rooms, districts, settlements, population points, urban areas or road networks (CSV, GeoJSON, TopoJSON, Shapefile, OpenStreetMap PBF/XML).",
        discussion: """
        Every import is atomic: it lands whole or not at all. All problems are reported together with
        file, line (or feature), field, value and what was expected; the exit code is then 2 and the
        database is unchanged. Re-importing existing ids is an error unless --replace.

        Examples:
          overblik import districts Data/districts.geojson --name-field name --code-field code --rural-field rural
          overblik import districts ../shared/data/aalborg/parishes-2014.geojson --name-field SOGNENAVN --code-field SOGNEKODE --replace
          overblik import settlements Data/settlements.csv
          overblik import facilities Data/facilities.csv
          overblik import rooms Data/rooms.csv
          overblik import facilities schools.csv --crs EPSG:25832
          overblik import facilities institutions.shp --id-field INST_NR --name-field INST_NAVN --kind school
          overblik import facilities denmark-latest.osm.pbf --name-from operator
          overblik import districts sogne.topojson --code-field SOGNEKODE --name-field SOGNENAVN --make-valid --dissolve-by SOGNEKODE
          overblik import network denmark-latest.osm.pbf --clip-to 9.5,56.8,10.6,57.2   (docs/roads.md)
          overblik import urban-areas Data/urban-areas.geojson --population-field population
          overblik import population addresses.csv --rural-field landdistrikt

        Urban areas are town extents (polygons) with a population field: a point inside the extent of a
        town of 3 000+ inhabitants (--town-population on the analyses) is urban, every other point rural.
        A population file's rural column (`rural`, or the field named by --rural-field) decides first.
        """)

    @Argument(help: "What to import: facilities, rooms, districts, settlements, population, urban-areas, network.")
    var layer: ImportLayer

    @Argument(help: "The file: .csv, .geojson/.json, .topojson, .shp (with .dbf beside it), .osm.pbf or .osm.")
    var file: String

    @Option(help: "CRS of the coordinates: EPSG:4326 (default) or EPSG:25832. Shapefiles read their .prj.")
    var crs: String?

    @Option(help: "Field holding the id.") var idField: String?
    @Option(help: "Field holding the name (districts: e.g. SOGNENAVN).") var nameField: String?
    @Option(help: "Field holding the district code (e.g. SOGNEKODE).") var codeField: String?
    @Option(help: "Boolean-ish field telling whether a district or population point is rural (true/false, 1/0, yes/no).") var ruralField: String?
    @Option(help: "Field holding an urban area's population (default population, indbyggere or folketal).") var populationField: String?
    @Option(help: "Field holding the facility kind.") var kindField: String?
    @Option(help: "Kind for facilities whose record names none (e.g. school).") var kind: String?
    @Flag(help: "Overwrite rows whose id exists (districts: replace the whole layer).") var replace = false
    @Flag(help: "Refuse records with empty geometry instead of skipping and reporting them.") var strict = false
    @Option(help: "Field holding the owner (municipal, education, regional, state, private; or mapped with --map).") var ownerField: String?
    @Option(help: "CSV mapping source values onto kinds and owners: field,value,kind|owner,target (one rule a line).") var map: String?
    @Option(help: "Keep only what lies in this area: a polygon file (points inside, districts cut to it); for network a box MINLON,MINLAT,MAXLON,MAXLAT.") var clipTo: String?
    @Option(help: "Municipality code (e.g. 0851): its feature in --clip-to, or records whose KOMKODE/kommunekode field has it.") var municipality: String?
    @Flag(help: "Districts: repair invalid polygons with GEOS MakeValid and report each repair with areas before and after.") var makeValid = false
    @Flag(help: "Districts: leave invalid polygons out (listed) and import the rest.") var skipInvalid = false
    @Option(help: "Districts: merge parts that share this field's value (e.g. SOGNEKODE) into one MultiPolygon.") var dissolveBy: String?
    @Option(help: "Who the data is from and its licence (e.g. \"GeoNames, CC BY 4.0\"), shown on every map and page; OpenStreetMap files default to OpenStreetMap's.")
    var attribution: String?
    @Option(help: "Tag or field naming a facility that has no name (OpenStreetMap: e.g. operator, ref); without it nameless OSM features are skipped and listed.") var nameFrom: String?
    @Flag(help: "Let --replace empty the district layer when the file has no districts.") var allowEmpty = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json], command: "import")
        if layer == .network {
            try runNetwork()
            return
        }
        var parsedCRS: InputCRS?
        if let crs {
            guard let c = InputCRS(parsing: crs) else {
                throw ValidationError("--crs must be EPSG:4326 or EPSG:25832, not '\(crs)'")
            }
            parsedCRS = c
        }
        var defaultKind: FacilityKind?
        if let kind {
            guard let k = FacilityKind(parsing: kind) else {
                throw ValidationError("--kind must be one of \(FacilityKind.expectedDescription), not '\(kind)'")
            }
            defaultKind = k
        }
        let progress = ProgressBar.forTerminal(label: "importing \(layer.rawValue)")
        var options = ImportOptions(crs: parsedCRS, idField: idField, nameField: nameField, codeField: codeField,
                                    ruralField: ruralField, kindField: kindField, defaultKind: defaultKind,
                                    replace: replace, strict: strict, populationField: populationField,
                                    progress: progress?.callback)
        options.nameFrom = nameFrom
        options.ownerField = ownerField
        options.clipTo = clipTo
        options.municipality = municipality
        if let map { options.valueMap = try SourceValueMap(path: map) }
        options.makeValid = makeValid
        options.skipInvalid = skipInvalid
        options.dissolveBy = dissolveBy
        options.allowEmpty = allowEmpty
        options.attribution = attribution
        let overblik = try global.openCreating()
        let report: ImportReport
        do {
            report = try overblik.importFile(layer, at: file, options: options)
            progress?.finish()
        } catch {
            progress?.finish()
            throw error
        }
        try Output.render(report, as: global.format)
        for line in report.warnings { Output.error("overblik: warning: " + line) }
    }
}

extension ImportCommand {
    func runNetwork() throws {
        let overblik = try global.open()
        let report = try overblik.importNetwork(path: file, clipTo: try clipTo.map(Overblik.boundingBox(parsing:)), attribution: attribution)
        if global.format == .json { try Output.json(report) } else { Output.write(report.text) }
        Output.flush()
    }
}


/// A progress bar on standard error, shown only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    let label: String
    var lastDrawn = 0.0

    init(label: String) { self.label = label }

    static func forTerminal(label: String) -> ProgressBar? {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil ? ProgressBar(label: label) : nil
    }

    var callback: @Sendable (Int, Int?) -> Void {
        { [self] done, total in self.draw(done, total) }
    }

    func draw(_ done: Int, _ total: Int?) {
        let now = Date().timeIntervalSinceReferenceDate
        guard now - lastDrawn > 0.1 else { return }
        lastDrawn = now
        var text = "\r\(label): \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 30)
            text = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                + "] \(done)/\(total)"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        if lastDrawn > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
