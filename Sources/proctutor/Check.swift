import ArgumentParser
import Foundation
import ProcTutorLessons

/// `proctutor check [DIR]`: validates a lessons folder and prints every problem as `path:line:col: message`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a lessons folder: schema, files, demos compile, quiz keys, both languages, Markdown.",
        discussion: """
            Prints each problem as path:line:col: message and exits 1 if there is an error. Warnings (a quiz with \
            single-choice answers all in one or two positions, a quiz with \
            fewer than 6 questions, raw HTML or images in the text) fail the check only with --strict.
            """)

    @Argument(help: ArgumentHelp("The lessons folder (default: --lessons, $PROCTUTOR_LESSONS, the built-in lessons).",
                                 valueName: "dir"))
    var dir: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: ArgumentHelp("The Python that compiles the demos (default: $PROCTUTOR_PYTHON, then python3).",
                               valueName: "python"))
    var python: String?

    @OptionGroup var options: LessonOptions

    func run() throws {
        let directory: String
        if let dir {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw failure(CLI.notAFolder(dir), options.language)
            }
            directory = dir
        } else {
            directory = try options.directory()
        }
                // The same interpreter the demos will run with.
        let env = ProcessInfo.processInfo.environment["PROCTUTOR_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        let check = LessonCheck(directory: directory, python: python ?? env ?? "python3")
        for var problem in check.problems {
            problem.path = Self.relative(problem.path)
            print(problem)
        }
        let e = check.errors.count, w = check.warnings.count
        print(CLI.checked(lessons: check.lessonCount, in: Self.relative(directory), errors: e, warnings: w)[options.language])
        if !check.passes(strict: strict) { throw ExitCode(1) }
    }

    /// Paths under the current folder print relative, as a compiler's do.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
