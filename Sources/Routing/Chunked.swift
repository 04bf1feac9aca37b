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

    /// `[body(i) for i in 0..<count]`, computed in `threads` × 4 contiguous chunks (one chunk,
    /// on the calling thread, when `threads` is 1 or the work is small). `makeState` gives each chunk its own scratch.
    /// The result is the same whatever the number of threads: every index is computed alone.
    static func map<T, State>(count: Int, threads: Int, placeholder: T, makeState: @Sendable () -> State,
                              _ body: @Sendable (inout State, Int) -> T) -> [T] {
        var out = [T](repeating: placeholder, count: count)
        let chunks = threads <= 1 || count < 4_096 ? 1 : min(count, threads * 4)
        out.withUnsafeMutableBufferPointer { buffer in
            // Chunks write disjoint index ranges; concurrentPerform returns after all of them.
            nonisolated(unsafe) let target = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var state = makeState()
                for i in (count * c / chunks)..<(count * (c + 1) / chunks) { target[i] = body(&state, i) }
            }
        }
        return out
    }
}
