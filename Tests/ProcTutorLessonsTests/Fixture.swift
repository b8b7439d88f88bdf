import Foundation
import TestSupport

/// Paths of the test fixtures, read in place from the source tree so messages show stable paths.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let good = root + "/good"
    static func broken(_ name: String) -> String { root + "/broken/" + name }
    /// The checkout's built-in lessons.
    static let builtIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    /// A fresh empty temporary directory.
    static func tempDir(_ tag: String = "t") -> String { ScratchFolder.make(tag) }
}
