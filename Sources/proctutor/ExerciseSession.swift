import ArgumentParser
import Foundation
@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorTerminal
import ProcTutorUI

/// The interactive exercise: the workspace copy, then the watch loop (plain lines; the full screen where it can
/// run). Every save of the student's file runs it and checks it; nothing the student wrote is ever lost.
enum ExerciseSession {
    static func open(lesson: Lesson, exercise: Exercise, python: String, reset: Bool, plain: Bool, lang: Lang) throws {
        let workspace = ExerciseWorkspace()
        let input = LineInput()
        let path: String
        do {
            if reset {
                let old = workspace.file(lesson: lesson, exercise: exercise)
                if FileManager.default.fileExists(atPath: old) {
                    writeText(1, ExerciseTexts.askReset(old)[lang])
                    let answer = input.nextLine()
                    if isatty(0) == 0 { writeText(1, (answer ?? "") + "\n") }  // a transcript that reads well
                    if answer.map(ExerciseTexts.isYes) == true {
                        let (p, kept) = try workspace.reset(lesson: lesson, exercise: exercise)
                        if let kept { writeText(1, ExerciseTexts.kept(kept)[lang] + "\n") }
                        path = p
                    } else {
                        writeText(1, ExerciseTexts.notReset[lang] + "\n")
                        path = old
                    }
                } else {
                    path = try workspace.prepare(lesson: lesson, exercise: exercise).path
                }
            } else {
                let (p, created) = try workspace.prepare(lesson: lesson, exercise: exercise)
                path = p
                writeText(1, (created ? ExerciseTexts.created : ExerciseTexts.existing)[lang] + "\n")
            }
        } catch {
            throw failure("proctutor exercise: \(error)")
        }
        writeText(1, path + "\n")
        let watcher: FileWatcher
        do { watcher = try FileWatcher(path: path) } catch { throw failure("proctutor exercise: \(error)") }
        let environment = ProcessInfo.processInfo.environment
        if !plain, Tutorial.canRunFullScreen(environment: environment) {
            do {
                try fullScreen(lesson: lesson, exercise: exercise, path: path, python: python, lang: lang,
                               watcher: watcher, environment: environment)
                return
            } catch let error as TerminalError {
                printError("proctutor exercise: \(error); plain lines instead")
            }
        }
        var loop = PlainExerciseLoop(lesson: lesson, exercise: exercise, path: path, python: python, lang: lang,
                                     watcher: watcher, input: input, workspace: workspace)
        loop.run()
    }
}

extension ExerciseSession {
    /// The tutorial's live panes around the student's file, the lesson pane its checklist; every save re-runs it.
    static func fullScreen(lesson: Lesson, exercise: Exercise, path: String, python: String, lang: Lang,
                           watcher: FileWatcher, environment: [String: String]) throws {
        let store = ProgressStore(environment: environment)
        let passed = store.load().0[lesson: lesson.id].exercisesPassed.contains(exercise.id)
        let solutionPath = lesson.path(of: exercise.solution)
        let solution = String(decoding: FileManager.default.contents(atPath: solutionPath) ?? Data(), as: UTF8.self)
        let mode = ExerciseMode(lessonID: lesson.id, exercise: exercise, path: path, solution: solution,
                                solutionPath: solutionPath, passed: passed)
        let state = ExerciseMode.state(mode, lang: lang, monochrome: !(environment["NO_COLOR"] ?? "").isEmpty,
                                       sources: PythonTokens.load(files: [path], python: python))
        let session = TutorialSession(state: state, store: store, python: python, reloadsSource: true)
        var hooks = session.hooks
        // Python's own message for a file that does not compile, shown above the checks (the run shows it too).
        func problem() -> [AppMsg] { ExerciseRunner.problem(of: path, python: python).map { [.exerciseFileProblem($0)] } ?? [] }
        hooks.opening = [.key(.char("r"))] + problem()
        hooks.openEditor = { ExerciseEditor.open($0) }
        let pending = PendingMessages()
        var work = BackgroundWork(fd: watcher.fd, readable: {
            // One message for a burst of events (an editor's save is several): the last change decides.
            switch watcher.changes().last {
            case .saved: pending.messages = [.exerciseFileSaved] + problem()
            case .removed:
                pending.messages = FileManager.default.fileExists(atPath: path) ? [.exerciseFileSaved] + problem()
                    : [.exerciseFileRemoved]
            case nil: pending.messages = []
            }
            return false
        }, cancel: {})
        work.messages = { defer { pending.messages = [] }; return pending.messages }
        hooks.background.append(work)
        let exit = try Tutorial.run(hooks: hooks, environment: environment)
        for note in session.problems { printError(note) }
        if let fallback = LocaleSetup.fallback { printError(LocaleSetup.note(fallback, lang: lang)) }
        if case .signal = exit { throw ExitCode(exit.exitCode) }
    }
}

