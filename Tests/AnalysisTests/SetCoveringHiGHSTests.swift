import Foundation
import TestSupport
import Testing
@testable import Analysis

/// HiGHS (highspy in the project's .venv, installed by `Tools/setup.sh --with-test-tools`).
enum HiGHS {
    static let python = TestSupport.packageRoot.appendingPathComponent(".venv/bin/python3").path
    static let script = TestSupport.packageRoot.appendingPathComponent("Tools/setcover_highs.py").path
    static let available: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python),
              let r = try? TestSupport.run(python, ["-c", "import highspy"]) else { return false }
        return r.status == 0
    }()

    /// HiGHS's proved optimum of the rows of `problem` that need a site.
    static func optimum(_ problem: CoverageProblem) throws -> (optimum: Int, proved: Bool) {
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let rows = universe.map { i in "[" + problem.candidatesReaching.row(i).map { String($0) }.joined(separator: ",") + "]" }
        let file = try TestSupport.writeTemporary("{\"candidates\": \(problem.candidateCount), \"rows\": [" + rows.joined(separator: ",") + "]}",
                                                  name: "setcover.json")
        let r = try TestSupport.run(python, [script, file.path, "--time-limit", "120"])
        guard r.status == 0, let line = r.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let optimum = json["optimum"] as? Int, let proved = json["proved"] as? Bool else {
            throw HiGHSFailure(output: r.stdout + r.stderr)
        }
        return (optimum, proved)
    }

    struct HiGHSFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "setcover_highs.py failed: \(output)" }
    }
}

@Suite("Set covering against HiGHS")
struct SetCoveringHiGHSTests {
    @Test("The exact cover has HiGHS's optimum on seeded Aalborg-like instances",
          .enabled(if: HiGHS.available, "highspy is not installed in .venv (Tools/setup.sh --with-test-tools)"),
          arguments: 1 ... 8)
    func matchesHiGHS(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7_919)
        let instance = RandomInstance(seed: UInt64(seed) + 50_000, demand: Int.random(in: 300 ... 700, using: &rng),
                                      candidates: Int.random(in: 40 ... 120, using: &rng), clusters: 12)
        let problem = try CoverageProblem(candidatesReaching: instance.coverage(rural: 4_000, urban: 1_500),
                                          weights: instance.weights)
        let s = SetCovering.solve(problem)
        let highs = try HiGHS.optimum(problem)
        #expect(highs.proved)
        #expect(s.provedOptimal)
        #expect(s.sites.count == highs.optimum)
        #expect(s.lowerBound == highs.optimum)
        // The cover really covers every reachable point.
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let covered = Set(s.sites.flatMap { problem.demandsReached.row($0.candidate).map(Int.init) })
        #expect(universe.allSatisfy(covered.contains))
    }
}
