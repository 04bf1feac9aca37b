// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Overblik",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Overblik", targets: ["Overblik"]),
        .executable(name: "overblik", targets: ["OverblikCLI"]),
        // The HTTP service; `overblik serve` runs it from beside its own executable.
        .executable(name: "overblik-server", targets: ["OverblikServerMain"]),
        .executable(name: "overblik-bench", targets: ["OverblikBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C, in system-library targets; each is imported by exactly one Swift module.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev", "libsqlite3-mod-spatialite"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos",
                       providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A header-only cache prefetch hint for the spatial index (no library, nothing linked).
        .systemLibrary(name: "CPrefetch"),
        // A VFS shim that gathers a bulk write's page writes into larger ones (compiled C, on SQLite's VFS API).
        .target(name: "CWriteCoalescing", dependencies: ["CSQLite"]),

        // Pure modules.
        .target(name: "GeoTypes"),
        .target(name: "SpatialIndex", dependencies: ["GeoTypes", "CPrefetch", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "Facilities", dependencies: ["GeoTypes"]),
        .target(name: "Scheduling"),
        .target(name: "Formats", dependencies: ["GeoTypes", "CZlib"]),
        .target(name: "GeoJSON", dependencies: ["GeoTypes"]),
        .target(name: "Routing", dependencies: ["GeoTypes", "CPrefetch", .product(name: "HeapModule", package: "swift-collections")]),
        // Seeded mutation fuzzing of the parsers (used by ReliabilityTests and `overblik-bench fuzz`).
        .target(name: "Fuzzing", dependencies: ["Scheduling", "Formats", "GeoJSON", "Geometry", "Overblik"]),

        // Wrappers around C.
        .target(name: "Geometry", dependencies: ["CGEOS", "GeoTypes"]),
        .target(name: "Store", dependencies: ["CSQLite", "CWriteCoalescing", "CPrefetch", "GeoTypes", "Facilities"]),
        // The PostgreSQL/PostGIS store (issue 21), through postgres-nio.
        .target(name: "PostgresStore", dependencies: [
            "Store", "GeoTypes", "Facilities", .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Use cases.
        .target(name: "Analysis", dependencies: ["GeoTypes", "SpatialIndex", "Geometry", "Facilities", "Scheduling", "Formats"]),
        .target(name: "Overblik", dependencies: [
            "GeoTypes", "SpatialIndex", "Geometry", "Facilities", "Scheduling",
            "Formats", "GeoJSON", "Store", "PostgresStore", "Analysis", "Routing",
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        // The HTTP service (`overblik serve`): parses requests, calls the facade, renders its outcomes.
        .target(name: "OverblikServer", dependencies: [
            "Overblik",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.embedInCode("openapi.json")] + ["app.css", "common.js", "i18n.js", "find.js", "map.js", "room.js", "mine.js", "desk.js",
                        "planner.js"].map { .embedInCode("Web/\($0)") }),
        .executableTarget(name: "OverblikCLI", dependencies: [
            "Overblik", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "OverblikServerMain", dependencies: [
            "OverblikServer", "Overblik", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "OverblikBench", dependencies: ["Overblik", "GeoTypes", "SpatialIndex", "Facilities", "Store", "Scheduling", "Fuzzing", "Analysis", "Geometry", "GeoJSON", "Formats", "Routing"]),

        // Tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoTypesTests", dependencies: ["GeoTypes", "TestSupport"]),
        .testTarget(name: "SpatialIndexTests", dependencies: ["SpatialIndex", "GeoTypes", "TestSupport"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry", "GeoTypes", "TestSupport"]),
        .testTarget(name: "FacilitiesTests", dependencies: ["Facilities", "GeoTypes"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TestSupport"]),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON", "GeoTypes", "TestSupport"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "GeoTypes", "Overblik", "Analysis", "GeoJSON", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Facilities", "GeoTypes", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Facilities", "Formats", "GeoTypes", "Scheduling", "TestSupport"]),
        .testTarget(name: "OverblikTests", dependencies: ["Overblik", "Analysis", "Facilities", "GeoJSON", "GeoTypes", "Scheduling", "Store", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["Fuzzing", "Overblik", "Store", "Facilities", "Formats", "GeoJSON", "GeoTypes", "Scheduling", "TestSupport"]),
    ]
)

// One door (issue 13): an import is internal unless marked `public`/`package`, and a file sees the
// members of only the modules it imports itself.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
