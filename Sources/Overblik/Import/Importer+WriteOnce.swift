import Foundation
import Store

extension Overblik {
    /// The smallest file (bytes) whose import into an empty point layer writes the store once
    /// (see ``writingOnceIfFilling(_:from:replace:_:)``): about 7 500 rows of a typical CSV. Below
    /// it the switches of journal mode cost more than the second write they save.
    static let writeOnceMinimumBytes = 1 << 20

    /// The point layers whose import into an empty layer writes the store once, and their tables.
    static let writeOnceTables: [ImportLayer: String] = [.facilities: "facilities", .population: "population", .settlements: "settlements"]

    /// Runs `body`, the write transaction of a point-layer import, with a rollback journal instead
    /// of the write-ahead log (``Database/writingOnce(_:)``) when it fills an empty point layer (``writeOnceTables``)
    /// of a SpatiaLite store from a file of at least ``writeOnceMinimumBytes`` without `--replace`:
    /// the new pages (rows, stored features, indexes) are then written to the file once, instead
    /// of into the log and again at the checkpoint. Only when no other connection has the store
    /// open (a server, another command); else, and for every other import, `body` runs as always.
    /// Atomicity is SQLite's either way: a failure rolls the transaction back from the journal.
    func writingOnceIfFilling<T>(_ layer: ImportLayer, from path: String, replace: Bool, _ body: () throws -> T) throws -> T {
        guard let table = Self.writeOnceTables[layer], !replace, let store = sqlite,
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size >= Self.writeOnceMinimumBytes,
              try store.database.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table))")?.int == 1 else {
            return try body()
        }
        return try store.database.writingOnce(body).result
    }
}
