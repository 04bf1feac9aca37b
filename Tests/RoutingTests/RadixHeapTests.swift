import Testing
import TestSupport
@testable import Routing

/// The radix heap pops in the order of (key, node), as the 4-ary heap does, under Dijkstra's use:
/// every key inserted is at least the last one popped.
@Suite("The radix heap pops as the 4-ary heap does")
struct RadixHeapTests {
    @Test("under monotone use with many equal keys the radix heap pops the 4-ary heap's sequence",
          arguments: [(seed: 1 as UInt64, distinct: 5), (2, 50), (3, 1_000_000)])
    func sameSequence(_ seed: UInt64, _ distinct: Int) {
        var generator = SeededGenerator(seed: seed)
        var radix = RadixHeap(capacity: 64), quaternary = QuaternaryHeap(capacity: 64)
        var popped: [(Double, UInt32)] = [], expected: [(Double, UInt32)] = []
        var last = 0.0, inserted = 0
        for step in 0..<20_000 {
            // Mostly inserts early, mostly pops late; keys on a coarse grid so that ties are common,
            // zero steps (equal to the last key popped) and 0 itself included.
            if step < 15_000 && (step % 3 != 0 || radix.isEmpty) {
                let key = last + Double(Int.random(in: 0..<distinct, using: &generator)) * 0.125
                let node = UInt32.random(in: 0..<200, using: &generator)
                radix.insert(key: key, node: node)
                quaternary.insert(key: key, node: node)
                inserted += 1
            } else if let r = radix.popMin(), let q = quaternary.popMin() {
                popped.append((r.key, r.node))
                expected.append((q.key, q.node))
                last = r.key
            }
        }
        while let r = radix.popMin(), let q = quaternary.popMin() {
            popped.append((r.key, r.node))
            expected.append((q.key, q.node))
        }
        #expect(radix.isEmpty && quaternary.isEmpty)
        #expect(popped.count == inserted && inserted > 9_000)
        #expect(popped.elementsEqual(expected) { $0.0 == $1.0 && $0.1 == $1.1 })
    }

    @Test("with a tie order the radix heap pops by (key, rank of node), and its peek names an entry of the key popped next",
          arguments: [(seed: 4 as UInt64, distinct: 5), (5, 1_000)])
    func tieOrderAndPeek(_ seed: UInt64, _ distinct: Int) {
        var generator = SeededGenerator(seed: seed)
        let rank = (0..<UInt32(200)).shuffled(using: &generator)
        var radix = RadixHeap(capacity: 64), quaternary = QuaternaryHeap(capacity: 64)
        var keyOfEntry: [Double] = []
        var last = 0.0, pops = 0
        rank.withUnsafeBufferPointer { rank in
            for step in 0..<20_000 {
                if step < 15_000 && (step % 3 != 0 || radix.isEmpty) {
                    let key = last + Double(Int.random(in: 0..<distinct, using: &generator)) * 0.125
                    let node = UInt32.random(in: 0..<200, using: &generator)
                    // The payload names the entry, so that the peek can be checked.
                    radix.insert(key: key, node: node, first: UInt32(keyOfEntry.count))
                    keyOfEntry.append(key)
                    quaternary.insert(key: key, node: rank[Int(node)])
                    continue
                }
                let peeked = radix.peekFirst()
                guard let r = radix.popMin(ties: rank.baseAddress), let q = quaternary.popMin() else { break }
                #expect(r.key == q.key && rank[Int(r.node)] == q.node)
                #expect(keyOfEntry[Int(peeked)] == r.key)
                last = r.key
                pops += 1
            }
        }
        #expect(pops > 4_000)
    }
}
