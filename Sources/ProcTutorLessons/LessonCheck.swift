import Foundation
import ProcTutorCore

/// Everything `proctutor check` verifies about a lessons folder.
public struct LessonCheck: Sendable {
    /// The number of lessons that loaded.
    public var lessonCount: Int
    /// Every problem, errors and warnings, in folder order.
    public var problems: [Diagnostic]

    public var errors: [Diagnostic] { problems.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { problems.filter { $0.severity == .warning } }

    /// Whether the folder passes: no errors (and with `strict`, no warnings either).
    public func passes(strict: Bool) -> Bool {
        strict ? problems.isEmpty : errors.isEmpty
    }

    /// Loads `directory` and compiles every demo with `python`.
    public init(directory: String, python: String = "python3") {
        do {
            let library = try LessonLibrary(directory: directory)
            lessonCount = library.lessons.count
            problems = library.problems + DemoCompiler.check(library.lessons, python: python)
        } catch {
            lessonCount = 0
            problems = [Diagnostic(path: directory, "\(error)")]
        }
        problems = Self.sorted(problems)
    }

    /// Adds problems found elsewhere (the exercises' runs), keeping the order.
    public mutating func add(_ more: [Diagnostic]) {
        problems = Self.sorted(problems + more)
    }

    /// Stable order: by file, then position, so output is the same on every machine.
    static func sorted(_ problems: [Diagnostic]) -> [Diagnostic] {
        problems.enumerated().sorted { a, b in
            let ka = (a.element.path, a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let kb = (b.element.path, b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
