import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work over `0..<count` split into contiguous chunks run on all cores, each index's result
/// written into one shared output array by the one chunk that owns it.
enum Chunked {
    /// The number of cores online (at least 1).
    static var cores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// `[body(i) for i in 0..<count]`, computed in up to `threads` × 4 contiguous chunks of at
    /// least 256 indices (one chunk, on the calling thread, when `threads` is 1 or `count` < 512). `makeState` gives each chunk its own scratch.
    /// The result is the same whatever the number of threads: every index is computed alone.
    /// With an `order` (a permutation of `0..<count`) the indices are visited in that order, each
    /// chunk a contiguous run of it: the results are the same, only the memory access pattern changes.
    static func map<T, State>(count: Int, order: [UInt32]? = nil, threads: Int, placeholder: T, makeState: @Sendable () -> State,
                              _ body: @Sendable (inout State, Int) -> T) -> [T] {
        var out = [T](repeating: placeholder, count: count)
        let chunks = threads <= 1 ? 1 : max(1, min(threads * 4, count / 256))
        out.withUnsafeMutableBufferPointer { buffer in
            // Chunks write disjoint index sets; concurrentPerform returns after all of them.
            nonisolated(unsafe) let target = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var state = makeState()
                for j in (count * c / chunks)..<(count * (c + 1) / chunks) {
                    let i = order.map { Int($0[j]) } ?? j
                    target[i] = body(&state, i)
                }
            }
        }
        return out
    }
}
