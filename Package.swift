// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Overblik",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Overblik", targets: ["Overblik"]),
        .executable(name: "overblik", targets: ["OverblikCLI"]),
        .executable(name: "overblik-bench", targets: ["OverblikBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
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

        // Pure modules.
        .target(name: "GeoTypes"),
        .target(name: "SpatialIndex", dependencies: ["GeoTypes", "CPrefetch", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "Facilities", dependencies: ["GeoTypes"]),
        .target(name: "Scheduling"),
        .target(name: "Formats", dependencies: ["GeoTypes", "CZlib"]),
        .target(name: "GeoJSON", dependencies: ["GeoTypes"]),
        .target(name: "Routing", dependencies: ["GeoTypes", .product(name: "HeapModule", package: "swift-collections")]),
        // Seeded mutation fuzzing of the parsers (used by ReliabilityTests and `overblik-bench fuzz`).
        .target(name: "Fuzzing", dependencies: ["Scheduling", "Formats", "GeoJSON"]),

        // Wrappers around C.
        .target(name: "Geometry", dependencies: ["CGEOS", "GeoTypes"]),
        .target(name: "Store", dependencies: ["CSQLite", "GeoTypes", "Facilities"]),

        // Use cases.
        .target(name: "Analysis", dependencies: ["GeoTypes", "SpatialIndex", "Geometry", "Facilities", "Scheduling", "Formats"]),
        .target(name: "Overblik", dependencies: [
            "GeoTypes", "SpatialIndex", "Geometry", "Facilities", "Scheduling",
            "Formats", "GeoJSON", "Store", "Analysis", "Routing",
        ]),
        .executableTarget(name: "OverblikCLI", dependencies: [
            "Overblik", "GeoJSON", "GeoTypes", "Facilities", "Scheduling", "Analysis", "Formats",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "OverblikBench", dependencies: ["Overblik", "GeoTypes", "SpatialIndex", "Facilities", "Store", "Scheduling", "Fuzzing", "Analysis", "Geometry", "GeoJSON", "Formats", "Routing"]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["Overblik"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoTypesTests", dependencies: ["GeoTypes", "TestSupport"]),
        .testTarget(name: "SpatialIndexTests", dependencies: ["SpatialIndex", "GeoTypes", "TestSupport"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry", "GeoTypes", "TestSupport"]),
        .testTarget(name: "FacilitiesTests", dependencies: ["Facilities"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TestSupport"]),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON", "TestSupport"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "GeoTypes", "Overblik", "Analysis", "GeoJSON", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Formats", "TestSupport"]),
        .testTarget(name: "OverblikTests", dependencies: ["Overblik", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["Fuzzing", "Overblik", "Store", "Facilities", "TestSupport"]),
    ]
)
