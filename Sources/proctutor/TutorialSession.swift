import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorTerminal
import ProcTutorUI

/// The full-screen tutorial's wiring: the app's state, the progress store and the engine, as the loop's hooks.
///
/// Wiring only: what the app decides lives in `App.update`, what the terminal does in `ProcTutorTerminal`.
final class TutorialSession {
    private var state: AppState
    /// nil: nothing is saved (`proctutor watch`, whose scratch lesson is not a lesson of the student's).
    private let store: ProgressStore?
    private let python: String?
    /// Command-line arguments for every run (`proctutor watch FILE -- ARGS`).
    private let arguments: [String]
    /// Re-read the program's source on every run, so `r` shows an edited file (`proctutor watch`).
    private let reloadsSource: Bool
    /// Messages for stderr, printed once the terminal is back (curses would hide them).
    private(set) var problems: [String] = []
    /// Where runs are recorded (nil: not at all); `recordKey` names a watched script's folder in it.
    private let runs: RunStore?
    private let recordKey: String?

    /// The tokenizer run colouring the code, until its result is in the state.
    private let tokenizing: PythonTokens.Tokenizing?

    init(state: AppState, store: ProgressStore?, python: String?, arguments: [String] = [],
         reloadsSource: Bool = false, tokenizing: PythonTokens.Tokenizing? = nil,
         runs: RunStore? = nil, recordKey: String? = nil) {
        self.state = state
        self.runs = runs
        self.recordKey = recordKey
        self.tokenizing = tokenizing
        self.store = store
        self.python = python
        self.arguments = arguments
        self.reloadsSource = reloadsSource
    }

    var hooks: TutorialHooks {
        var hooks = TutorialHooks(
            update: { [unowned self] msg in App.update(&state, msg) },
            view: { [unowned self] in App.view(state) },
            startRun: { [unowned self] path, method in try start(path: path, startMethod: method) },
            saveProgress: { [unowned self] in save() })
        hooks.started = { [unowned self] colored in state.monochrome = !colored }
        hooks.wantsFrames = { [unowned self] in App.wantsFrames(state) }
        if let tokenizing {
            hooks.background.append(BackgroundWork(fd: tokenizing.fd, readable: { [unowned self] in
                guard let coloured = tokenizing.readAvailable() else { return false }
                state.sources.merge(coloured) { $1 }
                return true
            }, cancel: { tokenizing.cancel() }))
        }
        return hooks
    }

    /// A demo under the supervisor, with its time limit from the lesson (an endless demo ends on its own).
    private func start(path: String, startMethod: StartMethod?) throws -> any DemoRun {
        if reloadsSource {
            // PythonTokens caches by size and modification time: an unchanged file costs no tokenizer run.
            state.sources.merge(PythonTokens.load(files: [path], python: python ?? "python3")) { $1 }
        }
        // A lesson's demo names its lesson and variant in the run header; `watch`'s scratch lesson does not.
        let current = state.run.flatMap { $0.path == path && !reloadsSource ? $0 : nil }
        let run = try SupervisedRun(config: RunConfig(program: path, arguments: arguments, python: python,
                                                      startMethod: startMethod, timeout: timeout(of: path),
                                                      lesson: current?.lessonID, variant: current?.demoName))
        return record(run, startMethod: startMethod)
    }

    /// The run, written to a new recording as it goes (the lesson's, or the watched script's, newest): the
    /// supervisor's own lines, as they are read. The recorder lives as long as the run (its file closes then).
    private func record(_ run: SupervisedRun, startMethod: StartMethod?) -> any DemoRun {
        guard let runs, let current = state.run else { return run }
        let key = recordKey ?? current.lessonID
        let (recorder, problem) = runs.begin(key: key, label: "\(current.demoName)-\(startMethod?.rawValue ?? "default")")
        if let problem, !problems.contains(problem) { problems.append(problem) }
        if let recorder { run.lineTap = { recorder.write(lines: $0) } }
        return run
    }

    /// The time limit of the demo the app has just started: its `timeout`, else the default.
    ///
    /// Found by the run's lesson and demo name, not by path: two demos may share a file (lesson 5's `original`
    /// and `original-spawn`) with different limits.
    private func timeout(of path: String) -> Double {
        let demo: Demo?
        if let run = state.run, run.path == path, let lesson = state.lessons.first(where: { $0.id == run.lessonID }) {
            demo = lesson.demo(named: run.demoName)
        } else {
            demo = state.lessons.lazy.compactMap { lesson in lesson.demos.first { lesson.path(of: $0) == path } }.first
        }
        return demo?.timeout ?? DemoRunner.defaultTimeout
    }

    /// Records finished quizzes and the lesson the student is on, merged with what is on disk.
    private func save() {
        guard let store else { return }
        let results = state.unsavedQuizResults
        // The exercise's scratch lesson is not a lesson to resume at.
        let current = state.exercise == nil ? state.lesson?.id : nil
        let passed = state.exercise.flatMap { $0.unsavedPass ? ($0.lessonID, $0.exercise.id) : nil }
        let now = Date()
        let (saved, problems) = store.update { progress in
            for (id, result) in results.sorted(by: { $0.key < $1.key }) {
                progress.recordFinishedQuiz(lesson: id,
                                            score: QuizScore(correct: result.correct, total: result.total, at: now))
            }
            if let current { progress.open(lesson: current, at: now) }
            if let passed { progress.recordExercisePassed(lesson: passed.0, exercise: passed.1) }
        }
        if passed != nil { state.exercise?.unsavedPass = false }
        state.progressSaved(saved)
        self.problems += problems
    }
}
