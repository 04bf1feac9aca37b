/// An axis-aligned rectangle in the plane of some vertices (minX...maxX, minY...maxY).
public struct Envelope: Hashable, Sendable, CustomStringConvertible {
    /// Smallest x (west / left).
    public var minX: Double
    /// Smallest y (south / bottom).
    public var minY: Double
    /// Largest x (east / right).
    public var maxX: Double
    /// Largest y (north / top).
    public var maxY: Double

    /// Creates an envelope from its corners; no ordering check.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest envelope around `points`, or nil for none.
    /// - Complexity: O(n).
    public init?<V: PolygonVertex>(of points: some Sequence<V>) {
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity
        var any = false
        for p in points {
            any = true
            minX = Swift.min(minX, p.x); maxX = Swift.max(maxX, p.x)
            minY = Swift.min(minY, p.y); maxY = Swift.max(maxY, p.y)
        }
        guard any else { return nil }
        self.init(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// Width along x.
    public var width: Double { maxX - minX }
    /// Height along y.
    public var height: Double { maxY - minY }

    /// Whether (x, y) lies inside or on the border.
    @inlinable
    public func contains(x: Double, y: Double) -> Bool {
        x >= minX && x <= maxX && y >= minY && y <= maxY
    }

    /// Whether the two envelopes share at least one point.
    public func intersects(_ other: Envelope) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The smallest envelope around both.
    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                 maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// This envelope grown by `margin` on every side.
    public func expanded(by margin: Double) -> Envelope {
        Envelope(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    /// The envelope as a closed counter-clockwise ring of five vertices.
    public func ring<V: PolygonVertex>(as _: V.Type = V.self) -> [V] {
        [V(x: minX, y: minY), V(x: maxX, y: minY), V(x: maxX, y: maxY), V(x: minX, y: maxY), V(x: minX, y: minY)]
    }

    public var description: String { "[\(minX), \(minY) ... \(maxX), \(maxY)]" }
}
