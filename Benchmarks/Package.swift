// swift-tools-version:6.1
// In-process benchmarks (ordo-one's package-benchmark), kept in their own package so that `swift build` and
// `swift test` at the root, and CI, never build them. Run through `scripts/bench` (docs/performance.md).
import PackageDescription

// A path dependency's identity is its folder's name (the checkout's, whatever it is called).
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init)?.lowercased() ?? "proctutor"

let package = Package(
    name: "proctutor-benchmarks",
    dependencies: [
        .package(path: ".."),
        // Only the malloc interposer trait: the default RuntimeInterposer trait needs swift-runtime-interposer.
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FrameTime",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ProcTutorKit", package: root),
            ],
            path: "Benchmarks/FrameTime",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
