/// A byte buffer with fast JSON primitives: fixed-precision numbers written digit by digit and
/// escaped strings. Flushes to a sink when full.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []
    let capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        bytes.reserveCapacity(capacity + 512)
    }

    var isFull: Bool { bytes.count >= capacity }

    mutating func flush<S: ByteSink>(to sink: inout S) throws(ByteSinkError) {
        guard !bytes.isEmpty else { return }
        var failure: ByteSinkError?
        bytes.withUnsafeBytes { raw in
            do { try sink.write(raw) } catch { failure = error as? ByteSinkError }
        }
        if let failure { throw failure }
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func ascii(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes a signed integer in decimal.
    mutating func integer(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            unsigned(value == .min ? UInt64(Int64.max) + 1 : UInt64(-value))
        } else {
            unsigned(UInt64(value))
        }
    }

    mutating func unsigned(_ value: UInt64) {
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes of scratch
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value, i = 32
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
                v /= 10
            } while v > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i..<32]))
        }
    }

    /// Writes `value` rounded to `precision` decimals, trailing zeros trimmed (9.5, not 9.500000).
    /// Values too large for the fixed-point path use Swift's shortest representation.
    /// - Precondition: `value` is finite; `0...15 ~= precision`.
    mutating func fixed(_ value: Double, precision: Int, scale: Double) {
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9.0e15 else {
            bytes.append(contentsOf: "\(value)".utf8)
            return
        }
        var n = Int64(scaled)
        if n == 0 { bytes.append(UInt8(ascii: "0")); return }
        if n < 0 { bytes.append(UInt8(ascii: "-")); n = -n }
        var fraction = 0
        var decimals = precision
        if precision > 0 {
            var divisor: Int64 = 1
            for _ in 0..<precision { divisor *= 10 }
            fraction = Int(n % divisor)
            n /= divisor
            while decimals > 0 && fraction % 10 == 0 { fraction /= 10; decimals -= 1 }
        }
        unsigned(UInt64(n))
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digits: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var f = fraction
            for i in stride(from: decimals - 1, through: 0, by: -1) {
                raw[i] = UInt8(f % 10) + UInt8(ascii: "0")
                f /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<decimals]))
        }
    }

    /// Writes a JSON string literal with quotes, escaping quote, backslash and control characters.
    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
