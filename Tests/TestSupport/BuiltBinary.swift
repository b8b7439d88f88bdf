import Foundation

/// Finds the `proctutor` executable that `swift build --build-tests` built beside the test bundle, so a release
/// test run tests the release binary and a debug run the debug one. Shared by the test targets that drive the
/// real binary.
///
/// `PROCTUTOR_TEST_BINARY=PATH` overrides it: `scripts/test` runs those suites a second time against the
/// release binary that `scripts/build-release` links (fully static), the one students run.
public enum BuiltBinary {
    public static let overrideVariable = "PROCTUTOR_TEST_BINARY"

    /// The first executable `proctutor` among the candidates, and every place looked at (for the error message).
    public static func locate(packageRoot: URL) -> (path: String?, tried: [String]) {
        if let chosen = ProcessInfo.processInfo.environment[overrideVariable], !chosen.isEmpty {
            // Chosen explicitly: no fallback to another binary, which would test the wrong one silently.
            return (FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil, [chosen])
        }
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [testExecutable.deletingLastPathComponent().appendingPathComponent("proctutor").path]
        // Swift Testing may run from a helper; the bundle's directory is then one of the arguments.
        for argument in CommandLine.arguments where argument.contains(".xctest") {
            var dir = URL(fileURLWithPath: argument)
            while dir.path != "/" && !dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
            candidates.append(dir.deletingLastPathComponent().appendingPathComponent("proctutor").path)
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/proctutor").path)
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, candidates)
    }
}
