// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "VitalGateBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "VitalGate", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Decoders",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "DeviceCodecs", package: "VitalGate"),
                .product(name: "Wire", package: "VitalGate"),
            ],
            path: "Benchmarks/Decoders",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
