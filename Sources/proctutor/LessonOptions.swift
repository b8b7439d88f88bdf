import ArgumentParser
import Foundation
import ProcTutorCore
import ProcTutorLessons

extension Lang: ExpressibleByArgument {}

/// `--lessons DIR` and `--lang zh|en`, shared by every command that shows lessons.
struct LessonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The lessons folder (default: $PROCTUTOR_LESSONS, then the built-in lessons).",
                                            valueName: "dir"))
    var lessons: String?

    @Option(name: .long, help: ArgumentHelp("The language: zh or en (default: from LC_ALL, LC_MESSAGES, LANG).",
                                            valueName: "zh|en"))
    var lang: Lang?

    /// The lesson `name` names; an unknown one is an error listing the known lessons.
    func lesson(_ name: String, in library: LessonLibrary) throws -> Lesson {
        do { return try library.lesson(named: name) } catch { throw failure("proctutor: " + CLI.text(of: error, language)) }
    }

    /// The chosen language, or the locale's.
    var language: Lang { lang ?? Lang.preferred(environment: ProcessInfo.processInfo.environment) }

    /// The lessons folder to use.
    func directory() throws -> String {
        do { return try LessonLibrary.locate(explicit: lessons) } catch { throw failure("proctutor: " + CLI.text(of: error, language)) }
    }

    /// The loaded library; a folder that cannot be loaded is a clear error, never a crash.
    func library() throws -> LessonLibrary {
        let dir = try directory()
        do { return try LessonLibrary(directory: dir) } catch { throw failure("proctutor: " + CLI.text(of: error, language)) }
    }
}

/// One line on stderr, for reports that must not mix with a command's output.
func printError(_ message: String) {
    writeText(2, message + "\n")
}
