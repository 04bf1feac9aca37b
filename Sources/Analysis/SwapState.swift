/// Incremental state of the 1-swap neighbourhood of a maximal covering solution (fast interchange
/// with per-move updates).
///
/// For the chosen sites it keeps the coverage count `c_i` of every demand point and, from it,
/// `gain[a] = Σ v_i` over `i` reached by `a` with `c_i = 0`, `loss[r] = Σ v_i` over `i` reached only by
/// the site at position `r`, and `extra[r][a] = Σ v_i` over `i` reached only by `r` and also by `a`;
/// swapping position `r` for candidate `a` changes the value by `gain[a] − loss[r] + extra[r][a]`.
/// A swap only changes the terms of the demand points reached by the two sites involved, so it
/// costs O(Σ |candidates reaching i|) over those points of count at most 1 before or after, instead
/// of a pass over the whole instance.
///
/// Floating-point sums drift by rounding only; ``refresh()`` recomputes everything from the counts.
final class SwapState {
    let n: Int
    let p: Int
    private let m: Int
    private let values: UnsafeMutablePointer<Double>
    private let demandStarts: UnsafeMutablePointer<Int>       // demand -> candidates reaching it
    private let demandColumns: UnsafeMutablePointer<Int32>
    private let siteStarts: UnsafeMutablePointer<Int>         // candidate -> demand points it reaches
    private let siteColumns: UnsafeMutablePointer<Int32>
    /// The chosen sites by position.
    private(set) var sites: [Int]
    /// Their covered value.
    private(set) var value: Double = 0
    private let count: UnsafeMutablePointer<Int32>
    /// Sum of the positions of the chosen sites reaching each point (the owner when the count is 1).
    private let ownerSum: UnsafeMutablePointer<Int32>
    private let positions: UnsafeMutablePointer<Int32>
    private let gain: UnsafeMutablePointer<Double>
    private let loss: UnsafeMutablePointer<Double>
    private let extra: UnsafeMutablePointer<Double>
    private let stamp: UnsafeMutablePointer<UInt32>
    private var epoch: UInt32 = 0
    private var touched: [Int32] = []
    /// Coverage entries visited by updates so far (a deterministic measure of effort).
    private(set) var work = 0

