import Facilities
import Foundation
import GeoTypes
import Scheduling
import Store

extension Overblik {
    /// The data-quality report for data stewards (`overblik check`).
    ///
    /// Finds facilities outside every district (when districts are loaded), unknown wheelchair
    /// access, accessibility information older than ``QualityOptions/staleAfterYears`` or never checked,
    /// likely duplicates (within ``QualityOptions/duplicateRadiusMetres`` by geodesic distance, with
    /// similar names), bookable rooms without availability, with availability that does not parse or
    /// never opens in the 365 days from ``QualityOptions/now``, and bookings outside their room's
    /// availability.
    ///
    /// ```swift
    /// let report = try overblik.checkQuality(QualityOptions(now: try LocalDateTime(parsing: "2026-11-27T09:00")))
    /// if !report.isClean { print(report.counts) }
    /// ```
    /// - Throws: ``DatabaseError`` when the store cannot be read; school-holiday calendar errors.
    /// - Complexity: O(facilities + rooms × 365 days + bookings); duplicates by a grid, not all pairs.
    ///   Facilities and rooms are read one at a time (``scanQuality(_:_:)``); the report holds the problems.
    public func checkQuality(_ options: QualityOptions) throws -> QualityReport {
        var problems: [QualityProblem] = []
        let examined = try scanQuality(options) { problem, _ in problems.append(problem) }
        problems.sort(by: QualityProblem.reportOrder)
        return QualityReport(problems: problems, counts: QualityReport.counts(of: problems), examined: examined,
                             referenceTime: options.now.description, staleAfterYears: options.staleAfterYears,
                             duplicateRadiusMetres: options.duplicateRadiusMetres)
    }

    /// `date` minus `years` as YYYY-MM-DD (29 February stays 29 February: the text compares correctly).
    static func isoDate(_ date: LocalDate, minusYears years: Int) -> String {
        let c = date.components
        return String(format: "%04d-%02d-%02d", c.year - years, c.month, c.day)
    }
}
