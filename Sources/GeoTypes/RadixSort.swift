/// A stable least-significant-digit radix sort of 64-bit values on their upper 32 bits, for keys
/// made as (sort key << 32 | position): with the positions ascending, it orders the values exactly
/// as `values.sort()` does, in a few linear passes instead of a comparison sort. Used by the
/// R*Tree bulk load (Store), the points' spatial order and the labelling's layout (Routing).
public enum RadixSort {
    /// Sorts `values` by their upper 32 bits, of which only the low `keyBits` may be set; values
    /// with equal upper halves keep their order. 11 bits a pass (two passes up to 22 key bits).
    public static func byUpperHalf(_ values: inout [UInt64], keyBits: Int = 32) {
        let digit = 11, buckets = 1 << 11
        var other = [UInt64](repeating: 0, count: values.count)
        var count = [Int](repeating: 0, count: buckets + 1)
        var shift = 32
        while shift < 32 + keyBits {
            for d in count.indices { count[d] = 0 }
            let mask = UInt64(buckets - 1), by = UInt64(shift)
            values.withUnsafeBufferPointer { values in
            other.withUnsafeMutableBufferPointer { other in
            count.withUnsafeMutableBufferPointer { count in
                for v in values { count[Int((v >> by) & mask) + 1] += 1 }
                for d in 0..<buckets { count[d + 1] += count[d] }
                for v in values {
                    let d = Int((v >> by) & mask)
                    other[count[d]] = v
                    count[d] += 1
                }
            }}}
            swap(&values, &other)
            shift += digit
        }
    }
}
