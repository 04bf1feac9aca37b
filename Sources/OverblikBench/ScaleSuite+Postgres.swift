import Foundation

/// The scale suite's PostgreSQL imports: when `OVERBLIK_BENCH_POSTGRES` names a server
/// (`postgres://USER@HOST:PORT/DB`, a user that may create databases, PostGIS installed), the same
/// files are imported into a fresh database `overblik_scale_import` there, beside the SpatiaLite
/// rows. The CPU seconds are the `overblik` client's only (the server works in its own processes).
extension ScaleSuite {
    static let postgresServerVariable = "OVERBLIK_BENCH_POSTGRES"
    static let postgresScratchName = "overblik_scale_import"

    /// The server to import into, when one is given.
    static var postgresServer: String? {
        ProcessInfo.processInfo.environment[postgresServerVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Drops and creates the scratch database with PostGIS; returns its address.
    static func freshPostgresDatabase(_ server: String) throws -> String {
        try dropPostgresScratch(server)
        try psql(server, "CREATE DATABASE \(postgresScratchName)")
        guard let slash = server.range(of: "/", options: .backwards), server[..<slash.lowerBound].contains("@") else {
            throw BenchUsageError(message: "\(postgresServerVariable)=\(server): expected postgres://USER@HOST:PORT/DB")
        }
        let url = String(server[..<slash.lowerBound]) + "/" + postgresScratchName
        try psql(url, "CREATE EXTENSION IF NOT EXISTS postgis")
        return url
    }

    static func dropPostgresScratch(_ server: String) throws {
        try psql(server, "DROP DATABASE IF EXISTS \(postgresScratchName)")
    }

    private static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchUsageError(message: "psql -d \(url) -c '\(sql)' exited with \(process.terminationStatus)")
        }
    }
}
