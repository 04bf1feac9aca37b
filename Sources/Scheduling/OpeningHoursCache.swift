/// Parses each distinct opening_hours text once: the one memo every use case shares, so that a
/// rule is compiled once per question however many rooms carry it.
///
/// ```swift
/// var cache = OpeningHoursCache()
/// let hours = cache.hours("Mo-Fr 17:00-22:00")   // parsed
/// let again = cache.hours("Mo-Fr 17:00-22:00")   // the same value, not parsed again
/// ```
/// Texts that do not parse are remembered too (with their error), so a bad rule costs one parse.
public struct OpeningHoursCache {
    private var results: [String: Result<OpeningHours, OpeningHoursError>] = [:]
    /// Entries kept before the cache starts afresh; bounds memory when almost every room has its own text.
    public let limit: Int

    /// Creates an empty cache that holds at most `limit` distinct texts.
    public init(limit: Int = 65_536) { self.limit = max(1, limit) }

    /// The number of distinct texts held.
    public var count: Int { results.count }

    /// The parse of `text`: the compiled rule or the parser's error.
    /// - Complexity: one parse per distinct text (until the cache is full), then a dictionary lookup.
    public mutating func parse(_ text: String) -> Result<OpeningHours, OpeningHoursError> {
        if let known = results[text] { return known }
        let result = Result { () throws(OpeningHoursError) in try OpeningHours(parsing: text) }
        if results.count >= limit { results.removeAll(keepingCapacity: true) }
        results[text] = result
        return result
    }

    /// The compiled rule of `text`, or nil when `text` is nil or does not parse.
    public mutating func hours(_ text: String?) -> OpeningHours? {
        guard let text else { return nil }
        return try? parse(text).get()
    }
}
