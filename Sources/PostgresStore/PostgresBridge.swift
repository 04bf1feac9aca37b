import Dispatch
import NIOCore
import NIOPosix

/// Runs postgres-nio's async calls for the synchronous store API.
///
/// The facade is synchronous (one store per thread: the CLI's main thread, the server's
/// ``StoreWorker`` dispatch queues). Each call starts a task whose executor preference is one
/// event loop owned by this module, waits for it on a semaphore and returns its result. The task
/// and the connection's I/O run on that loop thread, never on the caller's thread, Swift's
/// cooperative pool or the server's event loops, so blocking the caller cannot starve them. A
/// caller on an NIO event-loop thread is refused (``PostgresStoreError/calledOnEventLoop``): it
/// would stall that loop's other channels.
final class PostgresBridge: Sendable {
    /// The one loop of every PostgreSQL connection of the process (I/O of a few connections).
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    static let shared = PostgresBridge(loop: group.next())

    let loop: any EventLoop
    private let executor: LoopTaskExecutor

    init(loop: any EventLoop) {
        self.loop = loop
        executor = LoopTaskExecutor(loop: loop)
    }

    /// Runs `body` to completion on the bridge's loop and returns what it returned or threw.
    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        try launch(body)()
    }

    /// Starts `body` on the bridge's loop and returns at once; the function returned waits for it
    /// and returns what it returned or threw (call it once). A bulk load builds its GiST index so
    /// while it builds the key on another connection.
    func launch<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> () throws -> T {
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else { throw PostgresStoreError.calledOnEventLoop }
        let outcome = Outcome<T>()
        Task(executorPreference: executor) {
            do { outcome.finish(.success(try await body())) } catch { outcome.finish(.failure(error)) }
        }
        return outcome.wait
    }

    /// Starts `body` on the bridge's loop and returns at once (the caller waits for it its own way).
    func start(_ body: @escaping @Sendable () async -> Void) throws {
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else { throw PostgresStoreError.calledOnEventLoop }
        Task(executorPreference: executor) { await body() }
    }
}

/// A task executor that runs jobs on one NIO event loop.
final class LoopTaskExecutor: TaskExecutor, Sendable {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A result handed from the task to the waiting caller.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    func finish(_ value: Result<T, any Error>) {
        result = value
        done.signal()
    }

    func wait() throws -> T {
        done.wait()
        return try result!.get()
    }
}
