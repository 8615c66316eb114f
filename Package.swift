// swift-tools-version: 6.1
// Skywatch: open airspace surveillance — ASTERIX / Mode S ingest, multi-radar tracking, simulation.
// Module layout and layering: see README.md ("Module tour") and ../shared/STYLE.md.
import PackageDescription

// Upcoming features, as in Hummingbird's Package.swift:
let swiftSettings: [SwiftSetting] = [
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
    .enableUpcomingFeature("ExistentialAny"),
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    .enableUpcomingFeature("MemberImportVisibility"),
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0409-access-level-on-imports.md
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let numerics: Target.Dependency = .product(name: "RealModule", package: "swift-numerics")

let package = Package(
    name: "skywatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "skywatch", targets: ["skywatch"]),
        .executable(name: "skywatch-bench", targets: ["SkyBench"]),
        .executable(name: "skywatch-record-probe", targets: ["SkyRecordProbe"]),
        .library(name: "SkyTracking", targets: ["SkyTracking"]),
        .library(name: "SkyASTERIX", targets: ["SkyASTERIX"]),
        .library(name: "SkyModeS", targets: ["SkyModeS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: - L0–L2: mathematics, geodesy, data model (standard library + RealModule only)
        .target(name: "SkyMath", dependencies: [numerics], swiftSettings: swiftSettings),
        .target(name: "SkyGeodesy", dependencies: ["SkyMath", numerics], swiftSettings: swiftSettings),
        .target(name: "SkyModel", dependencies: ["SkyGeodesy", "SkyMath"], swiftSettings: swiftSettings),

        // MARK: - L3: decoders, tracking, simulation, evaluation (standard library + RealModule only)
        .target(name: "SkyASTERIX", dependencies: ["SkyModel", "SkyGeodesy", numerics], swiftSettings: swiftSettings),
        .target(name: "SkyModeS", dependencies: ["SkyModel", "SkyGeodesy", numerics], swiftSettings: swiftSettings),
        .target(
            name: "SkyTracking",
            dependencies: ["SkyModel", "SkyGeodesy", "SkyMath", numerics],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SkySimulation",
            dependencies: ["SkyModel", "SkyGeodesy", "SkyMath", numerics],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SkyEvaluation",
            dependencies: ["SkyModel", "SkyGeodesy", "SkyMath", numerics],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SkyAlerts",
            dependencies: ["SkyModel", "SkyGeodesy", "SkyMath", numerics],
            swiftSettings: swiftSettings
        ),

        // MARK: - L4: file formats and network I/O (Foundation, SwiftNIO)
        .target(
            name: "SkyScenario",
            dependencies: ["SkyModel", "SkyGeodesy", "SkyAlerts"],
            resources: [.copy("Builtin")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SkyIO",
            dependencies: [
                "SkyModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - L4: recording (SQLite through GRDB), history queries, export
        .target(
            name: "SkyStorage",
            dependencies: [
                "SkyModel", "SkyGeodesy", "SkyMath",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Synthetic recorder load for the crash-safety test and `scripts/bench-recorder.sh` (not a user tool).
        .executableTarget(
            name: "SkyRecordProbe",
            dependencies: ["SkyStorage", "SkyModel", "SkyGeodesy", "SkyMath"],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "SkyServer",
            dependencies: [
                "SkyModel", "SkyGeodesy", "SkyMath",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            resources: [.copy("Display")],
            swiftSettings: swiftSettings
        ),

        // MARK: - L5: pipelines and services (wiring of the layers below)
        .target(
            name: "SkyApp",
            dependencies: [
                "SkyModel", "SkyGeodesy", "SkyScenario", "SkyASTERIX", "SkyModeS", "SkyTracking",
                "SkySimulation", "SkyEvaluation", "SkyIO", "SkyServer", "SkyAlerts", "SkyStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - L6: executables
        .executableTarget(
            name: "skywatch",
            dependencies: [
                "SkyApp", "SkyModel", "SkyGeodesy", "SkySimulation", "SkyTracking", "SkyServer",
                "SkyASTERIX",  // decode asterix --help lists UAP.all's categories and editions
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SkyBench",
            dependencies: [
                "SkyMath", "SkyGeodesy", "SkyModel", "SkyScenario", "SkyApp", "SkyASTERIX", "SkyModeS",
                "SkyTracking", "SkySimulation", "SkyEvaluation", "SkyAlerts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .target(
            name: "SkyTestSupport",
            dependencies: ["SkyMath", numerics],
            path: "Tests/SkyTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SkyMathTests", dependencies: ["SkyMath", "SkyTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SkyGeodesyTests",
            dependencies: ["SkyGeodesy", "SkyTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyModelTests",
            dependencies: ["SkyModel", "SkyTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyScenarioTests",
            dependencies: ["SkyScenario", "SkyModel", "SkyGeodesy", "SkyTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyASTERIXTests",
            dependencies: ["SkyASTERIX", "SkyTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyModeSTests",
            dependencies: ["SkyModeS", "SkyTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyTrackingTests",
            dependencies: ["SkyTracking", "SkyScenario", "SkyTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkySimulationTests",
            dependencies: ["SkySimulation", "SkyTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyEvaluationTests",
            dependencies: ["SkyEvaluation", "SkyScenario", "SkyTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyStorageTests",
            dependencies: [
                "SkyStorage", "SkyModel", "SkyGeodesy", "SkyMath", "SkyScenario", "SkyTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyAlertsTests",
            dependencies: ["SkyAlerts", "SkyModel", "SkyGeodesy", "SkyMath", "SkyTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyAppTests",
            dependencies: [
                "SkyApp", "SkyIO", "SkyServer", "SkyTestSupport", "SkyAlerts", "SkyStorage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkyServerTests",
            dependencies: [
                "SkyServer", "SkyModel", "SkyGeodesy", "SkyMath", "SkyTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            ],
            swiftSettings: swiftSettings
        ),
        // The built `skywatch` run end to end against committed output (Tests/SkywatchCLITests/README.md). It runs
        // the executable next to the test bundle, so it imports no module; `swift build --build-tests` builds both.
        .testTarget(
            name: "SkywatchCLITests",
            exclude: ["Fixtures", "Expected", "README.md"],
            swiftSettings: swiftSettings
        ),
    ]
)
