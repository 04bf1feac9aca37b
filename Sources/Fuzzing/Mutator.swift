/// Byte-level mutations of an input: bit flips, interesting bytes, insertions, deletions,
/// duplicated and repeated chunks, dictionary tokens and splices with another corpus entry.
///
/// Coverage-free: what makes it effective on text formats is the per-target dictionary (the tokens
/// of the grammar) and splicing valid samples together.
public struct Mutator: Sendable {
    /// Grammar tokens inserted or overwritten verbatim.
    public var dictionary: [[UInt8]]
    /// Inputs never grow past this many bytes.
    public var maxBytes: Int

    /// Bytes that tend to hit edge cases: boundaries of ASCII classes, UTF-8 lead and continuation
    /// bytes, NUL, ESC, quotes and separators.
    static let interesting: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x20, 0x22, 0x27, 0x2C, 0x2D, 0x2F,
                                       0x30, 0x39, 0x3A, 0x3B, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF,
                                       0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]

    public init(dictionary: [String], maxBytes: Int) {
        self.dictionary = dictionary.map { Array($0.utf8) }
        self.maxBytes = maxBytes
    }

    /// A mutant of `input`: one to four stacked mutations, `other` used for splicing.
    public func mutate(_ input: [UInt8], splicingWith other: [UInt8], random: inout FuzzRandom) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(4) {
            mutateOnce(&bytes, other: other, random: &random)
        }
        if bytes.count > maxBytes { bytes.removeLast(bytes.count - maxBytes) }
        return bytes
    }

    private func mutateOnce(_ bytes: inout [UInt8], other: [UInt8], random: inout FuzzRandom) {
        let n = bytes.count
        func position() -> Int { random.below(n + 1) }
        switch random.below(11) {
        case 0 where n > 0: // flip a bit
            bytes[random.below(n)] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where n > 0: // an interesting byte
            bytes[random.below(n)] = Self.interesting[random.below(Self.interesting.count)]
        case 2: // insert a random byte
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position())
        case 3 where n > 0: // delete a range
            let start = random.below(n)
            let length = min(n - start, 1 + random.below(min(n, 16)))
            bytes.removeSubrange(start..<(start + length))
        case 4 where n > 0: // duplicate a chunk
            let start = random.below(n)
            let length = min(n - start, 1 + random.below(32))
            bytes.insert(contentsOf: bytes[start..<(start + length)], at: position())
        case 5 where !dictionary.isEmpty, 6 where !dictionary.isEmpty: // insert a grammar token
            bytes.insert(contentsOf: dictionary[random.below(dictionary.count)], at: position())
        case 7 where !dictionary.isEmpty && n > 0: // overwrite with a grammar token
            let token = dictionary[random.below(dictionary.count)]
            let start = random.below(n)
            let end = min(n, start + token.count)
            bytes.replaceSubrange(start..<end, with: token)
        case 8 where !other.isEmpty: // splice: our head, the other's tail
            let cut = position()
            let from = random.below(other.count)
            bytes = Array(bytes[..<cut]) + other[from...]
        case 9 where n > 0: // repeat a chunk many times (deep nesting, long fields)
            let start = random.below(n)
            let length = min(n - start, 1 + random.below(8))
            let chunk = Array(bytes[start..<(start + length)])
            let times = 1 + random.below(max(1, min(512, maxBytes / max(length, 1))))
            var block: [UInt8] = []
            block.reserveCapacity(chunk.count * times)
            for _ in 0..<times { block += chunk }
            bytes.insert(contentsOf: block, at: start)
        case 10 where n > 1: // truncate
            bytes.removeLast(random.below(n))
        default: // swap two bytes, or grow an empty input
            if n > 1 {
                bytes.swapAt(random.below(n), random.below(n))
            } else {
                bytes.append(UInt8(truncatingIfNeeded: random.next()))
            }
        }
    }
}
