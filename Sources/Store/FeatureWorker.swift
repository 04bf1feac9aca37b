import Dispatch
import Facilities

/// Runs the pure Swift work of a bulk facility import on a thread of its own while the writing
/// thread inserts rows (``FacilityImportStream``): the stored features of each chunk, then the
/// packed proximity index. Jobs run one at a time, in the order given; each result is taken
/// with ``Job/wait()`` on the writing thread.
///
/// The encoder and the collector are not thread-safe: the stream hands them over and uses them
/// again only after waiting for every job given (``drain()``, called also on release).
final class FeatureWorker: @unchecked Sendable {
    // Everything a job touches is used by one thread at a time: the queue's job while it runs,
    // the writing thread after `wait()` (the semaphore orders the two).
    private let queue = DispatchQueue(label: "overblik.facility-import")
    private var pending: [AnyJob] = []

    /// A job's result, ready after `wait()`.
    final class Job<Result>: AnyJob, @unchecked Sendable {
        fileprivate var result: Result?
        /// Waits until the job has run and hands its result over (call once).
        func wait() -> Result {
            done.wait()
            done.signal()  // a second wait (drain) returns at once
            defer { result = nil }
            return result!
        }
    }

    class AnyJob: @unchecked Sendable {
        fileprivate let done = DispatchSemaphore(value: 0)
    }

    /// Runs `work` after the jobs given before it.
    func run<Result>(_ work: @escaping () -> Result) -> Job<Result> {
        let job = Job<Result>()
        pending.append(job)
        let box = UncheckedWork(work: work)
        queue.async {
            job.result = box.work()
            job.done.signal()
        }
        return job
    }

    /// Waits for every job given.
    func drain() {
        for job in pending {
            job.done.wait()
            job.done.signal()
        }
        pending.removeAll()
    }

    deinit { drain() }
}

/// A closure handed to the worker's thread (it captures the encoder or collector, used by that
/// thread alone while the job runs).
private struct UncheckedWork<Result>: @unchecked Sendable {
    let work: () -> Result
}

/// The stored features of a chunk of facilities, encoded one after the other into one buffer.
struct EncodedFeatures {
    var bytes: [UInt8] = []
    /// Where feature `i` ends in `bytes` (it starts where feature `i - 1` ends).
    var ends: [Int] = []

    /// Feature `i`'s bytes.
    func withFeature<T>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let start = i == 0 ? 0 : ends[i - 1]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[i]])) }
    }

    /// The features of `facilities` (as ``FacilityFeatureBody/append(_:rooms:encoder:to:)`` makes them
    /// from the values each is stored with).
    static func encode(_ facilities: [Facility], with encoder: any FacilityFeatureEncoding) -> EncodedFeatures {
        var out = EncodedFeatures()
        out.ends.reserveCapacity(facilities.count)
        out.bytes.reserveCapacity(facilities.count * 256)
        var scratch: [UInt8] = []
        for facility in facilities {
            facility.withStoredValues(scratch: &scratch) { values in
                FacilityFeatureBody.append(values, rooms: [], encoder: encoder, to: &out.bytes)
            }
            out.ends.append(out.bytes.count)
        }
        return out
    }
}
