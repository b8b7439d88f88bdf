// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "proctutor",
    products: [
        .executable(name: "proctutor", targets: ["proctutor"]),
        // For the nested Benchmarks/ package (in-process measurements of the UI); not built by CI.
        .library(name: "ProcTutorKit", targets: ["ProcTutorCore", "ProcTutorLessons", "ProcTutorUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // C seams: each wraps one system library so Swift never sees its macros.
        .target(name: "CNcursesShim", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "CProcShim"),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),

        // Pure values and functions: events, run log, process table, lessons, quiz, progress.
        .target(name: "ProcTutorCore"),
        // Lessons from disk: YAML (Yams), CommonMark (cmark), validation, progress store.
        .target(name: "ProcTutorLessons", dependencies: ["ProcTutorCore", "ProcTutorSystem", "Yams", "CCmark"]),
        // The one platform seam: spawning, waiting, signals, poll, the clocks, /proc, finding Python. No other
        // target makes a process, signal, poll or clock system call (scripts/check-seam, run by scripts/test).
        .target(name: "ProcTutorSystem", dependencies: ["ProcTutorCore", "CProcShim"]),
        // Runs a program under the tracer: the run folder, the channel, the process tree, teardown.
        // The tracer is a real Python file, embedded as bytes (PackageResources.sitecustomize_py): no bundle.
        // The supervisor's decisions, pure: the run assembler (process lifecycle, line assembly, task ledger),
        // the pause clock, the timing policy and the teardown. No system call (scripts/check-seam).
        .target(name: "ProcTutorSupervisorCore", dependencies: ["ProcTutorCore"]),
        .target(name: "ProcTutorSupervisor", dependencies: ["ProcTutorCore", "ProcTutorSupervisorCore", "ProcTutorSystem"],
                resources: [.embedInCode("Tracer/sitecustomize.py")]),
        // Cell buffer, layout, widgets and screens. No curses.
        .target(name: "ProcTutorUI", dependencies: ["ProcTutorCore"]),
        // The ncurses backend and the one poll loop of the tutorial.
        .target(name: "ProcTutorTerminal",
                dependencies: ["ProcTutorUI", "ProcTutorCore", "ProcTutorLessons", "ProcTutorSupervisor", "ProcTutorSystem",
                               "CNcursesShim"]),
        .executableTarget(name: "proctutor", dependencies: [
            "ProcTutorCore", "ProcTutorLessons", "ProcTutorSupervisor", "ProcTutorSystem", "ProcTutorUI", "ProcTutorTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "ProcTutorCoreTests", dependencies: ["ProcTutorCore"]),
        .testTarget(name: "ProcTutorLessonsTests", dependencies: ["ProcTutorLessons", "ProcTutorCore", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ProcTutorSupervisorCoreTests", dependencies: ["ProcTutorSupervisorCore", "ProcTutorCore"]),
        .testTarget(name: "ProcTutorSupervisorTests",
                    dependencies: ["ProcTutorSupervisor", "ProcTutorSystem", "ProcTutorCore", "TestSupport"],
                    exclude: ["TracerPython"]),
        .testTarget(name: "ProcTutorSystemTests", dependencies: ["ProcTutorSystem"]),
        .testTarget(name: "ProcTutorUITests", dependencies: [
            "ProcTutorUI", "ProcTutorCore",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__", "Recorded"]),
        .testTarget(name: "ProcTutorTerminalTests",
                    dependencies: ["ProcTutorTerminal", "ProcTutorUI", "ProcTutorCore", "ProcTutorSystem"]),
        // What the tests share: finding the built binary, a seeded generator, scratch folders removed at exit.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "EndToEndTests", dependencies: ["ProcTutorCore", "TestSupport"]),
        // Faults, hostile programs and fuzzing (issue 5); drives the built binary and the loaders in-process.
        .testTarget(name: "ReliabilityTests", dependencies: ["ProcTutorLessons", "ProcTutorCore", "TestSupport"],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
