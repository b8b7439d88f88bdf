import ArgumentParser
import Foundation
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem

/// `proctutor check [DIR]`: validates a lessons folder and prints every problem as `path:line:col: message`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a lessons folder: schema, files, demos compile, quiz keys, both languages, Markdown.",
        discussion: """
            Prints each problem as path:line:col: message and exits 1 if there is an error. Warnings (a quiz with \
            single-choice answers all in one or two positions, a quiz with \
            fewer than 6 questions, raw HTML or images in the text) fail the check only with --strict. Every \
            exercise's solution is run and must pass all its checks, and its starter must fail at least one \
            (--skip-exercises leaves this out).
            """)

    @Argument(help: ArgumentHelp("The lessons folder (default: --lessons, $PROCTUTOR_LESSONS, the built-in lessons).",
                                 valueName: "dir"))
    var dir: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Do not run the exercises' solutions and starters (which takes about a minute for the built-in lessons).")
    var skipExercises = false

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
        let interpreter = python ?? env ?? "python3"
        var check = LessonCheck(directory: directory, python: interpreter)
        if !skipExercises, let library = try? LessonLibrary(directory: directory),
           library.lessons.contains(where: { !$0.exercises.isEmpty }) {
            do {
                let located = try PythonLocator.locate(explicit: interpreter)
                check.add(ExerciseVerification.problems(library.lessons, python: located))
            } catch {
                check.add([Diagnostic(path: directory, "cannot run the exercises: \(error)")])
            }
        }
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
