import Foundation
import ProcTutorCore

/// Why lessons could not be found or a lesson could not be picked. The description is the message to print.
public enum LessonLibraryError: Error, Equatable, CustomStringConvertible {
    /// `--lessons` or `PROCTUTOR_LESSONS` names something that is not a folder.
    case notAFolder(path: String, source: String)
    /// No lessons folder in any of the places looked at.
    case notFound(tried: [String])
    /// The folder holds no lesson folders.
    case empty(path: String)
    /// No lesson matches what the user typed.
    case unknownLesson(String, known: [String])

    public var description: String { text(.en) }

    /// The message in `lang`.
    public func text(_ lang: Lang) -> String {
        let m: Localized = switch self {
        case let .notAFolder(path, source):
            Localized(zh: "课程文件夹 '\(path)'（来自 \(source)）不存在或不是文件夹",
                      en: "the lessons folder '\(path)' (from \(source)) does not exist or is not a folder")
        case let .notFound(tried):
            Localized(zh: "找不到课程文件夹；找过：\n" + tried.map { "  \($0)" }.joined(separator: "\n")
                        + "\n请用 --lessons DIR 或设置 PROCTUTOR_LESSONS",
                      en: "cannot find the lessons folder; looked in:\n" + tried.map { "  \($0)" }.joined(separator: "\n")
                        + "\nuse --lessons DIR or set PROCTUTOR_LESSONS")
        case let .empty(path):
            Localized(zh: "'\(path)' 里没有课程：每课应该是一个文件夹，里面有 lesson.yaml",
                      en: "no lessons in '\(path)': it should hold one folder per lesson, each with a lesson.yaml")
        case let .unknownLesson(name, known):
            Localized(zh: "没有 '\(name)' 这一课；现有的课：\(known.joined(separator: ", "))",
                      en: "no lesson '\(name)'; the lessons are: \(known.joined(separator: ", "))")
        }
        return m[lang]
    }
}

/// The lessons of one lessons folder, loaded and ordered by number.
///
/// Use `LessonLibrary.locate(explicit:)` to find the folder, then `init(directory:)` to load it. Lessons with
/// problems in their text or quiz still load (their demos run); `problems` lists everything found, and
/// `proctutor check` prints it.
public struct LessonLibrary: Sendable {
    /// The folder the lessons were loaded from.
    public let directory: String
    /// The lessons that loaded, by number (then id).
    public let lessons: [Lesson]
    /// Every problem found while loading, in folder order. Demo compilation is checked separately
    /// (`DemoCompiler`), because it runs Python.
    public let problems: [Diagnostic]

    /// Loads every lesson folder in `directory` (sub-folders; hidden ones and `_…` are skipped).
    /// - Throws: `LessonLibraryError` if the folder cannot be read or holds no lesson folder.
    public init(directory: String) throws {
        let folders = try Self.lessonFolders(in: directory)
        var lessons: [Lesson] = []
        var problems: [Diagnostic] = []
        var numbers: [Int: String] = [:]
        for name in folders {
            var loaded = LessonLoader.load(folder: Paths.join(directory, name))
            if let lesson = loaded.lesson {
                if let other = numbers[lesson.number] {
                    loaded.problems.append(Diagnostic(path: Paths.join(Paths.join(directory, name), "lesson.yaml"),
                                                      line: loaded.numberLine, column: loaded.numberColumn,
                                                      "lesson number \(lesson.number) is already used by '\(other)'; numbers must be unique"))
                } else {
                    numbers[lesson.number] = lesson.id
                    lessons.append(lesson)
                }
            }
            problems += loaded.problems
        }
        self.directory = directory
        self.lessons = lessons.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
        self.problems = problems
    }

    /// The names of the lesson folders in `directory`, sorted (sub-folders; hidden ones and `_…` are skipped).
    /// - Throws: `LessonLibraryError` if `directory` is not a folder or holds no lesson folder.
    static func lessonFolders(in directory: String) throws -> [String] {
        guard Paths.isDirectory(directory) else { throw LessonLibraryError.notAFolder(path: directory, source: "the command line") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let folders = names.filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
            .filter { Paths.isDirectory(Paths.join(directory, $0)) }
        guard !folders.isEmpty else { throw LessonLibraryError.empty(path: directory) }
        return folders
    }

    /// The lesson the user means by `name`: its number (`5`, `05`), its id (`05-broken-pool`), or the id without
    /// the number (`broken-pool`).
    public func lesson(matching name: String) -> Lesson? {
        Self.match(name, in: lessons)
    }

    /// `lesson(matching:)` over any lessons, sorted as a library sorts them (by number, then id).
    static func match(_ name: String, in lessons: [Lesson]) -> Lesson? {
        let s = LessonQuery(name)
        if let n = s.number { return lessons.first { $0.number == n } }
        return lessons.first { $0.id.lowercased() == s.text }
            ?? lessons.first { LessonQuery.withoutNumber($0.id) == s.text }
    }

    /// Like `lesson(matching:)`, but an unknown name is an error that lists the known lessons.
    public func lesson(named name: String) throws -> Lesson {
        guard let lesson = lesson(matching: name) else {
            throw LessonLibraryError.unknownLesson(name, known: lessons.map { "\($0.number) (\($0.id))" })
        }
        return lesson
    }

    // MARK: - Finding the folder

    /// The lessons folder to use, in this order: `explicit` (`--lessons`), `$PROCTUTOR_LESSONS`, the installed
    /// lessons next to the binary (`<bin>/../share/proctutor/lessons`), then the checkout's `lessons/` (for
    /// `swift run`).
    /// - Throws: `LessonLibraryError.notAFolder` for a bad explicit or environment path, `.notFound` listing
    ///   every place looked at.
    public static func locate(explicit: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let explicit, !explicit.isEmpty {
            guard Paths.isDirectory(explicit) else { throw LessonLibraryError.notAFolder(path: explicit, source: "--lessons") }
            return explicit
        }
        if let env = environment["PROCTUTOR_LESSONS"], !env.isEmpty {
            guard Paths.isDirectory(env) else {
                throw LessonLibraryError.notAFolder(path: env, source: "PROCTUTOR_LESSONS")
            }
            return env
        }
        let candidates = builtInCandidates()
        if let found = candidates.first(where: Paths.isDirectory) { return found }
        throw LessonLibraryError.notFound(tried: ["--lessons (not given)", "PROCTUTOR_LESSONS (not set)"] + candidates)
    }

    /// Where built-in lessons may be: installed beside the binary, then the source checkout.
    static func builtInCandidates() -> [String] {
        var out: [String] = []
        for exe in executablePaths() {
            let bin = URL(fileURLWithPath: exe).deletingLastPathComponent()
            let installed = bin.deletingLastPathComponent().appendingPathComponent("share/proctutor/lessons").path
            if !out.contains(installed) { out.append(installed) }
        }
        // Sources/ProcTutorLessons/LessonLibrary.swift → the checkout's lessons/.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
        out.append(checkout)
        return out
    }

    /// The running binary, as the kernel knows it and as it was invoked (they differ through a symlink).
    static func executablePaths() -> [String] {
        var out: [String] = []
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { out.append(real) }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            let abs = Paths.standardized(arg0.hasPrefix("/") ? arg0 : Paths.join(FileManager.default.currentDirectoryPath, arg0))
            if !out.contains(abs) { out.append(abs) }
        }
        return out
    }
}
