import GeoTypes
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The nearest point to a point on the geodesic between two others.
enum GeodesicFoot {
    /// Where a foot lies: a coordinate (an end node, or Karney's foot), or a point of the
    /// ellipsoid's surface in ECEF whose longitude and latitude are computed when asked for.
    enum Place {
        case coordinate(Coordinate)
        case surface(ECEFPoint)

        /// The foot's longitude and latitude.
        var coordinate: Coordinate {
            switch self {
            case let .coordinate(c): c
            case let .surface(q): GeodesicFoot.coordinate(q)
            }
        }
    }

    /// The foot of `point` on the geodesic segment `a`–`b` of length `length`: the distance along
    /// the segment from `a` (clamped to 0...length), the foot's position, and the geodesic distance
    /// from `point` to it.
    ///
    /// Starts from the chord projection and moves along the geodesic by the along-track part of the
    /// offset (d·cos of the angle between the segment's azimuth at the foot and the azimuth toward
    /// the point) until the step is below 0.1 mm; every step solves Karney's direct and inverse
    /// problems, so the distance is exact to well under 1 cm. The answer is the first nearest of
    /// the candidates `a`, `b` and the steps in that order; an end point's geodesic distance is
    /// solved only when its 3D chord (never longer than the geodesic) does not already exceed the
    /// steps' best, as it then cannot be the nearest.
    static func foot(of point: Coordinate, on a: Coordinate, _ b: Coordinate, length: Double)
        -> (along: Double, foot: Coordinate, metres: Double) {
        foot(of: point, ECEFPoint(point), on: a, ECEFPoint(a), b, azimuth: Geodesic.inverse(from: a, to: b).initialAzimuth, length: length)
    }

    /// ``foot(of:on:_:length:)`` given the ECEF positions of `point` (`pp`) and `a` (`pa`) and the
    /// geodesic's azimuth at `a`, as the caller may already hold them: the same result.
    @inline(__always)
    static func foot(of point: Coordinate, _ pp: ECEFPoint, on a: Coordinate, _ pa: ECEFPoint, _ b: Coordinate,
                     azimuth: Double, length: Double) -> (along: Double, foot: Coordinate, metres: Double) {
        let pb = ECEFPoint(b)
        let ux = pb.x - pa.x, uy = pb.y - pa.y, uz = pb.z - pa.z
        let uu = ux * ux + uy * uy + uz * uz
        let t = uu > 0 ? ((pp.x - pa.x) * ux + (pp.y - pa.y) * uy + (pp.z - pa.z) * uz) / uu : 0
        var s = min(max(t, 0), 1) * length
        var best: (along: Double, foot: Coordinate, metres: Double)? = nil
        for _ in 0..<30 {
            let here = Geodesic.destination(from: a, azimuth: azimuth, distance: s)
            let toPoint = Geodesic.inverse(from: here.point, to: point)
            if best == nil || toPoint.distance < best!.metres { best = (s, here.point, toPoint.distance) }
            guard toPoint.distance > 0 else { break }
            let angle = (toPoint.initialAzimuth - here.finalAzimuth) * (Double.pi / 180)
            let next = min(max(s + toPoint.distance * cos(angle), 0), length)
            if abs(next - s) < 1e-4 { break }
            s = next
        }
        var result = best!
        // The ends come before the steps (and `a` before `b`): they win ties.
        func chord(_ q: ECEFPoint) -> Double {
            ((q.x - pp.x) * (q.x - pp.x) + (q.y - pp.y) * (q.y - pp.y) + (q.z - pp.z) * (q.z - pp.z)).squareRoot()
        }
        let steps = result.metres
        let atB = chord(pb) - 1e-6 <= steps ? Geodesic.distance(from: point, to: b) : .infinity
        let atA = chord(pa) - 1e-6 <= steps ? Geodesic.distance(from: point, to: a) : .infinity
        if atB <= result.metres { result = (length, b, atB) }
        if atA <= result.metres { result = (0, a, atA) }
        return result
    }
}
