import Foundation
import TestSupport

/// Where the things under test are: the package root, the real lessons, the hostile fixtures, the built binary.
enum Paths {
    /// The package root, found from this file's location (Tests/ReliabilityTests/Support/Paths.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let lessons = root.appendingPathComponent("lessons").path
    static let fixtures = root.appendingPathComponent("Tests/ReliabilityTests/Fixtures").path

    static func fixture(_ name: String) -> String { fixtures + "/" + name }

    /// The `proctutor` built beside this test bundle (`swift build --build-tests` builds both).
    static func binary() throws -> String {
        let found = BuiltBinary.locate(packageRoot: root)
        guard let path = found.path else {
            throw TestFailure("proctutor is not built (looked in \(found.tried)); run `swift build --build-tests`")
        }
        return path
    }

    /// A fresh scratch folder (removed with the test process's scratch parent, if not before).
    static func scratch(_ tag: String) throws -> String { ScratchFolder.make("rel-" + tag) }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
