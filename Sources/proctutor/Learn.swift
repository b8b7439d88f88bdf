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
        let store = ProgressStore(environment: environment)
        let (progress, loadProblems) = store.load()
        let lang = options.language
        guard Tutorial.canRunFullScreen(environment: environment) else {
            let (library, start) = try loadedLibrary(resume: progress.lastLesson)
            printPlain(start, of: library, lang: lang, store: store,
                       notes: loadProblems + Self.libraryNote(library, lang), environment: environment)
            return
        }
        // The first frame waits for the lesson it shows, not for all of them (see `LessonOpening`).
        let directory = try options.directory()
        let opening: LessonOpening
        do {
            opening = try LessonOpening.read(named: lesson, resume: progress.lastLesson, in: directory)
        } catch LessonLibraryError.empty(path: directory) {
            throw failure(CLI.noLessons(directory), lang)
        } catch {
            throw failure("proctutor: " + CLI.text(of: error, lang))
        }
        let lessons = TutorialLessons.opening(opening, directory: directory, named: lesson,
                                              resume: progress.lastLesson)
        do {
            try Self.fullScreen(lessons, lang: lang, store: store, progress: progress, notes: loadProblems,
                                environment: environment)
        } catch let error as TerminalError {
            // curses refused this terminal (an unknown TERM): the plain text still teaches.
            let (library, start) = try loadedLibrary(resume: progress.lastLesson)
            printPlain(start, of: library, lang: lang, store: store,
                       notes: loadProblems + Self.libraryNote(library, lang) + [CLI.plainTextInstead("\(error)")[lang]],
                       environment: environment)
        }
    }

    /// The whole library and the lesson to open at, for the plain text.
    private func loadedLibrary(resume: String?) throws -> (LessonLibrary, Lesson) {
        let library = try options.library()
        guard !library.lessons.isEmpty else { throw failure(CLI.noLessons(library.directory), options.language) }
        let start = try lesson.map { try options.lesson($0, in: library) }
            ?? resume.flatMap { id in library.lessons.first { $0.id == id } }
            ?? library.lessons[0]
        return (library, start)
    }

    /// The lessons the tutorial opens with.
    enum TutorialLessons {
        /// All of them, loaded (the quiz command, the tutorial again after an exercise), and the one to open at.
        case loaded(LessonLibrary, at: Lesson)
        /// Only the one to open at; the library is loaded after the first frame and opens where `named` and
        /// `resume` say, as `LessonLibrary.opening(named:resume:)` decides.
        case opening(LessonOpening, directory: String, named: String?, resume: String?)
    }

    /// The full-screen tutorial at the lesson `lessons` opens at (in its quiz with `openQuiz`), until the
    /// student leaves.
    ///
    /// - Throws: `TerminalError` when curses refuses the terminal (nothing was drawn: the caller falls back to
    ///   plain text), `ExitCode` 128+N when signal N ended it.
    static func fullScreen(_ lessons: TutorialLessons, lang: Lang, store: ProgressStore,
                           progress: StudentProgress, notes: [String], environment: [String: String],
                           openQuiz: Bool = false) throws {
        // Found once, at the first run: behind a pyenv/asdf shim the search runs a process, which must stall
        // neither the first frame nor every `r`. Not found: each run says how to install Python, in the output pane.
        let python = PythonOnDemand(environment: environment)
        let start: Lesson
        var state: AppState
        let monochrome = !(environment["NO_COLOR"] ?? "").isEmpty
        switch lessons {
        case let .loaded(library, lesson):
            start = lesson
            state = AppState(lessons: library.lessons, lessonIndex: library.lessons.firstIndex { $0.id == lesson.id } ?? 0,
                             lang: lang, width: 0, height: 0, monochrome: monochrome, progress: progress)
        case let .opening(opening, _, _, _):
            start = opening.lesson
            state = AppState(lessons: [start], lang: lang, width: 0, height: 0, monochrome: monochrome,
                             progress: progress)
            state.lessonsToCome = max(0, opening.folders - 1)
        }
        // The first frame shows the code plain; the tokenizer starts after it and colours it.
        let visible = start.demos.map { start.path(of: $0) }
        state.sources = PythonTokens.plain(files: visible)
        if openQuiz { state.openQuiz() }
        let loaded = LoadedLibrary()
        let session = TutorialSession(state: state, store: store, python: python.path,
                                      runs: RunStore(environment: environment))
        /// Every demo's text now (another lesson's code must not wait for the tokenizer), its colours later.
        func colour(_ files: [String], into state: inout AppState) -> PythonTokens.Tokenizing? {
            let (sources, pending) = PythonTokens.start(files: files, python: python.candidate)
            state.sources.merge(sources) { $1 }
            return pending
        }
        session.afterFirstFrame = { state in
            let library: LessonLibrary
            switch lessons {
            case let .loaded(all, _):
                library = all
            case let .opening(_, directory, name, resume):
                do {
                    library = try LessonLibrary(directory: directory)
                } catch {
                    // The folder went away since the first frame: the lesson on screen stays, alone.
                    loaded.problems.append("proctutor: " + CLI.text(of: error, lang))
                    state.lessonsArrived([], open: nil)
                    return colour(visible, into: &state)
                }
                state.lessonsArrived(library.lessons, open: (try? library.opening(named: name, resume: resume))??.id)
            }
            loaded.library = library
            loaded.problems += libraryNote(library, lang)
            // The lesson on screen first in the one tokenizer run.
            let demos = library.lessons.flatMap { lesson in lesson.demos.map { lesson.path(of: $0) } }
            return colour(visible + demos.filter { !visible.contains($0) }, into: &state)
        }
        let exit = try Tutorial.run(hooks: session.hooks, environment: environment)
        for note in notes + loaded.problems + session.problems { printError(note) }
        if case let .openExercise(id) = exit, let library = loaded.library,
           let lesson = library.lessons.first(where: { $0.id == id }), let exercise = lesson.exercises.first {
            // `x`: the lesson's exercise, then the tutorial again at that lesson.
            do {
                try ExerciseSession.open(lesson: lesson, exercise: exercise, python: python.path ?? "python3", reset: false,
                                         plain: false, lang: lang)
            } catch let code as ExitCode where code.rawValue > 2 {
                throw code
            } catch {
                printError("proctutor: \(error)")
            }
            try fullScreen(.loaded(library, at: lesson), lang: lang, store: store, progress: store.load().0,
                           notes: [], environment: environment)
            return
        }
        if let fallback = LocaleSetup.fallback { printError(LocaleSetup.note(fallback, lang: lang)) }
        if exit != .quit { throw ExitCode(exit.exitCode) }
    }

    /// What the work after the first frame found: the whole library, and notes for stderr.
    private final class LoadedLibrary {
        var library: LessonLibrary?
        var problems: [String] = []
    }

    private static func libraryNote(_ library: LessonLibrary, _ lang: Lang) -> [String] {
        library.problems.contains { $0.severity == .error } ? [CLI.hasProblems(library.directory)[lang]] : []
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
