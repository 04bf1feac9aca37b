/// Decodes the content of one .shp record.
struct ShapeDecoder {
    let bytes: [UInt8]
    let file: String
    let record: Int

    private func fail(_ message: String) -> ShapefileError {
        ShapefileError(.badRecord(message), file: file, record: record)
    }

    /// The point at `offset`; NaN and infinite coordinates are refused (they are not "no data").
    private func point(at offset: Int) throws(ShapefileError) -> ShapePoint {
        let p = ShapePoint(x: bytes.doubleLE(offset), y: bytes.doubleLE(offset + 8))
        guard p.x.isFinite && p.y.isFinite else {
            throw fail("point \((offset - 4) / 16) has a coordinate that is not a finite number (x \(p.x), y \(p.y))")
        }
        return p
    }

    /// ESRI writes "no data" as a value below -1e38.
    private func isNoData(_ p: ShapePoint) -> Bool {
        p.x < -1e38 || p.y < -1e38
    }

    /// The geometry, or nil for a null or empty shape.
    func decode() throws(ShapefileError) -> ShapeGeometry? {
        let raw = bytes.int32LE(0)
        guard let type = ShapeType(rawValue: raw) else { throw ShapefileError(.unsupportedShapeType(raw), file: file, record: record) }
        switch type.base {
        case .null:
            return nil
        case .point:
            guard bytes.count >= 20 else { throw fail("Point needs 20 bytes, has \(bytes.count)") }
            let p = try point(at: 4)
            return isNoData(p) ? nil : .point(p)
        case .multiPoint:
            guard bytes.count >= 40 else { throw fail("MultiPoint header cut short") }
            let count = Int(bytes.int32LE(36))
            guard count >= 0, 40 + count * 16 <= bytes.count else { throw fail("MultiPoint of \(count) points does not fit in \(bytes.count) bytes") }
            var points: [ShapePoint] = []
            for i in 0..<count {
                let p = try point(at: 40 + i * 16)
                if !isNoData(p) { points.append(p) }
            }
            return points.isEmpty ? nil : .multiPoint(points)
        case .polyLine, .polygon:
            guard bytes.count >= 44 else { throw fail("\(type) header cut short") }
            let partCount = Int(bytes.int32LE(36)), pointCount = Int(bytes.int32LE(40))
            guard partCount >= 0, pointCount >= 0, 44 + partCount * 4 + pointCount * 16 <= bytes.count else {
                throw fail("\(partCount) parts and \(pointCount) points do not fit in \(bytes.count) bytes")
            }
            if partCount == 0 || pointCount == 0 { return nil }
            let starts = (0..<partCount).map { Int(bytes.int32LE(44 + $0 * 4)) }
            let pointsAt = 44 + partCount * 4
            var parts: [[ShapePoint]] = []
            for (i, start) in starts.enumerated() {
                let end = i + 1 < partCount ? starts[i + 1] : pointCount
                guard start >= 0, start <= end, end <= pointCount else { throw fail("part \(i) spans points \(start)..<\(end) of \(pointCount)") }
                var part: [ShapePoint] = []
                part.reserveCapacity(end - start)
                for k in start..<end { part.append(try point(at: pointsAt + k * 16)) }
                parts.append(part)
            }
            if type.base == .polyLine { return .polyLine(parts) }
            let polygons = ShapeGeometry.groupRings(parts)
            return polygons.isEmpty ? nil : .polygon(polygons)
        default:
            throw ShapefileError(.unsupportedShapeType(raw), file: file, record: record)
        }
    }
}