/// Messages a background job has for the app, between its `readable` and `messages` calls.
final class PendingMessages {
    var messages: [AppMsg] = []
}

/// $VISUAL or $EDITOR (else vi) on a file, on this terminal, until it exits.
enum ExerciseEditor {
    /// False when the editor could not be started.
    @discardableResult
    static func open(_ path: String) -> Bool {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let vars = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        guard let pid = try? Spawner.spawn(path: "/bin/sh", argv: ["/bin/sh", "-c", "exec \(editor) \"$1\"", "sh", path],
                                           env: vars, stdio: [.fd(0), .fd(1), .fd(2)], newSession: false) else {
            return false
        }
        return decodeWaitStatus(Child.waitSharingTerminal(pid)).code != 127
    }
}

/// The line-by-line exercise: the report after every save, keys as lines (e h s r q, then Enter).
struct PlainExerciseLoop {
    let lesson: Lesson
    let exercise: Exercise
    let path: String
    let python: String
    let lang: Lang
    let watcher: FileWatcher
    let input: LineInput
    let workspace: ExerciseWorkspace
    var hintsShown = 0
    var passed = false
    /// The contents of the file at the last run: written back with `r` if the file is deleted.
    var lastContents: Data?

    init(lesson: Lesson, exercise: Exercise, path: String, python: String, lang: Lang, watcher: FileWatcher,
         input: LineInput, workspace: ExerciseWorkspace) {
        self.lesson = lesson
        self.exercise = exercise
        self.path = path
        self.python = python
        self.lang = lang
        self.watcher = watcher
        self.input = input
        self.workspace = workspace
        passed = ProgressStore().load().0[lesson: lesson.id].exercisesPassed.contains(exercise.id)
    }

    mutating func run() {
        say(exercise.title[lang])
        say(exercise.task[lang])
        say(ExerciseTexts.plainKeys[lang])
        check()
        while true {
            let (file, stdin) = watcher.wait(seconds: -1, other: input.isOpen ? 0 : nil)
            if file { fileChanged() }
            if stdin {
                // The end of input ends the session, as in `quiz --plain`.
                guard var line = input.readAvailable() else {
                    if input.isOpen { continue } else { return }
                }
                // Every line that came in one read (pasted, piped), not one per wake-up.
                while true {
                    if !line.isEmpty, !command(line) { return }
                    guard let next = input.bufferedLine() else { break }
                    line = next
                }
            }
        }
    }

    private mutating func fileChanged() {
        // An editor's save is several events (a backup, a rename, a close): let them settle, then act once.
        var changes = watcher.changes()
        usleep(100_000)
        changes += watcher.changes()
        guard let last = changes.last else { return }
        if last == .removed, !FileManager.default.fileExists(atPath: path) {
            say(ExerciseTexts.deleted(path, canRestore: lastContents != nil)[lang])
            return
        }
        check()
    }

