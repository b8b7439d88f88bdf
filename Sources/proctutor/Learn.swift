import ArgumentParser
import Foundation
import Glibc
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorTerminal
import ProcTutorUI

/// `proctutor` and `proctutor learn [LESSON]`: the full-screen tutorial, or the plain text where it cannot run.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Open the tutorial: where you left off, or at LESSON.",
        discussion: """
            Keys: r run, s stop, p pause the view (the program runs on), , . step, < > replay speed, n run 20 times, \
            F freeze the processes, ←/→ lesson, Tab pane, v variant, m start method, Q quiz, ? help, q quit.
            Where the terminal cannot show it (TERM=dumb, output not a terminal) the lesson is printed as plain text.
            """)

    @Argument(help: "A lesson number, id or name (default: the lesson you were on, else the first).")
    var lesson: String?

    @OptionGroup var options: LessonOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let library = try options.library()
        guard !library.lessons.isEmpty else {
            throw failure(CLI.noLessons(library.directory), options.language)
        }
        let store = ProgressStore(environment: environment)
        let (progress, loadProblems) = store.load()
        let start = try lesson.map { try options.lesson($0, in: library) }
            ?? progress.lastLesson.flatMap { id in library.lessons.first { $0.id == id } }
            ?? library.lessons[0]
        let lang = options.language
        let notes = loadProblems + libraryNote(library)

        guard Tutorial.canRunFullScreen(environment: environment) else {
            printPlain(start, of: library, lang: lang, store: store, notes: notes, environment: environment)
            return
        }
        do {
            try Self.fullScreen(library: library, at: start, lang: lang, store: store, progress: progress,
                                notes: notes, environment: environment)
        } catch let error as TerminalError {
            // curses refused this terminal (an unknown TERM): the plain text still teaches.
            printPlain(start, of: library, lang: lang, store: store,
                       notes: notes + [CLI.plainTextInstead("\(error)")[lang]], environment: environment)
        }
    }

    /// The full-screen tutorial at `start` (in its quiz with `openQuiz`), until the student leaves.
    ///
    /// - Throws: `TerminalError` when curses refuses the terminal (nothing was drawn: the caller falls back to
    ///   plain text), `ExitCode` 128+N when signal N ended it.
    static func fullScreen(library: LessonLibrary, at start: Lesson, lang: Lang, store: ProgressStore,
                           progress: StudentProgress, notes: [String], environment: [String: String],
                           openQuiz: Bool = false) throws {
        let index = library.lessons.firstIndex { $0.id == start.id } ?? 0
        let demos = library.lessons.flatMap { lesson in lesson.demos.map { lesson.path(of: $0) } }
        // Found once, at the first run: behind a pyenv/asdf shim the search runs a process, which must stall
        // neither the first frame nor every `r`. Not found: each run says how to install Python, in the output pane.
        let python = PythonOnDemand(environment: environment)
        var state = AppState(lessons: library.lessons, lessonIndex: index, lang: lang, width: 0, height: 0,
                             monochrome: !(environment["NO_COLOR"] ?? "").isEmpty,
                             sources: [:], progress: progress)
        // The first frame does not wait for Python's tokenizer: the code shows plain, then coloured.
        // The lesson on screen goes first in the one tokenizer run.
        let visible = library.lessons[index].demos.map { library.lessons[index].path(of: $0) }
        let (sources, tokenizing) = PythonTokens.start(files: visible + demos.filter { !visible.contains($0) },
                                                       python: python.candidate)
        state.sources = sources
        if openQuiz { state.openQuiz() }
        let session = TutorialSession(state: state, store: store, python: python.path, tokenizing: tokenizing,
                                      runs: RunStore(environment: environment))
        let exit = try Tutorial.run(hooks: session.hooks, environment: environment)
        for note in notes + session.problems { printError(note) }
        if case let .openExercise(id) = exit, let lesson = library.lessons.first(where: { $0.id == id }),
           let exercise = lesson.exercises.first {
            // `x`: the lesson's exercise, then the tutorial again at that lesson.
            do {
                try ExerciseSession.open(lesson: lesson, exercise: exercise, python: python.path ?? "python3", reset: false,
                                         plain: false, lang: lang)
            } catch let code as ExitCode where code.rawValue > 2 {
                throw code
            } catch {
                printError("proctutor: \(error)")
            }
            try fullScreen(library: library, at: lesson, lang: lang, store: store, progress: store.load().0,
                           notes: [], environment: environment)
            return
        }
        if let fallback = LocaleSetup.fallback { printError(LocaleSetup.note(fallback, lang: lang)) }
        if exit != .quit { throw ExitCode(exit.exitCode) }
    }

    private func libraryNote(_ library: LessonLibrary) -> [String] {
        library.problems.contains { $0.severity == .error }
            ? [CLI.hasProblems(library.directory)[options.language]] : []
    }

    /// The plain mode: the lesson as wrapped text and the plain commands for the rest; never curses.
    private func printPlain(_ lesson: Lesson, of library: LessonLibrary, lang: Lang, store: ProgressStore,
                            notes: [String], environment: [String: String]) {
        let lines = PlainLesson.render(lesson, of: library.lessons.count, lang: lang,
                                       width: Self.plainWidth(environment: environment))
        writeText(1, lines.joined(separator: "\n") + "\n")
        let (_, problems) = store.update { $0.open(lesson: lesson.id, at: Date()) }
        for note in notes + problems { printError(note) }
    }

    /// `$COLUMNS`, else the terminal's width, else 80; capped so long lines stay readable.
    static func plainWidth(environment: [String: String]) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return min(columns, 100) }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return min(Int(size.ws_col), 100) }
        return 80
    }
}
