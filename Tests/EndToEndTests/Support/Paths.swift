import Foundation
import TestSupport

/// Where the things under test are: the built `proctutor` binary and the repository's lessons.
enum Paths {
    /// The package root, found from this file's location (Tests/EndToEndTests/Support/Paths.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let lessons = root.appendingPathComponent("lessons").path

    /// The `proctutor` built beside this test bundle (`swift build --build-tests` builds both).
    static func binary() throws -> String {
        let found = BuiltBinary.locate(packageRoot: root)
        guard let path = found.path else {
            throw E2EError.missing("proctutor is not built (looked in \(found.tried)); run `swift build --build-tests`")
        }
        return path
    }
}
