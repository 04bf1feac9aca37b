import Foundation
import NIOCore
import PostgresNIO

/// A large batch into an empty point layer, loaded beside the layer and swapped in (issue 21's
/// import speed; the way imposm and osm2pgsql deploy a fresh import).
///
/// Inside one transaction PostgreSQL builds a table's indexes one after the other, on one core,
/// after the last row: at 1 000 000 points the primary key took 0.3-0.5 s, the GiST index 1.6 s
/// and population's `seq` b-tree 0.3-0.4 s, beside a COPY of 1.1-1.2 s. Rows another connection
/// cannot see cannot be indexed there. So the rows go into a new table (`overblik_load_LAYER_…`,
/// the layer's columns, defaults, checks and generated geometry) over two loading connections,
/// each COPY on its own core and committed on its own; then the GiST index is built on one of
/// them while the other builds the key and the remaining indexes; then the import's transaction
/// swaps the loaded table in for the empty layer (drop, rename, key, index names, triggers,
/// foreign keys, grants, owner, comment) and commits it with the rest of the import.
///
/// What holds, as with the load into the layer itself:
/// - The import lands whole or not at all: the layer changes only in the import's transaction.
///   A failure or a rollback drops the loaded table (``close(committed:)``); one left by a process
///   that died is dropped by the next bulk load (its loader's advisory lock is gone).
/// - No other writer or reader comes between: the layer is locked against writers (`SHARE ROW
///   EXCLUSIVE`) while the loaded table is made from it (`LIKE`, which reads it), then against
///   everyone (`ACCESS EXCLUSIVE`), as the in-place load locks it, until the import commits. (Taking
///   the second lock only at the swap would let readers go on during the load, but a transaction
///   that read the layer and then waits to write it would deadlock with the swap, after the load.)
/// - Ids repeated across chunks are found by the key's unique index and returned for the caller
///   to name, as the in-place load does.
///
/// Only a layer that nothing else hangs on is staged (``PostgresStore/stagePlan(of:)``): nothing
/// depends on it or its row type but its own parts and the keys that refer to it (no views, rules,
/// functions, policies, statistics, publications), no publication of all tables or of its schema,
/// no inheritance, row-level security, column grants, identity columns, unique indexes or
/// constraints other than its key and checks, deferrable key, disabled triggers, comments on its
/// indexes or triggers, TOAST options, tablespace or replica identity of its own, not unlogged, and
/// no default privileges of the importing role for new tables. Any of those, no right to create
/// tables in its schema, not a member of its owner's role, or no second connection, and the batch
/// loads in place.
final class PostgresBulkStage {
    /// What the layer carries that the loaded table must carry too.
    struct Plan {
        /// The layer's schema and name, quoted.
        var schema: String
        var qualified: String
        /// The primary key: its name (quoted) and its index's `CREATE UNIQUE INDEX` statement after
        /// `USING` (method, columns, options), the part that holds for the loaded table too.
        var key: (name: String, using: String)
        /// Every other index: its name (quoted), its statement after `USING`, and whether it is GiST.
        var indexes: [(name: String, using: String, gist: Bool)]
        /// `CREATE TRIGGER` statements of its triggers, which name the layer (run after the rename).
        var triggers: [String]
        /// Foreign keys of other tables that refer to it (table, name, definition).
        var referencing: [(table: String, name: String, definition: String)]
        /// Sequences owned by its columns (a `bigserial`): sequence and column, quoted.
        var sequences: [(sequence: String, column: String)]
        /// The layer's own grants (grantee quoted, or PUBLIC; privilege; with grant option), or nil
        /// when it has the default privileges (the loaded table then has them too).
        var grants: [(grantee: String, privilege: String, grantable: Bool)]?
        var owner: String
        var ownerIsCurrentUser: Bool
        /// The table's comment as an SQL literal.
        var comment: String?
        /// Storage parameters (`fillfactor=70, ...`).
        var options: String?
        /// The import's search path, under which the index statements were printed (the loaders
        /// put the layer's schema first, for the COPY).
        var searchPath: String
    }

