// swift-tools-version: 6.1
// libFuzzer targets for every decoder, the YAML config and profile loaders and the receiver's envelope
// opener, kept out of the main package so that `make test` never builds them with sanitizers unless asked.
// Run: Scripts/fuzz (FUZZ_SECONDS per target, default 60), or `make fuzz`.
//
// Build (what Scripts/fuzz runs): swift build --package-path Fuzz --scratch-path .build-fuzz -c release
//   -Xswiftc -sanitize=fuzzer,address
// The sanitizer flags go to every Swift module (the decoders need the coverage instrumentation, not only
// the fuzz targets); each target's top-level code calls libFuzzer's driver through FuzzDriver, because
// SwiftPM gives every executable its own entry point and libFuzzer's `main` would never run.
import PackageDescription

/// One executable per fuzz target, named `Fuzz<Name>`, in Sources/Fuzz<Name>, seeds in Corpus/<Name>.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: "Fuzz\(name)",
        dependencies: ["FuzzDriver", "FuzzSupport"] + products.map { .product(name: $0, package: "VitalGate") },
        swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
    )
}

let package = Package(
    name: "VitalGateFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so that the product references hold whatever folder the repository is cloned into.
        .package(name: "VitalGate", path: ".."),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "DeviceCodecs", package: "VitalGate")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
        fuzzTarget("SenML", ["DeviceCodecs"]),
        fuzzTarget("JSONMap", ["DeviceCodecs"]),
        fuzzTarget("Masimo", ["DeviceCodecs"]),
        fuzzTarget("Nonin", ["DeviceCodecs"]),
        fuzzTarget("Lines", ["DeviceCodecs"]),
        fuzzTarget("COBS", ["DeviceCodecs"]),
        fuzzTarget("BLE", ["DeviceCodecs"]),
        fuzzTarget("GatewayConfig", ["Gateway", "Wire"]),
        fuzzTarget("Profile", ["Gateway"]),
        fuzzTarget("Opener", ["Wire", "GatewayModel"]),
        fuzzTarget("BatchCodec", ["Wire", "GatewayModel"]),
    ]
)
