import GeoTypes

/// Turns a record's raw x/y into a WGS84 coordinate, detecting swapped axes and wrong CRS.
enum CoordinateCheck {
    /// Denmark (with Bornholm and the seas around), for the swap heuristic.
    static let denmarkLon = 7.5...15.5
    static let denmarkLat = 54.4...58.0

    static func coordinate(x: Double, y: Double, crs: InputCRS, position: RecordPosition,
                           fields: (x: String, y: String)) -> Result<Coordinate, ImportProblem> {
        // Formatted only for a problem (this runs for every row).
        func pair() -> String { "\(format(x)),\(format(y))" }
        guard x.isFinite, y.isFinite else {
            return .failure(ImportProblem(position, field: x.isFinite ? fields.y : fields.x, value: pair(),
                                          expected: "expected finite numbers"))
        }
        switch crs {
        case .wgs84:
            if looksProjected(x: x, y: y) {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(),
                    expected: "expected lon/lat in degrees; these look like EPSG:25832 metres (hint: --crs EPSG:25832)"))
            }
            if looksProjected(x: y, y: x) {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(),
                    expected: "expected lon/lat in degrees; these look like swapped EPSG:25832 metres (hint: --crs EPSG:25832 and swap the columns)"))
            }
            let swappedInRange = abs(x) <= 90 && abs(y) <= 180
            if abs(y) > 90 && swappedInRange {
                return .failure(ImportProblem(position, field: fields.y, value: pair(),
                    expected: "expected latitude within -90...90; lon and lat look swapped (hint: swap the \(fields.x) and \(fields.y) columns)"))
            }
            if denmarkLat.contains(x) && denmarkLon.contains(y) {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(),
                    expected: "expected \(fields.x) = longitude, \(fields.y) = latitude; the values look swapped (Denmark lies at lon 8-15, lat 54.5-58; hint: swap the columns)"))
            }
            do {
                return .success(try Coordinate(validatingLon: x, lat: y))
            } catch {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(), expected: "expected \(error)"))
            }
        case .utm32:
            if abs(x) <= 180 && abs(y) <= 90 {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(),
                    expected: "expected EPSG:25832 easting/northing in metres; these look like lon/lat degrees (hint: drop --crs EPSG:25832)"))
            }
            if looksProjected(x: y, y: x) && !looksProjected(x: x, y: y) {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(),
                    expected: "expected easting then northing; the values look swapped (hint: swap the columns)"))
            }
            guard (-1_000_000...2_000_000).contains(x), (0...9_400_000).contains(y) else {
                return .failure(ImportProblem(position, field: "\(fields.x),\(fields.y)", value: pair(),
                    expected: "expected EPSG:25832 easting -1e6...2e6 m and northing 0...9.4e6 m"))
            }
            let c = UTM32.inverse(ProjectedPoint(easting: x, northing: y))
            return .success(c)
        }
    }

    /// Easting/northing as UTM 32N has them for Denmark and its neighbours.
    static func looksProjected(x: Double, y: Double) -> Bool {
        (100_000...1_000_000).contains(x) && (5_000_000...7_500_000).contains(y)
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
