/// A stable least-significant-digit radix sort of 64-bit keys on their upper 32 bits, for
/// ``RTreeEntrySorter``: its keys are an ordered 32-bit value above the entry's position, and the
/// positions arrive in increasing order, so sorting stably on the upper half orders the whole keys
/// exactly as `keys.sort()` does, in four linear passes instead of a comparison sort.
enum RadixKeySort {
    /// Below this many keys the standard library's sort is as fast and needs no scratch buffer.
    static let minimumCount = 512

    /// Sorts `keys` ascending, given that their lower 32 bits are already ascending (positions).
    static func sortByUpperHalf(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n >= minimumCount else { keys.sort(); return }
        // One counting pass for all four digits (bits 32-39, 40-47, 48-55, 56-63).
        var counts = [Int](repeating: 0, count: 4 * 256)
        keys.withUnsafeBufferPointer { source in
            counts.withUnsafeMutableBufferPointer { c in
                for key in source {
                    let high = key >> 32
                    c[Int(high & 0xFF)] += 1
                    c[256 + Int((high >> 8) & 0xFF)] += 1
                    c[512 + Int((high >> 16) & 0xFF)] += 1
                    c[768 + Int(high >> 24)] += 1
                }
            }
        }
        var scratch = [UInt64](repeating: 0, count: n)
        var inScratch = false
        for digit in 0..<4 {
            let base = digit * 256
            // A digit every key shares moves nothing: skip its pass.
            if counts[base..<(base + 256)].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for b in 0..<256 { offsets[b] = sum; sum += counts[base + b] }
            let shift = UInt64(32 + 8 * digit)
            keys.withUnsafeMutableBufferPointer { k in
                scratch.withUnsafeMutableBufferPointer { s in
                    let (from, to) = inScratch ? (s, k) : (k, s)
                    offsets.withUnsafeMutableBufferPointer { o in
                        for key in from {
                            let b = Int((key >> shift) & 0xFF)
                            to[o[b]] = key
                            o[b] += 1
                        }
                    }
                }
            }
            inScratch.toggle()
        }
        if inScratch { swap(&keys, &scratch) }
    }
}
