import Foundation

/// Where the things under test are: the built `proctutor` binary and the repository's lessons.
enum Paths {
    /// The package root, found from this file's location (Tests/EndToEndTests/Support/Paths.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let lessons = root.appendingPathComponent("lessons").path

    /// The `proctutor` built beside this test bundle (`swift build --build-tests` builds both), so a release
    /// test run tests the release binary and a debug run the debug one.
    static func binary() throws -> String {
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [testExecutable.deletingLastPathComponent().appendingPathComponent("proctutor").path]
        // Swift Testing may run from a helper; the bundle's directory is then one of the arguments.
        for argument in CommandLine.arguments where argument.contains(".xctest") {
            var dir = URL(fileURLWithPath: argument)
            while dir.path != "/" && !dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
            candidates.append(dir.deletingLastPathComponent().appendingPathComponent("proctutor").path)
        }
        candidates.append(root.appendingPathComponent(".build/debug/proctutor").path)
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw E2EError.missing("proctutor is not built (looked in \(candidates)); run `swift build --build-tests`")
    }
}