    private static func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
        a.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: a.count) }
        return pointer
    }

    private static func zeros<T: Numeric>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
        return pointer
    }

    /// - Parameter sites: distinct candidate indices (0 < count < candidates).
    init(_ problem: CoverageProblem, sites: [Int]) {
        n = problem.candidateCount
        p = sites.count
        m = problem.demandCount
        values = Self.copy(problem.values)
        demandStarts = Self.copy(problem.candidatesReaching.rowStarts)
        demandColumns = Self.copy(problem.candidatesReaching.columns)
        siteStarts = Self.copy(problem.demandsReached.rowStarts)
        siteColumns = Self.copy(problem.demandsReached.columns)
        self.sites = sites
        count = Self.zeros(m, Int32.self)
        ownerSum = Self.zeros(m, Int32.self)
        positions = Self.zeros(n, Int32.self)
        gain = Self.zeros(n, Double.self)
        loss = Self.zeros(p, Double.self)
        extra = Self.zeros(p * n, Double.self)
        stamp = Self.zeros(m, UInt32.self)
        refresh()
    }

    deinit {
        for pointer in [values, gain, loss, extra] { pointer.deallocate() }
        for pointer in [demandStarts, siteStarts] { pointer.deallocate() }
        for pointer in [demandColumns, siteColumns, count, ownerSum, positions] { pointer.deallocate() }
        stamp.deallocate()
    }

    /// Position of candidate `j` in ``sites``, or -1.
    @inline(__always)
    func position(_ j: Int) -> Int { Int(positions[j]) }

    /// Recomputes counts, value, gains, losses and corrections from ``sites``.
    func refresh() {
        count.update(repeating: 0, count: m)
        ownerSum.update(repeating: 0, count: m)
        positions.update(repeating: -1, count: n)
        gain.update(repeating: 0, count: n)
        loss.update(repeating: 0, count: p)
        extra.update(repeating: 0, count: p * n)
        for (r, j) in sites.enumerated() {
            positions[j] = Int32(r)
            for e in siteStarts[j] ..< siteStarts[j + 1] {
                count[Int(siteColumns[e])] += 1
                ownerSum[Int(siteColumns[e])] += Int32(r)
            }
        }
        value = 0
        for i in 0 ..< m where count[i] > 0 { value += values[i] }
        for i in 0 ..< m where count[i] <= 1 { contribute(i, sign: 1) }
    }

    /// Adds (sign 1) or removes (sign −1) demand point `i`'s terms given the current counts.
    @inline(__always)
    private func contribute(_ i: Int, sign: Double) {
        let c = count[i]
        guard c <= 1 else { return }
        let v = values[i] * sign
        guard v != 0 else { return }
        let lo = demandStarts[i], hi = demandStarts[i + 1]
        work += hi - lo
        if c == 0 {
            for e in lo ..< hi { gain[Int(demandColumns[e])] += v }
        } else {
            let r = Int(ownerSum[i])
            loss[r] += v
            let row = extra + r * n
            for e in lo ..< hi { row[Int(demandColumns[e])] += v }
        }
    }

    /// The value change of swapping position `r` for outside candidate `a`.
    @inline(__always)
    func delta(_ r: Int, _ a: Int) -> Double { gain[a] - loss[r] + extra[r * n + a] }

    /// The best swap (largest change, first position then lowest candidate on ties) if it improves
    /// by more than `tolerance`.
    func bestSwap(tolerance: Double) -> (position: Int, candidate: Int, delta: Double)? {
        var best = tolerance, bestR = -1, bestA = -1
        for r in 0 ..< p {
            let row = extra + r * n
            let l = loss[r]
            work += n / 4
            for a in 0 ..< n where positions[a] < 0 {
                let d = gain[a] - l + row[a]
                if d > best { best = d; bestR = r; bestA = a }
            }
        }
        return bestR >= 0 ? (bestR, bestA, best) : nil
    }

    /// Replaces the site at position `r` by outside candidate `a`, updating every term.
    func swap(_ r: Int, _ a: Int) {
        precondition(positions[a] < 0, "swap: candidate already chosen")
        let old = sites[r]
        epoch &+= 1
        if epoch == 0 { stamp.update(repeating: 0, count: m); epoch = 1 }
        touched.removeAll(keepingCapacity: true)
        work += siteStarts[old + 1] - siteStarts[old] + siteStarts[a + 1] - siteStarts[a]
        for j in [old, a] {
            for e in siteStarts[j] ..< siteStarts[j + 1] where stamp[Int(siteColumns[e])] != epoch {
                let i = siteColumns[e]
                stamp[Int(i)] = epoch
                if count[Int(i)] <= 2 { touched.append(i) }   // a count of 3 or more stays above 1
            }
        }
        for i in touched { contribute(Int(i), sign: -1) }
        for e in siteStarts[old] ..< siteStarts[old + 1] {
            let i = Int(siteColumns[e])
            count[i] -= 1
            ownerSum[i] -= Int32(r)
            if count[i] == 0 { value -= values[i] }
        }
        for e in siteStarts[a] ..< siteStarts[a + 1] {
            let i = Int(siteColumns[e])
            if count[i] == 0 { value += values[i] }
            count[i] += 1
            ownerSum[i] += Int32(r)
        }
        positions[old] = -1
        positions[a] = Int32(r)
        sites[r] = a
        for i in touched { contribute(Int(i), sign: 1) }
    }

    /// Best-improvement descent: applies the best improving swap until none improves by more than
    /// `tolerance`. Returns the number of swaps.
    func descend(tolerance: Double, maxSwaps: Int = 10_000) -> Int {
        var swaps = 0
        while swaps < maxSwaps, let move = bestSwap(tolerance: tolerance) {
            swap(move.position, move.candidate)
            swaps += 1
        }
        return swaps
    }

    /// Makes the chosen set equal to `target` (same size) by swaps; positions may differ from
    /// `target`'s order.
    func restore(_ target: [Int]) {
        var wanted = Set(target)
        for j in sites { wanted.remove(j) }
        var incoming = target.filter { wanted.contains($0) }
        let keep = Set(target)
        for r in 0 ..< p where !keep.contains(sites[r]) {
            swap(r, incoming.removeFirst())
        }
    }
}
