import ArgumentParser
import Foundation
import Overblik


struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a layer as RFC 7946 GeoJSON (or an RFC 8142 GeoJSON Text Sequence) for Leaflet, MapLibre and QGIS.",
        discussion: """
        Layers:
          facilities  points: id, name, kind, owner, address, district, district_name, rural, capacity,
                      disability_suited, room_count, max_capacity, rooms, wheelchair, toilets_wheelchair,
                      step_free, ramp, elevator, hearing_loop, parking_accessible, god_adgang, checked,
                      opening_hours, open_now, next_change, next_free_start, next_free_end, next_free_room,
                      contact_name, phone, email, booking_url
          districts   polygons: code, name, rural, area_km2, facilities (matching the filters)
          coverage    districts as above plus population, covered_<reach>, share_<reach>, mean_m,
                      median_m, p90_m, max_m (from the coverage use case; reach --within, default 5km)
          gaps        points: settlements (or population points) beyond reach, worst first: id, name,
                      population, rural, district, nearest_facility, nearest_facility_name,
                      distance_m, threshold_m, score
          isochrones  polygons by road from --from FACILITY[,FACILITY] or the facilities passing the
                      filters (--kind ...), --by walk|bike|car, --minutes 5,10,15: minutes, travel,
                      facilities, reached_km; reached road buffered by 50 m (docs/roads.md)
        Output is WGS84 lon/lat without a crs member, exterior rings counter-clockwise and holes
        clockwise, 6 decimals unless --precision says otherwise, flat primitive properties only.
        Times are local (Europe/Copenhagen); --now fixes the clock (default: the current time).
        --seq streams one feature per record (RS ... LF) in constant memory; facilities are read from
        the database row by row in both modes.

        Examples:
          overblik export facilities --out facilities.geojson
          overblik export facilities --kind village_hall --wheelchair yes --style --out halls.geojson
          overblik export facilities --seq --precision 5 | ogr2ogr -f GPKG facilities.gpkg /vsistdin/
          overblik export districts --id-field index --bbox --out districts.geojson
          overblik export coverage --kind village_hall --rural-within 5km --urban-within 2km --style
          overblik export gaps --kind library --within 10km --out gaps.geojson
          overblik export facilities --now 2026-12-01T17:00 --id-field none --out -
          overblik export isochrones --kind library --by bike --minutes 5,10,15 --out bike.geojson
        """)

    @Argument(help: "Layer: facilities, districts, coverage, gaps, isochrones.") var layer: ExportLayer
    @OptionGroup var filters: FilterOptions
    @OptionGroup var reach: ReachOptions
    @Option(help: "Output file, or - for standard output (default).") var out: String = "-"
    @Flag(help: "Write an RFC 8142 GeoJSON Text Sequence instead of a FeatureCollection.") var seq = false
    @Option(help: "Coordinate decimals, 0...15 (6 ≈ 0.1 m).") var precision: Int = 6
    @Flag(help: "Write a bbox on every feature and on the collection.") var bbox = false
    @Option(help: "Property that becomes the feature id (default id for facilities, code for districts); index gives 1-based integers; none omits ids.")
    var idField: String?
    @Flag(help: "Add simplestyle-spec hints: marker-color by kind, fill and fill-opacity by coverage share (else rural/urban).")
    var style = false
    @Option(help: "Local time used as now for open_now, next_change and the next free slot (2026-12-01T17:00).") var now: String?
    @Option(help: "Days ahead to search for the next free slot.") var horizon: Int = 14
    @Option(help: "isochrones: travel by walk, bike or car.") var by: String = "car"
    @Option(help: "isochrones: minutes, comma-separated (5,10,15).") var minutes: String = "5,10,15"
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...15).contains(precision) else { throw ValidationError("--precision must be within 0...15") }
        guard horizon >= 1 && horizon <= 366 else { throw ValidationError("--horizon must be within 1...366 days") }
        if global.format != .table && global.format != .geojson {
            throw ValidationError("export always writes GeoJSON; --format \(global.format.rawValue) does not apply")
        }
    }

    func run() throws {
        let options = try exportOptions(filters: filters, now: now, horizon: horizon, idField: idField, style: style)
        var request = ExportRequest(layer: layer, options: options, time: try filters.timeCondition(),
                                    coverage: CoverageQuery(reaches: try reach.reaches(), source: reach.source))
        request.coverage.policy = try reach.policy()
        request.coverage.districts = reach.districtCodes
        request.sequence = seq
        request.precision = precision
        request.bbox = bbox
        if layer == .isochrones {
            let values = minutes.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.contains(where: { $0 == nil }) else { throw ValidationError("--minutes: expected numbers, e.g. 5,10,15") }
            request.isochroneFacilities = filters.freeWeekly == nil ? (filters.from?.split(separator: ",").map(String.init) ?? []) : []
            request.travel = by
            request.minutes = values.map { $0! }
        }
        let count = try global.open().export(request, to: out)
        if out != "-" { Output.error("overblik: wrote \(count) \(layer.rawValue) feature\(count == 1 ? "" : "s") to \(out)") }
    }
}

func exportOptions(filters: FilterOptions, now: String?, horizon: Int, idField: String?, style: Bool) throws -> ExportOptions {
    let clock: LocalDateTime
    if let now {
        do { clock = try LocalDateTime(parsing: now) } catch {
            throw ValidationError("--now: \(error) (expected e.g. 2026-12-01T17:00)")
        }
    } else {
        clock = Overblik.localNow()
    }
    return ExportOptions(filter: try filters.filter(), now: clock, horizonDays: horizon,
                         idField: idField.map(ExportIDField.init(parsing:)), style: style)
}
