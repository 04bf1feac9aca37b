/// A half-open interval of UTC instants `[start, end)`, as bookings are often stored.
public struct UTCInterval: Sendable, Hashable {
    /// First instant inside.
    public let start: UTCInstant
    /// First instant after.
    public let end: UTCInstant

    /// Creates `[start, end)`; returns nil when `end <= start`.
    public init?(start: UTCInstant, end: UTCInstant) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// The UTC interval of a wall-clock interval (using the gap and repeat policies of ``CopenhagenTime``).
    public init?(_ local: LocalInterval) {
        self.init(start: CopenhagenTime.instant(of: local.start), end: CopenhagenTime.instant(of: local.end))
    }

    /// The wall-clock minutes this interval covers, as normalised local intervals. Usually one
    /// interval; an interval crossing the autumn change may cover the repeated hour once in a way
    /// that needs two pieces (which are then merged where they touch).
    public var localIntervals: [LocalInterval] {
        let startYear = CopenhagenTime.localTime(at: start).year
        var cuts: [Int64] = []
        for year in startYear...(CopenhagenTime.localTime(at: end).year) {
            let (_, autumn) = CopenhagenTime.summerTime(year: year)
            if autumn > start.secondsSince1970 && autumn < end.secondsSince1970 { cuts.append(autumn) }
        }
        var bounds = [start.secondsSince1970] + cuts + [end.secondsSince1970]
        bounds.sort()
        var pieces: [LocalInterval] = []
        for (a, b) in zip(bounds, bounds.dropFirst()) {
            let ls = CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: a)).localMinutes
            // The end is exclusive: take the wall-clock minute of the last second, plus one minute.
            let le = CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: b - 1)).localMinutes + 1
            if ls < le { pieces.append(LocalInterval(unchecked: ls, le)) }
        }
        return IntervalAlgebra.normalized(pieces)
    }

    /// Length in whole minutes.
    public var minutes: Int { Int((end.secondsSince1970 - start.secondsSince1970) / 60) }
}
