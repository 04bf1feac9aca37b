import PostgresStore

extension Overblik {
    /// For long-running processes (`overblik serve`): on PostgreSQL, joins the process's `LISTEN`
    /// connection (``PostgresChangeFeed``, started on first use), so that the catalogue is
    /// reloaded when another process announces a change rather than checked on every request; on
    /// SpatiaLite nothing changes (the generation is read from the local file on every call).
    /// While the connection is down the catalogue generation is read on every call again.
    public func followChanges() {
        guard let postgres = backend as? PostgresStore else { return }
        changeFeed = PostgresChangeFeed.shared(for: postgres)
    }

    /// The feed's stamp: changes whenever the catalogue may have changed; nil without a live feed.
    var changeStamp: UInt64? { changeFeed?.stamp }

    /// Whether this facade follows a live change feed, and how often the feed connected (nil on
    /// SpatiaLite or before ``followChanges()``).
    public var changeFeedStatus: (listening: Bool, connections: Int)? { changeFeed?.status }
}