    /// The advisory lock class of loaded tables (with the table's oid in the low 32 bits).
    static let lockClass: Int64 = 7_270_212

    private let store: PostgresStore
    private let table: String
    private let plan: Plan
    /// The loaded table's name (unquoted) and qualified (quoted) name.
    private let name: String
    private let loaded: String
    private var loaders: [PostgresConnection] = []
    private var streams: [CopyStream?]
    private var nextStream = 0
    /// Indexes built on the loaded table, named for it, renamed by the swap: (built, final) names.
    private var renames: [(built: String, final: String)] = []
    private let keyIndex: String
    private var closed = false
    /// Whether ``swap()`` ran: after a commit the loaded table is the layer.
    private var swapped = false

    /// Creates the loaded table, with `columns` of `table` to come by COPY, over two new connections.
    /// - Throws: ``PostgresStoreError``.
    init(store: PostgresStore, table: String, plan: Plan, columns: [String]) throws {
        (self.store, self.table, self.plan) = (store, table, plan)
        let tag = String(UInt64.random(in: 0..<(1 << 40)), radix: 36)
        name = "overblik_load_\(table)_\(tag)"
        loaded = "\(plan.schema).\(name)"
        keyIndex = "\(name)_key"
        streams = [nil, nil]
        store.afterTransaction { [self] committed in close(committed: committed) }
        for id in 0..<2 {
            loaders.append(try PostgresStore.connect(store.configuration, id: 100 + id, path: store.path, bridge: store.bridge, logger: store.logger))
        }
        try dropAbandoned()
        let options = plan.options.map { " WITH (\($0))" } ?? ""
        try run(on: 0, [
            "BEGIN",
            "CREATE TABLE \(loaded) (LIKE \(plan.qualified) INCLUDING ALL EXCLUDING INDEXES EXCLUDING IDENTITY)\(options)",
            // Held by this session until it ends: another loader's clean-up leaves the table alone.
            "SELECT pg_advisory_lock((\(Self.lockClass)::bigint << 32) | '\(loaded)'::regclass::oid::bigint)",
            "COMMIT",
        ])
        // Sorting memory and no parallel workers on the loaders: the two builds already take both cores.
        for i in 0..<2 { try run(on: i, [PostgresStore.raisingMaintenanceMemory(local: false)]) }
        try run(on: 1, ["SET max_parallel_maintenance_workers = 0"])
        // postgres-nio quotes the COPY's table name whole: the loaders find it by their search path.
        for i in 0..<2 {
            var binds = PostgresBindings()
            binds.append(plan.schema + ", " + plan.searchPath)
            _ = try rows(on: i, "SELECT set_config('search_path', $1, false)", binds)
            streams[i] = try CopyStream(store: store, connection: loaders[i], table: name, columns: columns)
        }
    }

    /// Sends `buffers` (whole rows) to the next loading connection's COPY.
    func send(_ buffers: [ByteBuffer]) throws {
        defer { nextStream = (nextStream + 1) % streams.count }
        try namingTheLayer { try streams[nextStream]?.send(buffers) }
    }

    /// Ends the COPYs and builds the key and indexes, the GiST ones on one connection and the rest
    /// on the other at the same time. Returns the ids the key found repeated (then nothing is
    /// swapped in: the caller refuses the batch and its rollback drops the loaded table).
    func build() throws -> RepeatedIDs {
        try namingTheLayer { try buildIndexes() }
    }

