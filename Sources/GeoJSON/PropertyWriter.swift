/// Appends the members of one feature's `properties` object straight into a ``GeoJSONWriter``'s
/// output buffer: no ``JSONMember`` or ``JSONValue`` is built, keys are static strings, and text is
/// escaped byte by byte as it is copied. The output is byte-identical to writing the same members
/// through ``GeoJSONWriter/write(_:)``.
///
/// ```swift
/// try writer.writePointFeature(id: .string("f1"), point: c) { p in
///     p.string("name", "Hals Forsamlingshus")
///     p.integer("capacity", 120)
///     p.bool("open_now", nil)   // null
/// }
/// ```
/// - Complexity: O(bytes written) per member; no heap allocation.
public struct PropertyWriter: ~Copyable {
    @usableFromInline var out: OutputBuffer
    @usableFromInline var members = 0

    init(out: consuming OutputBuffer) {
        self.out = out
    }

    /// Starts the properties object.
    @inlinable
    mutating func begin() {
        members = 0
        out.byte(UInt8(ascii: "{"))
    }

    /// Ends the properties object.
    @inlinable
    mutating func end() {
        out.byte(UInt8(ascii: "}"))
    }

    @inlinable @inline(__always)
    mutating func key(_ key: StaticString) {
        out.key(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount), comma: members > 0)
        members += 1
    }

    /// Appends `count` members already encoded as `"key":value,"key":value` (the bytes of
    /// ``encodedMembers(precision:_:)``), as writing them one by one would.
    @inlinable
    public mutating func encoded(_ bytes: UnsafeBufferPointer<UInt8>, members count: Int) {
        guard count > 0 else { return }
        if members > 0 { out.byte(UInt8(ascii: ",")) }
        out.append(bytes)
        members += count
    }

    /// Bytes written so far (in ``encodedMembers(precision:_:)``, one more than the returned bytes:
    /// the opening brace is dropped there).
    public var byteCount: Int { out.count }

    /// Members written so far.
    public var memberCount: Int { members }

    /// The bytes `body` writes as the members of an otherwise empty properties object (without the
    /// braces), for ``encoded(_:members:)``; also returns the number of members.
    public static func encodedMembers(precision: Int = 6, _ body: (inout PropertyWriter) -> Void) -> (bytes: [UInt8], members: Int) {
        var p = PropertyWriter(out: OutputBuffer(precision: precision, capacity: 256))
        p.begin()
        body(&p)
        let bytes = Array(p.out.bytes.dropFirst())
        return (bytes, p.members)
    }

    /// A writer of its own, for encoders that take its output apart member by member: start each
    /// run with ``reset()`` and read it with ``withBytes(_:)``. The buffer is kept between runs.
    public init(precision: Int = 6) {
        self.init(out: OutputBuffer(precision: precision, capacity: 1024))
        begin()
    }

    /// Forgets what was written and starts an empty properties object again.
    @inlinable
    public mutating func reset() {
        out.count = 0
        begin()
    }

    /// Calls `body` with the bytes written since the last ``reset()`` (the opening brace first).
    public func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try body(out.bytes)
    }

    /// A string member whose text is given already escaped for the inside of a JSON string (bytes
    /// taken from a string this writer wrote, without their quotes): written between quotes as is.
    @inlinable
    public mutating func escapedString(_ key: StaticString, _ escaped: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        out.reserve(escaped.count + 2)
        out.byte(UInt8(ascii: "\""))
        out.append(escaped)
        out.byte(UInt8(ascii: "\""))
    }

    /// Appends `count` members that `body` writes straight into the buffer, as `"key":value`
    /// separated by commas (no leading comma): `body` gets room for `capacity` bytes and returns
    /// how many it wrote (at most `capacity`). For renderers of pre-encoded members.
    @inlinable
    public mutating func rawMembers(count: Int, capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard count > 0 else { return }
        out.reserve(capacity + 1)
        if members > 0 {
            out.storage[out.count] = UInt8(ascii: ",")
            out.count += 1
        }
        let written = body(out.storage + out.count)
        precondition(written <= capacity, "a renderer wrote past the room it asked for")
        out.count += written
        members += count
    }

    /// A string member; nil writes `null`.
    @inlinable
    public mutating func string(_ key: StaticString, _ value: String?) {
        self.key(key)
        if let value { out.string(value) } else { out.ascii("null") }
    }

    /// A string member from UTF-8 bytes (for example a database column, copied without making a
    /// `String`); nil writes `null`.
    @inlinable
    public mutating func string(_ key: StaticString, utf8 value: UnsafeBufferPointer<UInt8>?) {
        self.key(key)
        if let value { out.quoted(utf8: value) } else { out.ascii("null") }
    }

    /// An integer member; nil writes `null`.
    @inlinable
    public mutating func integer(_ key: StaticString, _ value: Int?) {
        self.key(key)
        if let value { out.integer(Int64(value)) } else { out.ascii("null") }
    }

    /// A boolean member; nil writes `null`.
    @inlinable
    public mutating func bool(_ key: StaticString, _ value: Bool?) {
        self.key(key)
        if let value { value ? out.ascii("true") : out.ascii("false") } else { out.ascii("null") }
    }

    /// A member whose value is already encoded JSON (a value taken from ``encodedMembers(precision:_:)``
    /// output, for instance); the caller guarantees `value` is one complete JSON value.
    @inlinable
    public mutating func encodedValue(_ key: StaticString, _ value: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        out.append(value)
    }

    /// A `null` member.
    @inlinable
    public mutating func null(_ key: StaticString) {
        self.key(key)
        out.ascii("null")
    }

    /// Starts a string member assembled from pieces: follow with ``piece(_:)-(String)`` calls and
    /// ``endString()``. Each piece is escaped as it is copied (for joined lists without a temporary string).
    @inlinable
    public mutating func beginString(_ key: StaticString) {
        self.key(key)
        out.byte(UInt8(ascii: "\""))
    }

    /// Appends text (escaped) to the string begun with ``beginString(_:)``.
    public mutating func piece(_ text: String) {
        out.escaped(text)
    }

    /// Appends UTF-8 bytes (escaped) to the string begun with ``beginString(_:)``; the caller
    /// guarantees they are well-formed UTF-8.
    @inlinable
    public mutating func piece(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        out.escaped(utf8: bytes)
    }

    /// Appends static text (escaped) to the string begun with ``beginString(_:)``.
    public mutating func piece(_ text: StaticString) {
        out.escaped(utf8: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends an integer in decimal to the string begun with ``beginString(_:)``.
    @inlinable
    public mutating func piece(_ value: Int) {
        out.integer(Int64(value))
    }

    /// Ends the string begun with ``beginString(_:)``.
    @inlinable
    public mutating func endString() {
        out.byte(UInt8(ascii: "\""))
    }
}
