#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches what an in-process fuzzer cannot report itself: a hang (an input still running after
/// `hangSeconds`) and a crash (a trap or fault signal). Either way the input being executed is
/// written, as bytes, to `artifactPath` and a line to standard error, then the process exits.
///
/// One per process (it installs signal handlers); used by `overblik-bench fuzz`.
public final class FuzzWatchdog: @unchecked Sendable {
    private let hangSeconds: Double
    private var lock = pthread_mutex_t()
    private var started: Double = 0
    private var running = false
    private var thread: pthread_t?

    /// Starts the watchdog thread and installs handlers for SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT.
    public init(hangSeconds: Double, artifactPath: String) {
        self.hangSeconds = hangSeconds
        pthread_mutex_init(&lock, nil)
        crashArtifactPath = strdup(artifactPath)
        crashBuffer = .allocate(capacity: crashBufferCapacity)
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = fuzzCrashHandler
            #else
            action.__sigaction_u.__sa_handler = fuzzCrashHandler
            #endif
            action.sa_flags = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: SA_RESETHAND))
            sigaction(signal, &action, nil)
        }
        let unmanaged = Unmanaged.passRetained(self)
        var tid = pthread_t()
        pthread_create(&tid, nil, { raw in
            let dog = Unmanaged<FuzzWatchdog>.fromOpaque(raw!).takeUnretainedValue()
            dog.watch()
            return nil
        }, unmanaged.toOpaque())
        thread = tid
    }

    /// Marks the start of an input's execution.
    func begin(_ input: [UInt8]) {
        let n = min(input.count, crashBufferCapacity)
        input.withUnsafeBufferPointer { src in
            if n > 0 { crashBuffer?.update(from: src.baseAddress!, count: n) }
        }
        pthread_mutex_lock(&lock)
        crashLength = n
        started = FuzzRunner.now()
        running = true
        pthread_mutex_unlock(&lock)
    }

    /// Marks the end of the current input's execution.
    func end() {
        pthread_mutex_lock(&lock)
        running = false
        pthread_mutex_unlock(&lock)
    }

    private func watch() {
        while true {
            usleep(200_000)
            pthread_mutex_lock(&lock)
            let hung = running && FuzzRunner.now() - started > hangSeconds
            pthread_mutex_unlock(&lock)
            if hung {
                writeCrashArtifact(reason: "hang: one input ran longer than \(hangSeconds) s")
                exit(71)
            }
        }
    }
}

// Signal-handler state: plain memory, written before each execution, read only by the handler.
private let crashBufferCapacity = 1 << 20
nonisolated(unsafe) private var crashBuffer: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var crashLength = 0
nonisolated(unsafe) private var crashArtifactPath: UnsafeMutablePointer<CChar>?

/// Writes the current input to the artifact file and a note to stderr (async-signal-safe calls only).
private func writeCrashArtifact(reason: StaticString) {
    reason.withUTF8Buffer { _ = write(2, $0.baseAddress, $0.count) }
    writeCrashInput()
}

private func writeCrashArtifact(reason: String) {
    var text = reason
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    writeCrashInput()
}

private func writeCrashInput() {
    let note: StaticString = "\noverblik-fuzz: the input is in the artifact file\n"
    note.withUTF8Buffer { _ = write(2, $0.baseAddress, $0.count) }
    guard let path = crashArtifactPath, let buffer = crashBuffer else { return }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd >= 0 {
        _ = write(fd, buffer, crashLength)
        close(fd)
    }
}

private func fuzzCrashHandler(_ signal: Int32) {
    writeCrashArtifact(reason: "overblik-fuzz: crash (fatal signal)")
    raise(signal)
}