    /// Runs `body`, naming the layer instead of the loaded table in the server's refusals
    /// ("new row for relation \"population\" violates check constraint ...").
    private func namingTheLayer<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch PostgresStoreError.server(let database, let state, let message) {
            throw PostgresStoreError.server(database: database, sqlState: state,
                                            message: message.replacingOccurrences(of: "\"\(name)\"", with: "\"\(table)\""))
        }
    }

    private func buildIndexes() throws -> RepeatedIDs {
        for i in streams.indices {
            defer { streams[i] = nil }
            try streams[i]?.finish()
        }
        var gist: [String] = [], other: [String] = []
        renames = []
        for (i, index) in plan.indexes.enumerated() {
            let built = "\(name)_\(i)"
            renames.append((built, index.name))
            let statement = "CREATE INDEX \(built) ON \(loaded) USING \(index.using)"
            if index.gist { gist.append(statement) } else { other.append(statement) }
        }
        let (connection, logger, path, gistStatements) = (loaders[0], store.logger, store.path, gist)
        let gistBuilt = try store.bridge.launch {
            for sql in gistStatements { _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect() }
        }
        // Waited for once on every path (the bridge's outcome is taken once).
        func waitForGiST() throws { try PostgresStore.mapping(path) { try gistBuilt() } }
        var repeated = RepeatedIDs()
        do {
            do {
                try run(on: 1, ["CREATE UNIQUE INDEX \(keyIndex) ON \(loaded) USING \(plan.key.using)"])
            } catch PostgresStoreError.server(_, "23505"?, _) {
                repeated = try repeats()
            }
            if repeated.total == 0 { try run(on: 1, other) }
        } catch {
            _ = try? waitForGiST()
            throw error
        }
        try waitForGiST()
        return repeated
    }

    /// Swaps the loaded table in for the empty layer, in the store's transaction (call after
    /// ``build()`` found no repeats). The layer's catalogue trigger fires for it, as for any change.
    func swap() throws {
        for fk in plan.referencing { try store.execute("ALTER TABLE \(fk.table) DROP CONSTRAINT \(Self.quoted(fk.name))") }
        // The owner first: a sequence must have its table's owner to be owned by its column.
        if !plan.ownerIsCurrentUser { try store.execute("ALTER TABLE \(loaded) OWNER TO \(plan.owner)") }
        for s in plan.sequences { try store.execute("ALTER SEQUENCE \(s.sequence) OWNED BY \(loaded).\(s.column)") }
        try store.execute("DROP TABLE \(plan.qualified)")
        let unqualified = String(plan.qualified.dropFirst(plan.schema.count + 1))
        try store.execute("ALTER TABLE \(loaded) RENAME TO \(unqualified)")
        try store.execute("ALTER TABLE \(plan.qualified) ADD CONSTRAINT \(plan.key.name) PRIMARY KEY USING INDEX \(keyIndex)")
        for r in renames { try store.execute("ALTER INDEX \(plan.schema).\(r.built) RENAME TO \(r.final)") }
        for trigger in plan.triggers { try store.execute(trigger) }
        for fk in plan.referencing { try store.execute("ALTER TABLE \(fk.table) ADD CONSTRAINT \(Self.quoted(fk.name)) \(fk.definition)") }
        if let grants = plan.grants {
            // Exactly the layer's privileges: none but those granted again (the owner's included).
            try store.execute("REVOKE ALL ON \(plan.qualified) FROM PUBLIC, \(plan.owner)")
            for g in grants {
                try store.execute("GRANT \(g.privilege) ON \(plan.qualified) TO \(g.grantee)\(g.grantable ? " WITH GRANT OPTION" : "")")
            }
        }
        if let comment = plan.comment { try store.execute("COMMENT ON TABLE \(plan.qualified) IS \(comment)") }
        // A statement on the new table, so that its catalogue trigger (if it has one) raises the
        // generation and sends the notice, as for any other change of the layer.
        try store.execute("DELETE FROM \(plan.qualified) WHERE false")
        swapped = true
    }

    /// Ends the COPYs on an error path (the caller rolls back, which drops the loaded table).
    func abandon() {
        for i in streams.indices {
            streams[i]?.abandon()
            streams[i] = nil
        }
    }

    /// After the import's transaction: drops the loaded table unless the commit swapped it in,
    /// and closes the loading connections, which frees the lock on it.
    func close(committed: Bool) {
        guard !closed else { return }
        closed = true
        abandon()
        if !(committed && swapped), !loaders.isEmpty { try? run(on: 0, ["DROP TABLE IF EXISTS \(loaded)"]) }
        let (bridge, loaders) = (store.bridge, loaders)
        self.loaders = []
        for connection in loaders { _ = try? bridge.run { try await connection.close() } }
    }

    deinit { close(committed: false) }

    // MARK: Helpers

    /// The ids the key's index found repeated in the loaded table.
    private func repeats() throws -> RepeatedIDs {
        let queries = PostgresStore.repeatQueries(in: loaded)
        var repeated = RepeatedIDs()
        repeated.total = Int(try rows(on: 1, queries.total).first.flatMap { try Cells($0).int(0) } ?? 0)
        for row in try rows(on: 1, queries.ids) { repeated.ids.insert(try Cells(row).string(0)) }
        return repeated
    }

    /// Drops loaded tables of this layer's schema whose loader is gone (its advisory lock is free).
    private func dropAbandoned() throws {
        var binds = PostgresBindings()
        binds.append(plan.schema)
        let found = try rows(on: 0, """
            SELECT c.oid::bigint, quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND c.relname LIKE 'overblik\\_load\\_%' AND quote_ident(n.nspname) = $1
            """, binds)
        for row in found {
            let cells = Cells(row)
            guard let oid = try cells.int(0) else { continue }
            let lock = "(\(Self.lockClass)::bigint << 32) | \(oid)"
            let free = try rows(on: 0, "SELECT pg_try_advisory_lock(\(lock))")
            guard try free.first.flatMap({ try Cells($0).bool(0) }) == true else { continue }
            // One this role may not drop (another role's) stays for that role's next load.
            try? run(on: 0, ["DROP TABLE IF EXISTS \(try cells.string(1))"])
            try run(on: 0, ["SELECT pg_advisory_unlock(\(lock))"])
        }
    }

    private func run(on loader: Int, _ statements: [String]) throws {
        for statement in statements { _ = try rows(on: loader, statement) }
    }

    private func rows(on loader: Int, _ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        let connection = loaders[loader], logger = store.logger
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try PostgresStore.mapping(store.path) {
            try store.bridge.run { try await connection.query(query, logger: logger).collect() }
        }
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PostgresStore {
    /// What a staged bulk load of `table` must carry over (see ``PostgresBulkStage``), or nil when
    /// the layer has something a swap would not keep: then the batch loads in place.
    func stagePlan(of table: String) throws -> PostgresBulkStage.Plan? {
        var binds = PostgresBindings()
        binds.append(table)
        guard let head = try query("""
            SELECT quote_ident(n.nspname), quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                   quote_ident(pg_get_userbyid(c.relowner)), pg_get_userbyid(c.relowner) = current_user,
                   quote_literal(obj_description(c.oid, 'pg_class')), array_to_string(c.reloptions, ', '), c.relacl IS NULL,
                   current_setting('search_path')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = $1::regclass AND c.relkind = 'r' AND c.relpersistence = 'p' AND NOT c.relispartition
              AND NOT c.relrowsecurity AND c.reltablespace = 0 AND c.relreplident = 'd' AND has_schema_privilege(n.oid, 'CREATE')
              AND pg_has_role(c.relowner, 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = c.oid OR inhparent = c.oid)
              -- Nothing else depends on the table or its row type (views, rules, functions, policies,
              -- publications, statistics, columns of its type) but its own parts and the keys that refer to it.
              AND NOT EXISTS (
                SELECT 1 FROM pg_depend d
                WHERE ((d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid)
                       OR (d.refclassid = 'pg_type'::regclass AND d.refobjid = c.reltype))
                  AND d.deptype IN ('n', 'a')
                  AND NOT (d.classid = 'pg_attrdef'::regclass AND d.objid IN (SELECT oid FROM pg_attrdef WHERE adrelid = c.oid))
                  AND NOT (d.classid = 'pg_constraint'::regclass
                           AND d.objid IN (SELECT oid FROM pg_constraint WHERE conrelid = c.oid OR confrelid = c.oid))
                  AND NOT (d.classid = 'pg_trigger'::regclass AND d.objid IN (SELECT oid FROM pg_trigger WHERE tgrelid = c.oid))
                  AND NOT (d.classid = 'pg_class'::regclass AND d.objid IN (SELECT indexrelid FROM pg_index WHERE indrelid = c.oid))
                  AND NOT (d.classid = 'pg_class'::regclass AND d.deptype = 'a'
                           AND d.objid IN (SELECT oid FROM pg_class WHERE relkind = 'S')))
              -- Publications of all tables or of the schema would publish the loaded table too.
              AND NOT EXISTS (SELECT 1 FROM pg_publication WHERE puballtables)
              AND NOT EXISTS (SELECT 1 FROM pg_publication_namespace WHERE pnnspid = n.oid)
              -- Default privileges of the importing role would widen the loaded table's.
              AND NOT EXISTS (SELECT 1 FROM pg_default_acl WHERE defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                              AND defaclobjtype = 'r' AND defaclnamespace IN (0, n.oid))
              AND NOT EXISTS (SELECT 1 FROM pg_class t WHERE t.oid = c.reltoastrelid AND t.reloptions IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = c.oid AND contype = 'p' AND condeferrable)
              AND NOT EXISTS (SELECT 1 FROM pg_description WHERE classoid = 'pg_class'::regclass
                              AND objoid IN (SELECT indexrelid FROM pg_index WHERE indrelid = c.oid))
              AND NOT EXISTS (SELECT 1 FROM pg_description WHERE classoid = 'pg_trigger'::regclass
                              AND objoid IN (SELECT oid FROM pg_trigger WHERE tgrelid = c.oid))
              AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                              AND (a.attacl IS NOT NULL OR a.attidentity <> ''))
              AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal AND tgenabled <> 'O')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = c.oid AND contype NOT IN ('p', 'c'))
              AND NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = c.oid AND indisunique AND NOT indisprimary)
            """, binds).first.map(Cells.init) else { return nil }
        let schema = try head.string(0), qualified = try head.string(1)
        guard let key = try query("""
            SELECT quote_ident(conname), pg_get_indexdef(conindid) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'
            """, binds).first.map(Cells.init) else { return nil }
        // The part of an index statement after USING, which the loaded table's index repeats; nil
        // when the statement does not start as expected (a name PostgreSQL quoted otherwise): load in place.
        func using(_ definition: String, unique: Bool, name: String) -> String? {
            let head = "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(qualified) USING "
            return definition.hasPrefix(head) ? String(definition.dropFirst(head.count)) : nil
        }
        let keyName = try key.string(0)
        guard let keyUsing = using(try key.string(1), unique: true, name: keyName) else { return nil }
        var indexes: [(name: String, using: String, gist: Bool)] = []
        for row in try query("""
            SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid), am.amname = 'gist' FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
            WHERE x.indrelid = $1::regclass AND NOT x.indisprimary ORDER BY i.relname
            """, binds) {
            let c = Cells(row)
            let name = try c.string(0)
            guard let tail = using(try c.string(1), unique: false, name: name) else { return nil }
            indexes.append((name, tail, try c.bool(2) == true))
        }
        let triggers = try query("""
            SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname
            """, binds).map { try Cells($0).string(0) }
        let sequences = try query("""
            SELECT s.oid::regclass::text, quote_ident(a.attname) FROM pg_depend d
            JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
            JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE d.refobjid = $1::regclass AND d.classid = 'pg_class'::regclass AND d.deptype = 'a'
            """, binds).map { row in let c = Cells(row); return (try c.string(0), try c.string(1)) }
        let grants = try query("""
            SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END, g.privilege_type, g.is_grantable
            FROM pg_class c, aclexplode(c.relacl) g WHERE c.oid = $1::regclass ORDER BY 1, 2
            """, binds).map { row in let c = Cells(row); return (try c.string(0), try c.string(1), try c.bool(2) == true) }
        let options = try head.text(5).flatMap { $0.isEmpty ? nil : $0 }
        let defaultPrivileges = try head.bool(6) == true
        return PostgresBulkStage.Plan(schema: schema, qualified: qualified, key: (keyName, keyUsing), indexes: indexes,
                                      triggers: triggers, referencing: Array(try keyConstraints(of: table).dropFirst()),
                                      sequences: sequences, grants: defaultPrivileges ? nil : grants, owner: try head.string(2),
                                      ownerIsCurrentUser: try head.bool(3) == true, comment: try head.text(4), options: options,
                                      searchPath: try head.string(7))
    }
}
