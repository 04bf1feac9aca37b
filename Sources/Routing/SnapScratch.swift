import GeoTypes

/// One thread's reusable state for snapping points one after another: the candidate buffer, and
/// a small memo of segments' start azimuths (Karney's inverse from a segment's `from` node to its
/// `to` node, which every foot search on the segment starts from).
///
/// Batch snapping visits points in spatial order, so neighbouring points refine the same segments
/// one after another; the memo (direct-mapped, a few thousand entries) then saves one geodesic
/// inverse a repeat. It stores the value the inverse returns and is keyed by the segment, so a
/// snap is the same with or without it.
struct SnapScratch {
    var candidates: [EdgeSnapper.Candidate] = []
    private var segments: [UInt32]
    private var azimuths: [Double]

    /// Entries of the memo for batch work (a power of two).
    static let batchSlots = 4_096

    /// A scratch whose memo has `slots` entries (a power of two; 0: no memo, for a single snap).
    init(slots: Int = 0) {
        segments = [UInt32](repeating: .max, count: slots)
        azimuths = [Double](repeating: 0, count: slots)
    }

    /// The start azimuth of segment `s`, from the memo or from `compute` (then remembered).
    @inline(__always)
    mutating func azimuth(of s: UInt32, _ compute: () -> Double) -> Double {
        guard !segments.isEmpty else { return compute() }
        let slot = Int((s &* 2_654_435_761) >> 20) & (segments.count - 1)
        if segments[slot] == s { return azimuths[slot] }
        let value = compute()
        (segments[slot], azimuths[slot]) = (s, value)
        return value
    }
}
