import Dispatch
import Foundation
import Overblik

/// One store connection on its own thread: the facade is not Sendable, so each worker owns one
/// `Overblik` and runs every call on its serial queue (off the server's event loops and its
/// cooperative pool, so a write waiting for SQLite's lock blocks neither).
final class StoreWorker: @unchecked Sendable {
    private let queue: DispatchQueue
    private let open: @Sendable () throws -> Overblik
    private var overblik: Overblik?

    init(label: String, open: @escaping @Sendable () throws -> Overblik) {
        queue = DispatchQueue(label: label)
        self.open = open
    }

    /// Runs `body` with this worker's facade, opening it on first use.
    func run<T: Sendable>(_ body: @escaping @Sendable (Overblik) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    if self.overblik == nil {
                        let overblik = try self.open()
                        // On PostgreSQL: refresh on the other processes' notifications.
                        overblik.followChanges()
                        self.overblik = overblik
                    }
                    continuation.resume(returning: try body(self.overblik!))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// Reading workers taken in turn, and one writing worker: SQLite in WAL mode lets the readers go on
/// while a write holds the lock, and one writer per process keeps this process's writes in order
/// (other processes on the same file are serialised by SQLite's lock, see the store's guarantees).
final class StorePool: Sendable {
    let readers: [StoreWorker]
    let writer: StoreWorker
    /// A reader with SpatiaLite loaded, for layers with polygons (districts, coverage).
    let spatial: StoreWorker
    private let next = Locked(0)

    init(databasePath: String, readers count: Int) {
        readers = (0..<count).map { index in
            StoreWorker(label: "overblik.reader.\(index)") { try Overblik(queryingDatabasePath: databasePath) }
        }
        writer = StoreWorker(label: "overblik.writer") { try Overblik(databasePath: databasePath) }
        spatial = StoreWorker(label: "overblik.spatial") { try Overblik(databasePath: databasePath, readOnly: true) }
    }

    /// Runs a read on the next reader.
    func read<T: Sendable>(_ body: @escaping @Sendable (Overblik) throws -> T) async throws -> T {
        let index = next.withLock { value -> Int in
            value = (value + 1) % readers.count
            return value
        }
        return try await readers[index].run(body)
    }

    /// Runs a write (or a read that must see this process's last write) on the writer.
    func write<T: Sendable>(_ body: @escaping @Sendable (Overblik) throws -> T) async throws -> T {
        try await writer.run(body)
    }

    /// Runs a read that needs SpatiaLite (polygon layers).
    func readSpatial<T: Sendable>(_ body: @escaping @Sendable (Overblik) throws -> T) async throws -> T {
        try await spatial.run(body)
    }

    /// Opens every connection and loads every reader's catalogue.
    func warmUp() async throws {
        _ = try await writer.run { try $0.summary().facilities }
        for reader in readers { _ = try await reader.run { try $0.catalog().facilities.count } }
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
