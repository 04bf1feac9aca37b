/// A growable byte buffer with fast JSON primitives: fixed-precision numbers written digit by digit
/// and escaped strings. Writes go straight to raw memory (this is the writer's hot path); the
/// writer flushes it to a sink when ``isFull``.
@usableFromInline
struct OutputBuffer: ~Copyable {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var allocated: Int
    @usableFromInline var count = 0
    let capacity: Int
    /// Decimals for ``fixed(_:)`` and 10^precision.
    @usableFromInline let precision: Int
    @usableFromInline let scale: Double

    init(precision: Int = 6, capacity: Int = 1 << 16) {
        self.capacity = capacity
        self.precision = precision
        var s = 1.0
        for _ in 0..<precision { s *= 10 }
        scale = s
        allocated = capacity + 4096
        storage = .allocate(capacity: allocated)
    }

    @inlinable
    deinit {
        storage.deallocate()
    }

    var isFull: Bool { count >= capacity }

    /// Forgets the bytes written (keeping the memory).
    mutating func removeAll() { count = 0 }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func flush<S: ByteSink>(to sink: inout S) throws(ByteSinkError) {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    /// Makes room for `n` more bytes.
    @inlinable @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > allocated { grow(count + n) }
    }

    @usableFromInline
    mutating func grow(_ needed: Int) {
        let size = Swift.max(needed, allocated * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        allocated = size
    }

    @inlinable @inline(__always) mutating func byte(_ b: UInt8) {
        reserve(1)
        storage[count] = b
        count += 1
    }

    @inlinable @inline(__always) mutating func append(_ raw: UnsafeBufferPointer<UInt8>) {
        reserve(raw.count)
        if raw.count > 0 { copy(raw.baseAddress!, raw.count, to: storage + count) }
        count += raw.count
    }

    /// Copies `n` bytes (short runs without a call to memmove; the buffer has room).
    @inlinable @inline(__always)
    func copy(_ source: UnsafePointer<UInt8>, _ n: Int, to target: UnsafeMutablePointer<UInt8>) {
        ByteRuns.copy(source, n, to: target)
    }

    /// Writes `,"key":` (comma optional); keys needing escapes take the escaping path.
    @inlinable @inline(__always)
    mutating func key(_ key: UnsafeBufferPointer<UInt8>, comma: Bool) {
        reserve(key.count + 4)
        if comma {
            storage[count] = UInt8(ascii: ",")
            count += 1
        }
        if Self.needsEscape(key) {
            quoted(utf8: key)
            byte(UInt8(ascii: ":"))
        } else {
            storage[count] = UInt8(ascii: "\"")
            if key.count > 0 { copy(key.baseAddress!, key.count, to: storage + count + 1) }
            storage[count + 1 + key.count] = UInt8(ascii: "\"")
            storage[count + 2 + key.count] = UInt8(ascii: ":")
            count += key.count + 3
        }
    }

    /// Whether any byte is below 0x20, a quote or a backslash (eight bytes at a time).
    @inlinable @inline(__always)
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let n = utf8.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            let hit = ((w &- ones &* 0x20) & ~w & highs) | ((quote &- ones) & ~quote & highs)
                | ((backslash &- ones) & ~backslash & highs)
            if hit != 0 { return true }
            i += 8
        }
        while i < n {
            let b = base[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return true }
            i += 1
        }
        return false
    }

    @inlinable @inline(__always) mutating func ascii(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Writes a signed integer in decimal.
    @inlinable
    mutating func integer(_ value: Int64) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
            unsigned(value == .min ? UInt64(Int64.max) + 1 : UInt64(-value))
        } else {
            unsigned(UInt64(value))
        }
    }

    @inlinable
    mutating func unsigned(_ value: UInt64) {
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        reserve(digits)
        var v = value
        for i in stride(from: count + digits - 1, through: count, by: -1) {
            storage[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
            v /= 10
        }
        count += digits
    }

    /// Writes `value` rounded to `precision` decimals, trailing zeros trimmed (9.5, not 9.500000).
    /// Values too large for the fixed-point path use Swift's shortest representation.
    /// - Precondition: `value` is finite; `0...15 ~= precision`.
    @usableFromInline
    mutating func fixed(_ value: Double) {
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9.0e15 else {
            text("\(value)")
            return
        }
        var n = Int64(scaled)
        if n == 0 { byte(UInt8(ascii: "0")); return }
        if n < 0 { byte(UInt8(ascii: "-")); n = -n }
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
        reserve(decimals + 1)
        storage[count] = UInt8(ascii: ".")
        var f = fraction
        for i in stride(from: count + decimals, through: count + 1, by: -1) {
            storage[i] = UInt8(f % 10) + UInt8(ascii: "0")
            f /= 10
        }
        count += decimals + 1
    }

    /// Writes the UTF-8 of `s` as it is (no quoting).
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    /// Writes a JSON string literal with quotes, escaping quote, backslash and control characters.
    @usableFromInline
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { quoted(utf8: $0) }
    }

    /// Writes UTF-8 bytes as a JSON string literal with quotes.
    @inlinable @inline(__always)
    mutating func quoted(utf8: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        escaped(utf8: utf8)
        byte(UInt8(ascii: "\""))
    }

    /// Writes the UTF-8 of `s` escaped for the inside of a JSON string literal (no quotes).
    @usableFromInline
    mutating func escaped(_ s: String) {
        var s = s
        s.withUTF8 { escaped(utf8: $0) }
    }

    /// Writes UTF-8 bytes escaped for the inside of a JSON string literal (no quotes): quote,
    /// backslash and control characters are escaped, everything else is copied in runs.
    @usableFromInline
    mutating func escaped(utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress, utf8.count > 0 else { return }
        reserve(utf8.count + 2)
        if !Self.needsEscape(utf8) {
            copy(base, utf8.count, to: storage + count)
            count += utf8.count
            return
        }
        var runStart = 0
        var i = 0
        let n = utf8.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            if i + 8 <= n {
                // Eight bytes at once: any byte below 0x20, equal to '"' or equal to '\\'?
                // (the classic "has less" / "has zero byte" tests, exact for existence).
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
                let hit = ((w &- ones &* 0x20) & ~w & highs) | ((quote &- ones) & ~quote & highs)
                    | ((backslash &- ones) & ~backslash & highs)
                if hit == 0 { i += 8; continue }
            }
            let b = base[i]
            i += 1
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            append(UnsafeBufferPointer(rebasing: utf8[runStart..<(i - 1)]))
            runStart = i
            switch b {
            case 0x22: ascii("\\\"")
            case 0x5C: ascii("\\\\")
            case 0x0A: ascii("\\n")
            case 0x0D: ascii("\\r")
            case 0x09: ascii("\\t")
            case 0x08: ascii("\\b")
            case 0x0C: ascii("\\f")
            default:
                let hex: StaticString = "0123456789abcdef"
                ascii("\\u00")
                byte(hex.utf8Start[Int(b >> 4)])
                byte(hex.utf8Start[Int(b & 0xF)])
            }
        }
        append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
}

/// Copying of the short byte runs JSON output is made of.
public enum ByteRuns {
    /// Copies `n` bytes from `source` to `target` (regions apart, `target` has room): runs of up to
    /// 32 bytes eight at a time without a call to memmove.
    @inlinable @inline(__always)
    public static func copy(_ source: UnsafePointer<UInt8>, _ n: Int, to target: UnsafeMutablePointer<UInt8>) {
        if n > 32 {
            target.update(from: source, count: n)
            return
        }
        var i = 0
        while i + 8 <= n {
            UnsafeMutableRawPointer(target + i).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self), as: UInt64.self)
            i += 8
        }
        while i < n {
            target[i] = source[i]
            i += 1
        }
    }
}
