import ArgumentParser
import Foundation
import Overblik

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Write one self-contained HTML web map (Leaflet) of the districts and facilities.",
        discussion: """
        Districts are coloured by the share of residents within reach (--within, default 5km, or
        --rural-within with --urban-within) of a facility matching the filters when the store holds
        settlements or population points, else (or with --no-coverage) rural/urban;
        facilities are circle markers coloured by kind, with a popup (name, kind, accessibility, opening
        hours, next free slot, contact). A legend and a layer switcher (one layer per kind) are included.
        The layers are embedded in the page as JavaScript, so it opens from file:// without a server.
        The page is Danish, with a heading, the data sources and the time "open now" was computed for.
        Leaflet is inlined from Debian's libjs-leaflet (/usr/share/javascript/leaflet) when it is installed,
        so the page works offline; --leaflet DIR names another local copy, --leaflet cdn loads it from unpkg.
        When Leaflet cannot load, the page says so instead of staying blank. --tiles none leaves out the
        OpenStreetMap base layer (no network access at all).

        Examples:
          overblik map --out aalborg.html
          overblik map --out aalborg.html --leaflet /usr/share/javascript/leaflet --tiles none
          overblik map --out halls.html --kind village_hall --wheelchair yes --now 2026-12-01T17:00
          overblik map --out reach.html --kind village_hall --rural-within 5km --urban-within 2km
        """)

    @Option(help: "The HTML file to write.") var out: String
    @Option(help: "A local Leaflet folder (leaflet.js, leaflet.css, images/) to inline, or cdn (default: Debian's /usr/share/javascript/leaflet when installed, else the CDN).") var leaflet: String?
    @Option(help: "Tile URL template of the base layer, or none.") var tiles: String = WebMapOptions.openStreetMapTiles
    @Option(help: "Page title.") var title: String = "Overblik"
    @Option(help: "Coordinate decimals of the embedded layers, 0...15.") var precision: Int = 6
    @Option(help: "Local time used as now for open-now and the next free slot (2026-12-01T17:00).") var now: String?
    @Option(help: "Days ahead to search for the next free slot.") var horizon: Int = 14
    @Flag(help: "Colour districts rural/urban instead of by coverage share.") var noCoverage = false
    @OptionGroup var reach: ReachOptions
    @OptionGroup var filters: FilterOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...15).contains(precision) else { throw ValidationError("--precision must be within 0...15") }
        guard horizon >= 1 && horizon <= 366 else { throw ValidationError("--horizon must be within 1...366 days") }
        if global.format != .table { throw ValidationError("map writes HTML; --format does not apply") }
    }

    func run() throws {
        let options = try exportOptions(filters: filters, now: now, horizon: horizon, idField: nil, style: false)
        let time = try filters.timeCondition()
        let overblik = try global.open()
        // Coverage needs demand: population points or settlements.
        let summary = try overblik.summary()
        var coverage: (figures: [String: DistrictCoverageFigures], headline: String?, classification: RuralClassification?)?
        let reaches = try reach.reaches()
        if !noCoverage && summary.districts > 0 && summary.populationPoints + summary.settlements > 0 {
            coverage = try overblik.exportCoverageWithClassification(CoverageQuery(
                filter: options.filter, time: time, reaches: reaches, source: reach.source, policy: try reach.policy(),
                districts: reach.districtCodes))
        }
        var notes: [String] = []
        if let coverage {
            notes.append("rækkevidde: " + reaches.map(\.label).joined(separator: ", "))
            if let c = coverage.classification { notes.append(c.danishSummary) }
        }
        // --district: only the planner's own districts (the others have no figures, not "no residents").
        let districts = try overblik.districtFeatures(options: options, coverage: coverage?.figures, time: time,
                                                      only: reach.districtCodes.map(Set.init))
        let source = leaflet.map { $0 == "cdn" ? LeafletSource.cdn : .directory($0) } ?? WebMapOptions.defaultLeaflet
        if leaflet == nil, source == .cdn {
            Output.error("overblik: libjs-leaflet is not installed; the page loads Leaflet from the CDN and needs a network (--leaflet DIR inlines a local copy)")
        }
        var mapOptions = WebMapOptions(leaflet: source, tiles: tiles == "none" ? nil : tiles, title: title, precision: precision)
        mapOptions.asOf = options.now.description
        mapOptions.sources = try overblik.dataSources()
        // The facilities stream into the page: a register of a million is written without holding its layer.
        let map = WebMap(facilities: [], districts: districts, coverageLabel: coverage?.headline, legendNotes: notes, options: mapOptions)
        let file = try overblik.outputFile(path: out)
        let facilities = try overblik.writeWebMap(map, to: file, options: options, time: time)
        try file.commit()
        Output.error("overblik: wrote \(out): \(facilities) facilities, \(districts.count) districts")
    }
}
