import ArgumentParser
import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem

/// `proctutor exercise LESSON [ID]`: a lesson's exercise, checked against the real run of the student's code.
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Do a lesson's exercise: edit your copy of the starter, every save is run and checked.",
        discussion: """
            Copies the exercise's starter to $XDG_DATA_HOME/proctutor/exercises/LESSON/ID.py (default \
            ~/.local/share/…; never over your work), prints its path and watches it: each save runs it under \
            the tracer and shows every check ✓/✗ with the observed value. Keys: e edit ($EDITOR), h next hint, \
            s solution (asks first unless you passed), r run again, q quit. --reset starts again from the \
            starter (asks first; your old file is kept as ID.py.~N~).

            --check FILE runs FILE once per start method the checks need and prints each check (--plain, the \
            default, or --json); exit 0 if all pass, 1 if one fails, 2 for bad input (unknown lesson or \
            exercise, missing file, syntax error: Python's own message).
            """)

    @Argument(help: "The lesson: its number (5), id (05-broken-pool) or name (broken-pool).")
    var lesson: String

    @Argument(help: "The exercise's id (default: the lesson's first exercise).")
    var id: String?

    @Option(help: ArgumentHelp("Check this file once, print the results and exit (0 pass, 1 fail, 2 bad input).",
                               valueName: "file"))
    var check: String?

    @Flag(help: "Print the results as JSON (with --check).")
    var json = false

    @Flag(help: "Plain lines, no full screen: for pipes and screen readers.")
    var plain = false

    @Flag(help: "Start again from the starter (asks first; the old file is kept as ID.py.~N~).")
    var reset = false

    @Option(help: "The Python interpreter (default: $PROCTUTOR_PYTHON, then python3 on PATH).")
    var python: String?

    @OptionGroup var options: LessonOptions

    func validate() throws {
        if json && plain { throw ValidationError("--json and --plain exclude each other") }
        if json && check == nil { throw ValidationError("--json goes with --check FILE") }
        if reset && check != nil { throw ValidationError("--reset and --check exclude each other") }
    }

    func run() throws {
        let library = try options.library()
        let lesson = try options.lesson(self.lesson, in: library)
        guard let exercise = lesson.exercise(named: id) else {
            let known = lesson.exercises.map(\.id).joined(separator: ", ")
            let what = id.map { "has no exercise '\($0)'" } ?? "has no exercise"
            throw failure("proctutor exercise: lesson \(lesson.id) \(what)"
                          + (known.isEmpty ? "" : " (it has: \(known))"))
        }
        let interpreter: String
        do { interpreter = try PythonLocator.locate(explicit: python) } catch {
            throw failure("proctutor exercise: \(error)")
        }
        if let check {
            throw ExitCode(checkOnce(check, exercise: exercise, lesson: lesson, python: interpreter))
        }
        try ExerciseSession.open(lesson: lesson, exercise: exercise, python: interpreter, reset: reset,
                                 plain: plain, lang: options.language)
    }

    /// `--check FILE`: 0 all pass, 1 a check fails, 2 bad input.
    private func checkOnce(_ file: String, exercise: Exercise, lesson: Lesson, python: String) -> Int32 {
        let report: ExerciseReport
        do {
            report = try ExerciseRunner.check(file: file, exercise: exercise, lesson: lesson, python: python)
        } catch {
            printError("proctutor exercise: \(error)")
            return 2
        }
        if json {
            print(report.json(lang: options.language))
        } else {
            for line in report.plainLines(lang: options.language) { print(line) }
        }
        return report.passed ? 0 : 1
    }
}
