#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input that broke an invariant or took longer than the per-input budget.
public struct FuzzFinding: Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case violation, slow }
    public var kind: Kind
    public var target: String
    public var iteration: Int
    public var detail: String
    public var input: [UInt8]

    /// The finding with the input as a Swift array literal, ready to paste into a regression test.
    public var description: String {
        "\(target) \(kind.rawValue) at iteration \(iteration): \(detail)\n  input (\(input.count) bytes): [\(input.prefix(400).map(String.init).joined(separator: ", "))\(input.count > 400 ? ", ..." : "")]"
    }
}

/// What a fuzz run did.
public struct FuzzReport: Sendable {
    public var target: String
    public var seed: UInt64
    public var executions = 0
    public var accepted = 0
    public var rejected = 0
    public var seconds = 0.0
    /// Slowest single execution, seconds.
    public var slowestSeconds = 0.0
    /// Distinct outcome signatures seen (accepted kinds and error kinds).
    public var signatures: Set<String> = []
    /// Corpus size at the end (seeds plus novel inputs kept).
    public var corpusSize = 0
    public var findings: [FuzzFinding] = []
    /// Peak resident set size of this process at the end of the run, bytes.
    public var peakRSSBytes = 0
}

/// Runs a seeded mutation campaign against one target.
///
/// Each iteration picks a corpus entry, mutates it, runs the target, and keeps the mutant when its
/// outcome signature is new (a cheap stand-in for coverage feedback). Deterministic for a seed and an
/// iteration budget; a time budget stops early.
///
/// ```swift
/// let report = FuzzRunner(seed: 1).run(.csv(seeds: samples), iterations: 20_000, seconds: 5)
/// ```
public struct FuzzRunner: Sendable {
    public var seed: UInt64
    /// An input taking longer than this is reported as a `slow` finding (a hang candidate).
    public var perInputSeconds: Double
    /// Most entries kept in the corpus.
    public var maxCorpus: Int

    public init(seed: UInt64, perInputSeconds: Double = 2, maxCorpus: Int = 2_000) {
        self.seed = seed
        self.perInputSeconds = perInputSeconds
        self.maxCorpus = maxCorpus
    }

    /// Runs up to `iterations` mutations or `seconds` of wall-clock time, whichever ends first.
    /// `watchdog`, when given, is told about each input (it ends the process on a real hang).
    public func run(_ target: FuzzTarget, iterations: Int, seconds: Double, watchdog: FuzzWatchdog? = nil) -> FuzzReport {
        var random = FuzzRandom(seed: seed)
        var corpus = target.seeds
        var report = FuzzReport(target: target.name, seed: seed)
        let started = Self.now()
        // Seeds first, unmutated.
        for (i, seed) in target.seeds.enumerated() {
            record(target, seed, iteration: -1 - i, &report, watchdog)
        }
        var i = 0
        while i < iterations {
            if i & 63 == 0 && Self.now() - started > seconds { break }
            let base = corpus[random.below(corpus.count)]
            let other = corpus[random.below(corpus.count)]
            let input = target.mutator.mutate(base, splicingWith: other, random: &random)
            let novel = record(target, input, iteration: i, &report, watchdog)
            if novel {
                if corpus.count < maxCorpus { corpus.append(input) } else { corpus[random.below(corpus.count)] = input }
            }
            i += 1
        }
        report.seconds = Self.now() - started
        report.corpusSize = corpus.count
        report.peakRSSBytes = Self.peakRSS()
        return report
    }

    /// Executes one input, updating the report; returns whether its outcome signature was new.
    @discardableResult
    private func record(_ target: FuzzTarget, _ input: [UInt8], iteration: Int, _ report: inout FuzzReport,
                        _ watchdog: FuzzWatchdog?) -> Bool {
        watchdog?.begin(input)
        let t0 = Self.now()
        let outcome = target.execute(input)
        let elapsed = Self.now() - t0
        watchdog?.end()
        report.executions += 1
        report.slowestSeconds = max(report.slowestSeconds, elapsed)
        if elapsed > perInputSeconds {
            report.findings.append(FuzzFinding(kind: .slow, target: target.name, iteration: iteration,
                                               detail: "took \(elapsed) s (budget \(perInputSeconds) s)", input: input))
        }
        switch outcome {
        case let .accepted(signature):
            report.accepted += 1
            return report.signatures.insert(signature).inserted
        case let .rejected(signature, _):
            report.rejected += 1
            return report.signatures.insert(signature).inserted
        case let .violation(detail):
            report.findings.append(FuzzFinding(kind: .violation, target: target.name, iteration: iteration,
                                               detail: detail, input: input))
            return false
        }
    }

    /// Monotonic seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Peak resident set size of this process, bytes.
    public static func peakRSS() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if canImport(Darwin)
        return Int(usage.ru_maxrss)
        #else
        return Int(usage.ru_maxrss) * 1024
        #endif
    }
}
