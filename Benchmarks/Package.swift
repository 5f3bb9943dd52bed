// swift-tools-version: 6.1
// Decoder and wire throughput benchmarks (ordo-one package-benchmark), kept out of the main package so
// that `make test` never builds them. Run: Scripts/bench-decoders (or, from the repository root,
// `swift package --package-path Benchmarks -c release benchmark`).
import PackageDescription

let package = Package(
    name: "VitalGateBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so that the product references below hold whatever folder the repository is cloned into
        // (a path dependency's identity is its folder name).
        .package(name: "VitalGate", path: ".."),
        // ordo-one/package-benchmark, under its current name (the old one still resolves, with a warning).
        // The MallocInterposer trait alone: it gives mallocCountTotal; leaving out the default
        // RuntimeInterposer trait keeps swift-runtime-interposer (not mirrored here) out of the graph.
        // That interposer only matters for the ARC metrics (retain/release counts), not used here.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // Same requirement as the main package, for the in-memory X25519 keys of the seal benchmark.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "Decoders",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DeviceCodecs", package: "VitalGate"),
                .product(name: "Wire", package: "VitalGate"),
                .product(name: "GatewayModel", package: "VitalGate"),
                .product(name: "LocalLab", package: "VitalGate"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/Decoders",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SignalKernels",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SignalCore", package: "VitalGate"),
                .product(name: "SignalAnalysis", package: "VitalGate"),
            ],
            path: "Benchmarks/SignalCore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
