import Dispatch
import Foundation
import NIOCore
import PostgresNIO

/// One `COPY ... FROM STDIN` kept open while its caller prepares the next rows: ``send(_:)``
/// hands buffers to the connection's event loop and returns, so the client parses and encodes
/// chunk k+1 while the server stores chunk k, instead of a COPY per chunk that both sides wait
/// for in turn. At most ``window`` buffers wait to be sent; a sender ahead of the server blocks.
///
/// Nothing else may run on the connection until ``finish()`` returns. A failure of the server
/// (a row it refuses) is thrown by the next ``send(_:)`` or by ``finish()``; ``abandon()`` ends the
/// COPY on an error path, after which the caller's rollback undoes what it wrote.
final class CopyStream: @unchecked Sendable {
    /// Buffers (about a megabyte each) handed over and not yet sent.
    static let window = 4

    private let path: String
    private let continuation: AsyncStream<ByteBuffer>.Continuation
    private let room = DispatchSemaphore(value: CopyStream.window)
    private let ended = DispatchSemaphore(value: 0)
    private let failure = Failure()
    private var open = true

    /// Starts `COPY table (columns) FROM STDIN` (text format) on `connection`, the store's own
    /// unless given (a bulk load's loading connection, see ``PostgresBulkStage``).
    init(store: PostgresStore, connection: PostgresConnection? = nil, table: String, columns: [String]) throws {
        path = store.path
        let (buffers, continuation) = AsyncStream<ByteBuffer>.makeStream()
        self.continuation = continuation
        let connection = connection ?? store.connection, logger = store.logger
        // The task holds neither the stream nor its continuation: a stream dropped unfinished ends the COPY.
        let (room, ended, failure) = (room, ended, failure)
        try store.bridge.start {
            do {
                try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger) { writer in
                    for await buffer in buffers {
                        defer { room.signal() }
                        try await writer.write(buffer)
                    }
                }
            } catch {
                failure.set(error)
            }
            // After a failure, keep taking buffers until the sender stops, so that it never waits for room.
            for await _ in buffers { room.signal() }
            ended.signal()
        }
    }

    /// Hands `buffers` to the COPY, waiting while ``window`` buffers are still unsent.
    /// - Throws: ``PostgresStoreError`` when the server has refused the rows sent so far.
    func send(_ buffers: [ByteBuffer]) throws {
        for buffer in buffers {
            try throwIfFailed()
            room.wait()
            continuation.yield(buffer)
        }
    }

    /// Ends the COPY and waits until the server has stored every row.
    /// - Throws: ``PostgresStoreError`` when the server refused a row.
    func finish() throws {
        close()
        try throwIfFailed()
    }

    /// Ends the COPY on an error path, ignoring its outcome (the caller rolls back).
    func abandon() { close() }

    deinit { close() }

    private func close() {
        guard open else { return }
        open = false
        continuation.finish()
        ended.wait()
    }

    private func throwIfFailed() throws {
        guard let error = failure.error else { return }
        try PostgresStore.mapping(path) { throw error }
    }

    /// The COPY's error, set by the loop and read by the sender.
    private final class Failure: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (any Error)?

        var error: (any Error)? { lock.withLock { value } }
        func set(_ error: any Error) { lock.withLock { value = error } }
    }
}
