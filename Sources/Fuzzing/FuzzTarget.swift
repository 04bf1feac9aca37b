/// What one execution of a fuzz target did with an input.
public enum FuzzOutcome: Sendable, Equatable {
    /// The input was valid; `signature` is a coarse label of what it was (feeds corpus novelty).
    case accepted(signature: String)
    /// The input was refused with a typed error whose description is `message`; `signature` is the
    /// error's kind without values (feeds corpus novelty).
    case rejected(signature: String, message: String)
    /// A broken invariant: a rejection without a message, an accepted value that contradicts itself,
    /// an error of an unexpected type. Always a bug.
    case violation(String)
}

/// A parser (or parser plus evaluator) under test, with its seed corpus and grammar dictionary.
///
/// `execute` must never crash or hang, whatever the bytes: it returns how the input ended and
/// checks the invariants of what was accepted.
public struct FuzzTarget: Sendable {
    /// Short name: `opening-hours`, `csv`, `geojson`.
    public var name: String
    /// Valid (or interesting) samples to start from.
    public var seeds: [[UInt8]]
    /// Mutation settings: grammar tokens and the largest input.
    public var mutator: Mutator
    /// Runs the code under test on one input.
    public var execute: @Sendable ([UInt8]) -> FuzzOutcome

    public init(name: String, seeds: [[UInt8]], mutator: Mutator, execute: @escaping @Sendable ([UInt8]) -> FuzzOutcome) {
        self.name = name
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.mutator = mutator
        self.execute = execute
    }

    /// The error's kind without its payload: `wrongFieldCount(expected: 3, found: 2)` -> `wrongFieldCount`.
    static func signature(of kind: Any) -> String {
        let text = String(describing: kind)
        return String(text.prefix { $0 != "(" })
    }

    /// A rejection, or a violation when the error says nothing.
    static func rejection(_ signature: String, _ message: String) -> FuzzOutcome {
        message.trimmingCharacters(in: .whitespaces).isEmpty
            ? .violation("\(signature): rejected without a message")
            : .rejected(signature: signature, message: message)
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> Substring {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return s
    }
}

private extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t", "\n", "\r"]
}
