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

    /// Writes a lesson folder `folder` whose lesson.yaml says `id` and `number` (texts and demo not written).
    static func writeLesson(_ dir: String, folder: String, id: String, number: Int) throws {
        try FileManager.default.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true)
        let yaml = """
            id: \(id)
            number: \(number)
            title: { zh: "第\(number)课", en: "Lesson \(number)" }
            demos:
              - { name: demo, file: demo-\(number).py, title: { zh: "演示", en: "Demo" } }
            text: { zh: text.zh.md, en: text.en.md }

            """
        try yaml.write(toFile: dir + "/" + folder + "/lesson.yaml", atomically: true, encoding: .utf8)
    }
}