    /// One key (a line); false to quit.
    private mutating func command(_ line: String) -> Bool {
        switch line.trimmingCharacters(in: .whitespaces).lowercased() {
        case "q", "quit": return false
        case "r":
            if !FileManager.default.fileExists(atPath: path), let data = lastContents {
                do {
                    try workspace.restore(data, to: path)
                    say(ExerciseTexts.restored(path)[lang])
                } catch { say("\(error)") }
                // The watcher sees the new file and runs it.
            } else {
                check()
            }
        case "h": hint()
        case "s": solution()
        case "e": edit()
        default: say(ExerciseTexts.plainKeys[lang])
        }
        return true
    }

    private mutating func check() {
        guard FileManager.default.fileExists(atPath: path) else {
            say(ExerciseTexts.deleted(path, canRestore: lastContents != nil)[lang])
            return
        }
        lastContents = FileManager.default.contents(atPath: path) ?? lastContents
        say(ExerciseTexts.running[lang])
        let report: ExerciseReport
        do {
            report = try ExerciseRunner.check(file: path, exercise: exercise, lesson: lesson, python: python)
        } catch {
            say("✗ \(error)")
            say(ExerciseTexts.fixAndSave[lang])
            return
        }
        for line in report.plainLines(lang: lang) { say(line) }
        if report.passed {
            if !passed {
                let (_, problems) = ProgressStore().update {
                    $0.recordExercisePassed(lesson: lesson.id, exercise: exercise.id)
                }
                for p in problems { printError(p) }
            }
            passed = true
            say(ExerciseTexts.passed[lang])
        }
    }

    private mutating func hint() {
        guard hintsShown < exercise.hints.count else {
            say(ExerciseTexts.noMoreHints(exercise.hints.count)[lang])
            return
        }
        hintsShown += 1
        say(ExerciseTexts.hint(hintsShown, of: exercise.hints.count)[lang] + exercise.hints[hintsShown - 1][lang])
    }

    private func solution() {
        if !passed {
            say(ExerciseTexts.askSolution[lang], newline: false)
            let answer = input.nextLine()
            if isatty(0) == 0 { say(answer ?? "") }
            guard let answer, ExerciseTexts.isYes(answer) else {
                say(ExerciseTexts.solutionKept[lang])
                return
            }
        }
        let file = lesson.path(of: exercise.solution)
        say(ExerciseTexts.solutionHeader(file)[lang])
        say(String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self))
    }

    /// $VISUAL or $EDITOR (else vi) on the file, on this terminal; the watcher runs what it saves.
    private func edit() {
        if !ExerciseEditor.open(path) {
            let env = ProcessInfo.processInfo.environment
            say(ExerciseTexts.noEditor([env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first ?? "vi")[lang])
        }
    }

    private func say(_ s: String, newline: Bool = true) {
        writeText(1, newline ? s + "\n" : s)
    }
}

/// Lines from stdin, read without blocking once poll says there is something.
final class LineInput {
    private var buffer: [UInt8] = []
    private(set) var isOpen = true

    /// The next complete line if one has arrived (nil: none yet, or stdin ended).
    func readAvailable() -> String? {
        if let line = takeLine() { return line }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = read(0, &chunk, chunk.count)
        if n <= 0 {
            isOpen = false
            if !buffer.isEmpty { defer { buffer = [] }; return String(decoding: buffer, as: UTF8.self) }
            return nil
        }
        buffer += chunk[0..<n]
        return takeLine()
    }

    /// A complete line already read, without reading more.
    func bufferedLine() -> String? { takeLine() }

    /// Blocks for the next line (for a question); nil at the end of input.
    func nextLine() -> String? {
        while isOpen {
            if let line = takeLine() { return line }
            _ = Poll.readable([0], milliseconds: -1)
            if let line = readAvailable() { return line }
        }
        return takeLine()
    }

    private func takeLine() -> String? {
        guard let nl = buffer.firstIndex(of: 0x0A) else { return nil }
        let line = String(decoding: buffer[..<nl], as: UTF8.self)
        buffer.removeFirst(nl + 1)
        return line
    }
}
