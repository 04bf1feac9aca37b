import GeoJSON

/// One `export` question: a layer with its filters, reach and writer settings.
public struct ExportRequest {
    public var layer: ExportLayer
    public var options: ExportOptions
    public var time: TimeCondition?
    /// The coverage and gaps layers' question (filter and time are taken from the request).
    public var coverage: CoverageQuery
    /// A GeoJSON Text Sequence (RFC 8142) instead of a FeatureCollection.
    public var sequence = false
    public var precision = 6
    public var bbox = false
    /// Isochrones: the facilities to start from (else those passing the filter), mode and minutes.
    public var isochroneFacilities: [String] = []
    public var travel = "car"
    public var minutes: [Double] = [5, 10, 15]

    public init(layer: ExportLayer, options: ExportOptions, time: TimeCondition?, coverage: CoverageQuery) {
        self.layer = layer
        self.options = options
        self.time = time
        self.coverage = coverage
        self.coverage.filter = options.filter
        self.coverage.time = time
    }

    var writerOptions: GeoJSONWriterOptions { GeoJSONWriterOptions(precision: precision, bbox: bbox) }
}

/// Features rendered as one GeoJSON FeatureCollection (or Text Sequence): the one writer of the
/// layers that `export` and the commands' `--format geojson` share.
public struct FeatureLayer: RenderableOutcome {
    let features: [GeoJSONFeature]
    var options = GeoJSONWriterOptions()
    var sequence = false

    public var count: Int { features.count }

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        guard format == .geojson else { throw OutputFormat.unsupported(format, by: "this layer") }
        sink.flush()
        let writer = GeoJSONWriter(sink: sink, format: sequence ? .textSequence : .featureCollection, options: options)
        for f in features { try writer.write(f) }
        _ = try writer.finish()
    }
}

extension Overblik {
    /// Writes `request`'s layer to `path` (`-` for standard output; never the store), atomically.
    /// - Returns: the number of features written.
    public func export(_ request: ExportRequest, to path: String) throws -> Int {
        let file = try outputFile(path: path)
        let writer = GeoJSONWriter(sink: file, format: request.sequence ? .textSequence : .featureCollection,
                                   options: request.writerOptions)
        let count: Int
        if request.layer == .facilities {
            count = try exportFacilities(to: writer, options: request.options, time: request.time)
        } else {
            let features = try layerFeatures(request)
            for f in features { try writer.write(f) }
            count = features.count
        }
        try writer.finish().commit()
        return count
    }

    /// The features of every layer but facilities (which is streamed).
    func layerFeatures(_ request: ExportRequest) throws -> [GeoJSONFeature] {
        switch request.layer {
        case .facilities:
            throw OverblikError.badInput("the facilities layer is streamed; use export(_:to:)")
        case .isochrones:
            return try isochroneFeatures(facilityIDs: request.isochroneFacilities, filter: request.options.filter,
                                         by: request.travel, minutes: request.minutes)
        case .districts:
            return try districtFeatures(options: request.options, time: request.time)
        case .coverage:
            var query = request.coverage
            query.includeDemand = false
            return try coverageFeatures(try coverage(query), query: query, options: request.options)
        case .gaps:
            return gapFeatures(try gaps(request.coverage), options: request.options)
        }
    }

    /// The coverage layer of an outcome: district polygons with its figures (the same bytes from
    /// `export coverage` and `coverage --format geojson`).
    /// Each district names how its residents were classed (`rural_source`); demand outside every
    /// district is one more feature without a geometry (RFC 7946 §3.2), counted in no district.
    func coverageFeatures(_ outcome: CoverageOutcome, query: CoverageQuery, options: ExportOptions) throws -> [GeoJSONFeature] {
        let source = outcome.classification?.source.map { JSONValue.string($0.rawValue) } ?? .null
        var features = try districtFeatures(options: options, coverage: Self.coverageFigures(outcome, reaches: query.reaches),
                                            time: query.time, only: query.districts.map(Set.init)).map { feature in
            var feature = feature
            feature.properties.append(JSONMember("rural_source", source))
            return feature
        }
        let outside = outcome.report.outsideDistricts
        if outside.points > 0 {
            var properties: [JSONMember] = [JSONMember("code", .null), JSONMember("name", .string("outside every district")),
                                            JSONMember("rural", .null), JSONMember("population", .number(outside.population))]
            for reach in query.reaches {
                let label = Self.propertyLabel(reach.label)
                properties.append(JSONMember("covered_\(label)", .number(outside.coveredPopulation[reach.label] ?? 0)))
                properties.append(JSONMember("share_\(label)", (outside.share[reach.label] ?? nil).map(JSONValue.number) ?? .null))
            }
            features.append(GeoJSONFeature(id: .string("outside"), geometry: nil, properties: properties))
        }
        return features
    }
}
