package import Facilities
package import PostgresStore
package import Store

/// A writer of one point layer in chunks, inside the backend's write transaction: SpatiaLite's
/// ``PointLayerWriter`` (rows bound by index, per-row triggers set aside for the batch) or
/// PostgreSQL's ``PostgresPointLayerWriter`` (one COPY per chunk), behind one face, so that every
/// point-layer import streams through ``PointLayerImport`` on both stores.
package struct PointLayerSink<Row> {
    /// Writes a chunk and returns each row's outcome, in order.
    package let add: ([Row]) throws -> [PointRowOutcome]
    /// Completes the batch (spatial index, restored triggers or keys): call once, after the last
    /// chunk. Returns the ids the store found repeated across chunks (PostgreSQL's key build; `add`
    /// reported those rows as inserted), for the caller to refuse and name.
    package let finish: () throws -> RepeatedIDs
    /// Ends the batch on an error path, before the transaction rolls back: call instead of `finish`.
    package let cancel: () -> Void

    init(_ writer: PointLayerWriter<Row>) {
        (add, finish, cancel) = ({ rows in try writer.add(rows) }, { try writer.finish(); return RepeatedIDs() }, {})
    }

    init(_ writer: PostgresPointLayerWriter<Row>) {
        (add, finish, cancel) = (writer.add, writer.finish, writer.abandon)
    }
}

/// A point layer, and how each store opens its chunked writer for it (`replace`, and the number of
/// rows when the file fits one chunk, else `Int.max`: small batches keep per-row upkeep).
package struct PointLayerTarget<Row> {
    let spatiaLite: (OverblikStore, Bool, Int) throws -> PointLayerWriter<Row>
    let postgres: (PostgresStore, Bool, Int) throws -> PostgresPointLayerWriter<Row>
}

extension PointLayerTarget where Row == Facility {
    static var facilities: Self { Self(spatiaLite: { try $0.facilityWriter(replace: $1, expectedRows: $2) },
                                       postgres: { try $0.facilityWriter(replace: $1, expectedRows: $2) }) }
}

extension PointLayerTarget where Row == Settlement {
    static var settlements: Self { Self(spatiaLite: { try $0.settlementWriter(replace: $1, expectedRows: $2) },
                                        postgres: { try $0.settlementWriter(replace: $1, expectedRows: $2) }) }
}

extension PointLayerTarget where Row == PopulationPoint {
    static var population: Self { Self(spatiaLite: { try $0.populationWriter(replace: $1, expectedRows: $2) },
                                       postgres: { try $0.populationWriter(replace: $1, expectedRows: $2) }) }
}

/// The chunked point-layer writer of a store (see ``PointLayerSink``).
package protocol PointLayerBackend {
    func pointSink<Row>(_ target: PointLayerTarget<Row>, replace: Bool, expectedRows: Int) throws -> PointLayerSink<Row>
}

extension OverblikStore: PointLayerBackend {
    package func pointSink<Row>(_ target: PointLayerTarget<Row>, replace: Bool, expectedRows: Int) throws -> PointLayerSink<Row> {
        PointLayerSink(try target.spatiaLite(self, replace, expectedRows))
    }
}

extension PostgresStore: PointLayerBackend {
    package func pointSink<Row>(_ target: PointLayerTarget<Row>, replace: Bool, expectedRows: Int) throws -> PointLayerSink<Row> {
        PointLayerSink(try target.postgres(self, replace, expectedRows))
    }
}
