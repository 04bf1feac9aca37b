import Foundation

/// Hands chunks from a producer thread to a consumer, at most `capacity` waiting: while one core
/// parses and validates the next rows, the other writes the previous ones.
///
/// The producer ends with ``finish(throwing:)``; a consumer that gives up calls ``cancel()`` (the
/// producer's next ``put(_:)`` throws ``CancellationError``) and ``waitUntilFinished()`` before it
/// touches anything the producer might still use.
///
/// ```swift
/// let handoff = ChunkHandoff<[Int]>(capacity: 2)
/// // producer: try handoff.put(chunk) ... handoff.finish(throwing: nil)
/// while let chunk = try handoff.take() { consume(chunk) }
/// ```
final class ChunkHandoff<Chunk: Sendable>: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `chunk`, waiting while `capacity` chunks wait already.
    /// - Throws: `CancellationError` once the consumer has cancelled.
    func put(_ chunk: Chunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        queue.append(chunk)
        condition.broadcast()
    }

    /// Marks the end of the chunks, with the producer's error if it failed.
    func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk; nil after the last one.
    /// - Throws: the producer's error, after the chunks queued before it.
    func take() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the producer to stop and drops what waits.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer has finished (normally, by error or by cancellation).
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// Runs `body` on a thread of its own with a main-thread-sized stack (the readers recurse).
/// The caller synchronises through a ``ChunkHandoff`` that `body` finishes.
struct ProducerThread: @unchecked Sendable {
    // `body` runs on the new thread only, while the caller waits on the handoff: never concurrently
    // with the caller's use of what it captures.
    let body: () -> Void

    func start() {
        let thread = Thread { [self] in body() }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
