import Analysis
import Facilities
import Formats
import GeoTypes

/// A near question made ready once for many places (`near --from-file`): with a time condition,
/// the catalogue is loaded and the condition evaluated over every room once, not per place; without
/// one, each place is answered as ``Overblik/near(_:_:)`` answers it (from the persisted index while
/// no catalogue is loaded, so a batch over a large store does not load every facility).
public struct PreparedNear {
    let overblik: Overblik
    let query: NearQuery
    let road: RoadQuestion?
    let catalog: Catalog?
    let accept: ((Int, [Room]) -> [Room])?

    /// The answer for one place.
    public func answer(_ place: ResolvedPlace) throws -> NearAnswer {
        if let road { return try overblik.near(place, query, by: road) }
        guard let catalog else { return try overblik.near(place, query) }
        let matches = catalog.engine.nearest(to: place.location, filter: query.filter, limit: query.limit,
                                             within: query.within, accept: accept)
        return NearAnswer(place: place, hits: matches.map { overblik.hit(for: $0, catalog: catalog) })
    }
}

extension Overblik {
    /// `query` (by road when `road` is given) prepared for many places: see ``PreparedNear``.
    public func prepareNear(_ query: NearQuery, by road: RoadQuestion? = nil) throws -> PreparedNear {
        guard road == nil, let time = query.time else {
            return PreparedNear(overblik: self, query: query, road: road, catalog: nil, accept: nil)
        }
        let catalog = try catalog()
        return PreparedNear(overblik: self, query: query, road: nil, catalog: catalog, accept: try timeFilter(time, catalog: catalog))
    }

    /// Answers every row of a CSV file with columns id,lon,lat (`near --from-file`), in file order,
    /// with the question prepared once; rows whose position is not a WGS84 lon,lat are reported
    /// through `skipped` (with file, line and id) and left out.
    /// - Returns: the number of rows skipped.
    /// - Throws: ``OverblikError/badInput(_:)`` for a file that cannot be read as CSV or lacks a column.
    public func nearBatch(file: String, _ query: NearQuery, by road: RoadQuestion? = nil,
                          skipped: (String) -> Void, answer: (NearAnswer, String) throws -> Void) throws -> Int {
        let reader: CSVReader
        do { reader = try CSVReader(path: file) } catch {
            throw OverblikError.badInput("\(file): \(error)")
        }
        let columns = reader.header.map { $0.lowercased() }
        guard let idColumn = columns.firstIndex(of: "id"), let lonColumn = columns.firstIndex(of: "lon"),
              let latColumn = columns.firstIndex(of: "lat") else {
            throw OverblikError.badInput("\(file): line 1: expected columns id,lon,lat; found \(reader.header.joined(separator: ","))")
        }
        let prepared = try prepareNear(query, by: road)
        var bad = 0
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw OverblikError.badInput("\(file): \(error)") }
            guard let record else { break }
            func field(_ i: Int) -> String { i < record.fields.count ? record.fields[i] : "" }
            let id = field(idColumn)
            guard let lon = DecimalNumber.parse(field(lonColumn)), let lat = DecimalNumber.parse(field(latColumn)),
                  let point = try? Coordinate(validatingLon: lon, lat: lat) else {
                skipped("\(file):\(record.line): field lon,lat: expected WGS84 lon,lat in range; skipped row '\(id)'")
                bad += 1
                continue
            }
            let place = ResolvedPlace(kind: .coordinate, name: "\(lon),\(lat)", id: id, location: point)
            try answer(try prepared.answer(place), id)
        }
        return bad
    }
}
