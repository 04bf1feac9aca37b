/// Many short strings in one UTF-8 buffer with their end offsets: about the bytes of the text plus 4
/// per string, where an array of `String` costs 16 bytes per string plus a heap object for every
/// string longer than 15 bytes. The lean catalogue keeps a million facility ids and names this way.
package struct PackedText: Sendable, Equatable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    package init() {}

    /// Number of strings.
    package var count: Int { ends.count }

    /// Appends a string.
    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(UInt32(bytes.count))
    }

    /// The string at `index`.
    package subscript(index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1]), end = Int(ends[index])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The strings in the order of `order` (a permutation of the indices).
    package func reordered(_ order: [Int]) -> PackedText {
        var result = PackedText()
        result.bytes.reserveCapacity(bytes.count)
        result.ends.reserveCapacity(ends.count)
        for i in order { result.append(self[i]) }
        return result
    }
}
