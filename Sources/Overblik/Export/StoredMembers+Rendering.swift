import GeoJSON

/// The keys and fixed values of ``StoredMembers`` laid out once in raw memory, and the renderer
/// that writes runs of stored values with them straight into a feature's properties: one
/// capacity check per run, no reference counting, short copies without calls.
///
/// Immutable after its initialiser; the one instance (``shared``) lives as long as the process.
final class StoredMemberRenderer: @unchecked Sendable {
    static let shared = StoredMemberRenderer()

    /// `"key":` of every member, then every member's fixed values.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Member m's key is `bytes[prefix[m]..<prefix[m + 1]]`.
    private let prefix: UnsafeMutablePointer<Int>
    /// Choice i of member m is `bytes[choice[first[m] + i]..<choice[first[m] + i + 1]]`, i < `count[m]`.
    private let choice: UnsafeMutablePointer<Int>
    private let first: UnsafeMutablePointer<Int>
    private let count: UnsafeMutablePointer<Int>
    /// Room a run may need beyond its stored bytes: every key, and per member a comma, quotes and
    /// the longest fixed value or `null`.
    private let extraRoom: Int

    private init() {
        let keys = StoredMembers.keys, choices = StoredMembers.shared.choices
        var table: [UInt8] = [], prefixes: [Int] = [], choiceStarts: [Int] = [], firsts: [Int] = [], counts: [Int] = []
        for key in keys {
            prefixes.append(table.count)
            table.append(UInt8(ascii: "\""))
            table.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            table.append(contentsOf: Array("\":".utf8))
        }
        prefixes.append(table.count)
        let keyBytes = table.count
        var longest = 4
        for values in choices {
            firsts.append(choiceStarts.count)
            counts.append(values.count)
            for v in values {
                choiceStarts.append(table.count)
                table.append(contentsOf: v)
                longest = max(longest, v.count)
            }
            choiceStarts.append(table.count)  // the end of the last value (an extra entry per member)
        }
        table.append(contentsOf: [UInt8](repeating: 0, count: 8))  // room for wide reads past the last value
        func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            p.initialize(from: a, count: a.count)
            return p
        }
        bytes = copy(table)
        prefix = copy(prefixes)
        choice = copy(choiceStarts)
        first = copy(firsts)
        count = copy(counts)
        extraRoom = keyBytes + keys.count * (1 + 2 + longest) + 8
    }

    /// Where a rendering stands in a feature's parts, and where the name's value was found.
    struct Cursor {
        var at = 0
        var malformed = false
        /// The name's value: its lead byte and bytes (for `next_free_room` and `title`).
        var name: (lead: UInt8, start: Int, count: Int) = (0, 0, 0)
    }

    /// Writes stored members `members` (indices into ``StoredMembers/keys``), reading their values
    /// from `parts` at `cursor`. A value that runs past the end or names no fixed value marks the
    /// cursor malformed (what is written is then not to be used).
    @inline(__always)
    func render(_ members: Range<Int>, of parts: UnsafeBufferPointer<UInt8>, cursor: inout Cursor, to p: inout PropertyWriter) {
        guard let base = parts.baseAddress ?? UnsafePointer(bytes) else { return }
        let end = parts.count
        p.rawMembers(count: members.count, capacity: end - cursor.at + extraRoom) { out in
            var o = 0
            var at = cursor.at
            for m in members {
                if m != members.lowerBound {
                    out[o] = UInt8(ascii: ",")
                    o += 1
                }
                o += Self.wideCopy(bytes + prefix[m], prefix[m + 1] - prefix[m], to: out + o)
                var lead: UInt8 = 0
                var start = at, n = 0
                if at < end {
                    lead = base[at]
                    at += 1
                    switch lead {
                    case 0: break
                    case 0x01...0xBF: n = Int(lead) - 1
                    case 0xC0...0xDF: n = Int(lead) - 0xC0
                    case 0xE0...0xFC:
                        let i = Int(lead) - 0xE0
                        if i < count[m] {
                            let k = first[m] + i
                            o += Self.wideCopy(bytes + choice[k], choice[k + 1] - choice[k], to: out + o)
                            continue
                        }
                        cursor.malformed = true
                        lead = 0
                    default:
                        if lead != 0xFF, at + 4 <= end {
                            for b in 0..<4 { n |= Int(base[at + b]) << (8 * b) }
                            at += 4
                        } else {
                            cursor.malformed = true
                            lead = 0
                        }
                    }
                    start = at
                    if n > end - at {
                        cursor.malformed = true
                        lead = 0
                        n = 0
                    }
                    at += n
                } else {
                    cursor.malformed = true
                }
                if m == StoredMembers.name { cursor.name = (lead, start, n) }
                if lead == 0 {
                    out[o] = UInt8(ascii: "n")
                    out[o + 1] = UInt8(ascii: "u")
                    out[o + 2] = UInt8(ascii: "l")
                    out[o + 3] = UInt8(ascii: "l")
                    o += 4
                } else if lead <= 0xBF || lead == 0xFD {
                    out[o] = UInt8(ascii: "\"")
                    o += 1
                    o += Self.copy(base + start, n, to: out + o)
                    out[o] = UInt8(ascii: "\"")
                    o += 1
                } else {
                    o += Self.copy(base + start, n, to: out + o)
                }
            }
            cursor.at = at
            return o
        }
    }

    /// Writes the name's value found by ``render(_:of:cursor:to:)`` as member `key`.
    @inline(__always)
    func writeName(_ cursor: Cursor, of parts: UnsafeBufferPointer<UInt8>, key: StaticString, to p: inout PropertyWriter) {
        let (lead, start, n) = cursor.name
        let value = UnsafeBufferPointer(rebasing: parts[start..<(start + n)])
        if lead == 0 {
            p.null(key)
        } else if lead <= 0xBF || lead == 0xFD {
            p.escapedString(key, value)
        } else {
            p.encodedValue(key, value)
        }
    }

    /// Copies `n` bytes of the table to `target` eight at a time, writing up to 7 bytes more (the
    /// table is padded, the room asked for covers them; later bytes overwrite them); returns `n`.
    @inline(__always)
    private static func wideCopy(_ source: UnsafePointer<UInt8>, _ n: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var i = 0
        repeat {
            UnsafeMutableRawPointer(target + i).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self), as: UInt64.self)
            i += 8
        } while i < n
        return n
    }

    /// Copies `n` bytes to `target`; returns `n`.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, _ n: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        ByteRuns.copy(source, n, to: target)
        return n
    }
}
