import Fuzzing
import Testing
import TestSupport
import Foundation

/// A bounded fuzz run per parser on every test run; `overblik-bench fuzz --seconds 300` is the long one.
@Suite("Fuzzing the parsers with seeded mutations")
struct FuzzTests {
    static let dataDirectory = TestSupport.packageRoot.appendingPathComponent("Data").path

    static let targets: [FuzzTarget] = FuzzSeeds.targets(dataDirectory: dataDirectory)

    @Test("20 000 mutations per target (parsers, polygon shapes, embedded JSON, output paths): no crash, no hang, every rejection a typed error with a message",
          arguments: ["opening-hours", "csv", "geojson", "polygon-locator", "embedded-json", "output-path"])
    func boundedCampaign(name: String) throws {
        let target = try #require(Self.targets.first { $0.name == name })
        // Per-input budget is a hang detector (inputs run in microseconds), not a performance check.
        let report = FuzzRunner(seed: 20_261_127, perInputSeconds: 5).run(target, iterations: 20_000, seconds: 6)
        print("fuzz \(name): \(report.executions) executions in \(report.seconds) s, \(report.accepted) accepted, "
              + "\(report.rejected) rejected, \(report.signatures.count) outcome kinds, corpus \(report.corpusSize), "
              + "slowest \(report.slowestSeconds) s, peak RSS \(report.peakRSSBytes >> 20) MiB")
        for finding in report.findings { print(finding) }
        #expect(report.findings.isEmpty, "\(report.findings.count) findings; first: \(report.findings.first.map(String.init(describing:)) ?? "")")
        #expect(report.accepted > 0, "the mutants never reached the accepting path")
        // Every text can be embedded, so that target has no error path to reach.
        if name != "embedded-json" { #expect(report.rejected > 0, "the mutants never reached an error path") }
        #expect(report.signatures.count > 3, "too few distinct outcomes: \(report.signatures.sorted())")
    }

    @Test("the same seed gives the same campaign")
    func deterministic() throws {
        let target = try #require(Self.targets.first { $0.name == "csv" })
        let a = FuzzRunner(seed: 7).run(target, iterations: 500, seconds: 60)
        let b = FuzzRunner(seed: 7).run(target, iterations: 500, seconds: 60)
        #expect(a.executions == b.executions)
        #expect(a.accepted == b.accepted)
        #expect(a.signatures == b.signatures)
        #expect(a.corpusSize == b.corpusSize)
    }

    @Test("the mutator stays within its size limit and changes its input")
    func mutatorBounds() {
        let mutator = Mutator(dictionary: ["[[[["], maxBytes: 64)
        var random = FuzzRandom(seed: 3)
        let input = Array("Mo-Fr 08:00-20:00".utf8)
        var changed = 0
        for _ in 0..<2_000 {
            let m = mutator.mutate(input, splicingWith: input, random: &random)
            #expect(m.count <= 64)
            if m != input { changed += 1 }
        }
        #expect(changed > 1_800)
    }
}
