import GeoTypes
import Routing

/// How a question is asked by road: the travel mode, whether answers rank by network distance or
/// travel time, and the reach (`--within 2km` or `--within 10min`).
///
/// ```swift
/// let byCar = try RoadQuestion(by: "car", within: "10min")   // ranks by time, reach 600 s
/// let onFoot = try RoadQuestion(by: "walk", within: "2km")   // ranks by distance, reach 2000 m
/// ```
public struct RoadQuestion: Sendable, Hashable {
    let mode: TravelMode
    let metric: RoadMetric
    /// The reach in the metric's unit (metres or seconds); infinity for none.
    public let reach: Double

    /// - Parameters:
    ///   - by: `walk`, `bike` or `car`.
    ///   - within: a distance (`500m`, `2km`: rank by network distance) or a duration (`10min`,
    ///     `90s`, `1h`: rank by travel time); nil ranks by `rank` without a reach.
    ///   - rank: the metric when `within` gives none: `distance` (default) or `time`.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the option and what was expected.
    public init(by: String, within: String? = nil, rank: String? = nil) throws {
        guard let mode = TravelMode(rawValue: by) else {
            throw OverblikError.badInput("--by: '\(by)'; expected walk, bike or car")
        }
        self.mode = mode
        if let within {
            if let seconds = Self.seconds(within) {
                (metric, reach) = (.time, seconds)
            } else if let metres = try? Distance(parsing: within).metres {
                (metric, reach) = (.distance, metres)
            } else {
                throw OverblikError.badInput("--within: '\(within)'; expected a distance (500m, 2km) or a duration (10min, 90s, 1h)")
            }
        } else {
            switch rank ?? "distance" {
            case "distance": metric = .distance
            case "time": metric = .time
            default: throw OverblikError.badInput("--rank: '\(rank!)'; expected distance or time")
            }
            reach = .infinity
        }
    }

    /// The travel mode's name (`walk`, `bike`, `car`).
    public var modeName: String { mode.rawValue }
    /// Whether answers rank (and reaches apply) by travel time, in seconds.
    public var ranksByTime: Bool { metric == .time }
    /// Which metric answers rank by: `road_distance` or `road_time`.
    public var metricName: String { metric == .distance ? "road_distance" : "road_time" }

    /// A duration in seconds from `10min`, `90s`, `1h` or `1.5h`; nil when the text is not one.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("min", 60), ("h", 3600), ("s", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value.isFinite, value >= 0 else { return nil }
            return value * factor
        }
        return nil
    }
}
