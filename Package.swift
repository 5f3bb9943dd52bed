// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "VitalGate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vitalgate", targets: ["vitalgate"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "Receiver", targets: ["Receiver"]),
        .library(name: "GatewayModel", targets: ["GatewayModel"]),
        .library(name: "DeviceCodecs", targets: ["DeviceCodecs"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "LocalLab", targets: ["LocalLab"]),
        .library(name: "SignalCore", targets: ["SignalCore"]),
        .library(name: "SignalAnalysis", targets: ["SignalAnalysis"]),
        .library(name: "WFDB", targets: ["WFDB"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.10.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    ],
    targets: [
        .target(name: "GatewayModel", swiftSettings: strict),
        .target(
            name: "Wire",
            dependencies: [
                "GatewayModel",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["vitalgate.proto"],
            swiftSettings: strict
        ),
        .target(
            name: "Store",
            dependencies: [ .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),"GatewayModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "Transport",
            dependencies: [ .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),"CMosquitto", "COpenSSL", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(name: "GatewayLogging", dependencies: [.product(name: "Logging", package: "swift-log"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio")], swiftSettings: strict),
        .target(name: "DeviceCodecs", dependencies: ["GatewayModel"], swiftSettings: strict),
        .target(
            name: "YAMLConfig",
            dependencies: ["Transport", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "Detection", dependencies: ["GatewayModel"], swiftSettings: strict),
        .target(name: "SignalCore", swiftSettings: strict),
        .target(name: "SignalAnalysis", dependencies: ["SignalCore"], swiftSettings: strict),
        .target(name: "WFDB", swiftSettings: strict),
        .target(
            name: "Gateway",
            dependencies: [
                "GatewayModel", "Wire", "Store", "Transport", "DeviceCodecs", "Detection", "SignalAnalysis", "WFDB", "YAMLConfig",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Receiver",
            dependencies: [
                "GatewayModel", "Wire", "Transport", "YAMLConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "vitalgate",
            dependencies: [
                "Gateway", "GatewayModel", "GatewayLogging", "Receiver", "Wire", "Transport", "YAMLConfig", "LocalLab", "WFDB",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(name: "LocalLab", dependencies: ["Transport", "DeviceCodecs"], swiftSettings: strict),
        .testTarget(
            name: "GatewayLoggingTests", dependencies: ["GatewayLogging", .product(name: "Logging", package: "swift-log")], swiftSettings: strict
        ),
        .testTarget(name: "SignalCoreTests", dependencies: ["SignalCore", "LocalLab"], swiftSettings: strict),
        .testTarget(name: "SignalAnalysisTests", dependencies: ["SignalAnalysis", "SignalCore", "WFDB", "LocalLab"], swiftSettings: strict),
        .testTarget(name: "WFDBTests", dependencies: ["WFDB", "LocalLab"], swiftSettings: strict),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "GatewayModel"], swiftSettings: strict),
        .testTarget(name: "ModelTests", dependencies: ["GatewayModel", "DeviceCodecs", "Detection", "LocalLab"], swiftSettings: strict),
        .testTarget(
            name: "WireTests",
            dependencies: ["Wire", "GatewayModel", "WFDB", "LocalLab", .product(name: "Crypto", package: "swift-crypto"), .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: strict
        ),
        .testTarget(name: "SerialCodecTests", dependencies: ["DeviceCodecs", "GatewayModel", "LocalLab"], swiftSettings: strict),
        .testTarget(name: "BLECodecTests", dependencies: ["DeviceCodecs", "GatewayModel", "LocalLab"], swiftSettings: strict),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "GatewayModel", "LocalLab", .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "LocalLab"], swiftSettings: strict),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Wire", "YAMLConfig", "GatewayModel", "DeviceCodecs", "LocalLab", "Store", "Transport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Gateway", "Receiver", "Wire", "Store", "Transport", "LocalLab", "GatewayModel", "WFDB",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
