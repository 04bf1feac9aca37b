import Analysis
import Facilities
public import GeoJSON
import Scheduling
import Store

/// The GeoJSON layers `overblik export` and `overblik map` write.
public enum ExportLayer: String, CaseIterable, Sendable {
    /// Facility points with rooms, accessibility, availability and contact.
    case facilities
    /// District polygons with rural flag, area and facility counts.
    case districts
    /// District polygons with coverage figures.
    case coverage
    /// Settlements beyond reach.
    case gaps
    /// Reach by road from facilities, one polygon per number of minutes (``Overblik/isochroneFeatures(facilityIDs:filter:by:minutes:)``).
    case isochrones
}

extension Overblik {
    /// Streams the facilities layer into `writer` in constant memory (rows come straight from SQLite;
    /// nothing is loaded up front but the districts' names and the bookings within the horizon).
    /// Without filters the rows are encoded as stored, on two reader threads for large stores,
    /// and written in order from this thread.
    ///
    /// ```swift
    /// let writer = GeoJSONWriter(sink: FileByteSink(descriptor: 1), format: .textSequence)
    /// let count = try overblik.exportFacilities(to: writer, options: ExportOptions(now: now))
    /// _ = try writer.finish()
    /// ```
    /// - Parameters:
    ///   - writer: receives one feature per matching facility, in id order.
    ///   - options: filter, clock, id and style choices.
    ///   - time: an optional free-time condition on rooms (loads the catalogue).
    /// - Returns: the number of features written.
    /// - Throws: ``DatabaseError`` when reading fails, ``GeoJSONWriteError`` when writing fails.
    /// - Complexity: O(facilities + rooms) time; memory O(districts + bookings in the horizon).
    @discardableResult
    public func exportFacilities<S: ByteSink>(to writer: GeoJSONWriter<S>, options: ExportOptions,
                                              time: TimeCondition? = nil) throws -> Int {
        // The row-encoding path reads SpatiaLite's stored features and rows; PostgreSQL takes the
        // one-by-one path, whose bytes are the same.
        if sqlite != nil, Self.exportsRows(options, time: time) {
            return try exportFacilityRows(to: writer, options: options)
        }
        return try exportFacilitiesOneByOne(to: writer, options: options, time: time)
    }

    /// The facilities layer decoded facility by facility (filters and time conditions need the
    /// ``Facility``; also the reference the row-encoding path is tested against).
    func exportFacilitiesOneByOne<S: ByteSink>(to writer: GeoJSONWriter<S>, options: ExportOptions,
                                               time: TimeCondition? = nil) throws -> Int {
        let builder = try facilityBuilder(options: options)
        let accept = try time.map { try timeFilter($0) }
        let filter = options.filter
        var written = 0
        try backend.forEachFacility { facility, listed in
            if !filter.isEmpty || accept != nil {
                let bookable = listed.isEmpty ? [facility.implicitRoom] : listed
                guard var matching = filter.matchingRooms(of: facility, rooms: bookable) else { return }
                if let accept { matching = accept(0, matching) }
                guard !matching.isEmpty else { return }
            }
            try builder.write(facility, rooms: listed, position: written, to: writer)
            written += 1
        }
        return written
    }

    /// The facilities layer as features in memory (for small layers; ``writeWebMap(_:to:options:time:)``
    /// streams them into a page).
    public func facilityFeatures(options: ExportOptions, time: TimeCondition? = nil) throws -> [GeoJSONFeature] {
        var features: [GeoJSONFeature] = []
        try forEachFacilityFeature(options: options, time: time) { features.append($0) }
        return features
    }

    /// Writes `map` into `sink` with its facilities layer read from the store a facility at a time
    /// (those matching the filters of `options` and `time`), as ``facilityFeatures(options:time:)``
    /// would give them: a page of a million facilities is written without holding the layer.
    /// - Returns: the number of facilities on the page.
    public func writeWebMap(_ map: WebMap, to sink: some ByteSink, options: ExportOptions, time: TimeCondition? = nil) throws -> Int {
        try map.write(to: sink) { writer in
            try forEachFacilityFeature(options: options, time: time) { try writer.write($0) }
        }
    }

    /// Calls `body` with the feature of every facility matching `options` and `time`, in id order.
    func forEachFacilityFeature(options: ExportOptions, time: TimeCondition?, _ body: (GeoJSONFeature) throws -> Void) throws {
        let builder = try facilityBuilder(options: options)
        let accept = try time.map { try timeFilter($0) }
        var position = 0
        try backend.forEachFacility { facility, listed in
            let bookable = listed.isEmpty ? [facility.implicitRoom] : listed
            guard var matching = options.filter.matchingRooms(of: facility, rooms: bookable) else { return }
            if let accept { matching = accept(0, matching) }
            guard !matching.isEmpty else { return }
            try body(builder.feature(facility, rooms: listed, position: position))
            position += 1
        }
    }

    /// The districts layer: one polygon feature per district with code, name, rural, area_km2 and the
    /// count of matching facilities, plus coverage figures for the districts in `coverage`.
    /// - Parameter coverage: district code → figures; nil or missing codes give counts only.
    /// - Parameter only: district codes to keep (the planner's own area); nil for all.
    public func districtFeatures(options: ExportOptions, coverage: [String: DistrictCoverageFigures]? = nil,
                                 time: TimeCondition? = nil, only: Set<String>? = nil) throws -> [GeoJSONFeature] {
        let stored = try backend.districts().filter { d in only.map { $0.contains(d.district.code) } ?? true }
        let rural = RuralClassifier.classify(districts: stored.map(\.district), settlements: try backend.settlements())
        var counts: [String: Int] = [:]
        let accept = try time.map { try timeFilter($0) }
        try backend.forEachFacility { facility, listed in
            guard let code = facility.districtCode else { return }
            let bookable = listed.isEmpty ? [facility.implicitRoom] : listed
            guard var matching = options.filter.matchingRooms(of: facility, rooms: bookable) else { return }
            if let accept { matching = accept(0, matching) }
            guard !matching.isEmpty else { return }
            counts[code, default: 0] += 1
        }
        let builder = DistrictFeatureBuilder(options: options)
        return stored.enumerated().map { index, d in
            builder.feature(d, rural: coverage?[d.district.code]?.rural ?? rural[d.district.code] ?? true, facilities: counts[d.district.code] ?? 0,
                            coverage: coverage?[d.district.code], position: index)
        }
    }

    /// A facility feature builder with the districts' names and rural flags and the bookings of the horizon.
    func facilityBuilder(options: ExportOptions) throws -> FacilityFeatureBuilder {
        let districts = try backend.districtSummaries()
        let rural = RuralClassifier.classify(districts: districts, settlements: try backend.settlements())
        let horizonEnd = options.now.date.adding(days: max(1, options.horizonDays)).startOfDay
        let builder = FacilityFeatureBuilder(options: options, calendar: try holidayCalendar(),
                                             bookings: try bookedIntervals(from: options.now, to: horizonEnd))
        for d in districts { builder.districts[d.code] = (d.name, rural[d.code]) }
        return builder
    }
}
