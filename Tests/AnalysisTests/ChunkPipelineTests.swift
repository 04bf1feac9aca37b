import TestSupport
import Testing
@testable import Analysis

@Suite("Chunk pipeline")
struct ChunkPipelineTests {
    @Test("Results come back in submission order whatever the run times", arguments: [1, 2, 4])
    func ordered(concurrency: Int) {
        let pipeline = ChunkPipeline<[Int]>(concurrency: concurrency)
        var rng = SeededGenerator(seed: UInt64(concurrency))
        var expected: [[Int]] = []
        for item in 0 ..< 60 {
            // Uneven work: later items often finish before earlier ones.
            let size = Int.random(in: 1 ... 20_000, using: &rng)
            expected.append((0 ..< 3).map { item * 1_000 + $0 })
            pipeline.submit {
                var x = 0
                for k in 0 ..< size { x &+= k &* k }
                return (0 ..< 3).map { item * 1_000 + $0 + (x == -1 ? 1 : 0) }
            }
        }
        #expect(pipeline.results() == expected)
        #expect(ChunkPipeline<Int>().results().isEmpty)
    }
}
