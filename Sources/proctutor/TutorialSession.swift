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
    /// The interpreter of every run, asked for when a run starts (see `PythonOnDemand`).
    private let python: () -> String?
    /// Re-read the program's source on every run, so `r` shows an edited file (`proctutor watch`).
    private let reloadsSource: Bool
    /// Messages for stderr, printed once the terminal is back (curses would hide them).
    private(set) var problems: [String] = []
    /// Where runs are recorded (nil: not at all); `recordKey` names a watched script's folder in it.
    private let runs: RunStore?
    private let recordKey: String?

    /// Done once the first frame is drawn (see `TutorialHooks.afterFirstFrame`): completes the state (the
    /// other lessons) and may start the tokenizer run that colours the code.
    var afterFirstFrame: ((inout AppState) -> PythonTokens.Tokenizing?)?

    init(state: AppState, store: ProgressStore?, python: @autoclosure @escaping () -> String?,
         reloadsSource: Bool = false, runs: RunStore? = nil, recordKey: String? = nil) {
        self.state = state
        self.runs = runs
        self.recordKey = recordKey
        self.store = store
        self.python = python
        self.reloadsSource = reloadsSource
    }

    var hooks: TutorialHooks {
        var hooks = TutorialHooks(
            update: { [unowned self] msg in App.update(&state, msg) },
            view: { [unowned self] in App.view(state) },
            startRun: { [unowned self] request in try start(request) },
            saveProgress: { [unowned self] in save() })
        hooks.started = { [unowned self] colored in state.monochrome = !colored }
        hooks.wantsFrames = { [unowned self] in App.wantsFrames(state) }
        if let afterFirstFrame {
            hooks.afterFirstFrame = { [unowned self] in
                afterFirstFrame(&state).map { [colouring($0)] } ?? []
            }
        }
        return hooks
    }

    /// The tokenizer run as a job of the loop: its colours go into the state when they are in.
    private func colouring(_ tokenizing: PythonTokens.Tokenizing) -> BackgroundWork {
        BackgroundWork(fd: tokenizing.fd, readable: { [unowned self] in
            guard let coloured = tokenizing.readAvailable() else { return false }
            state.sources.merge(coloured) { $1 }
            return true
        }, cancel: { tokenizing.cancel() })
    }

    /// The run the app asked for, under the supervisor (an endless demo ends at its time limit).
    private func start(_ request: RunRequest) throws -> any DemoRun {
        if reloadsSource {
            // PythonTokens caches by size and modification time: an unchanged file costs no tokenizer run.
            state.sources.merge(PythonTokens.load(files: [request.program], python: python() ?? "python3")) { $1 }
        }
        let run = try SupervisedRun(config: RunConfig(
            program: request.program, arguments: request.arguments, python: python(),
            startMethod: request.startMethod, timeout: request.timeout ?? DemoRunner.defaultTimeout,
            lesson: request.lessonID, variant: request.lessonID == nil ? nil : request.variant))
        return record(run, request)
    }

    /// The run, written to a new recording as it goes (the lesson's, or the watched script's, newest): the
    /// supervisor's own lines, as they are read. The recorder lives as long as the run (its file closes then).
    private func record(_ run: SupervisedRun, _ request: RunRequest) -> any DemoRun {
        guard let runs, let key = recordKey ?? request.lessonID else { return run }
        let (recorder, problem) = runs.begin(key: key,
                                             label: "\(request.variant)-\(request.startMethod?.rawValue ?? "default")")
        if let problem, !problems.contains(problem) { problems.append(problem) }
        if let recorder { run.lineTap = { recorder.write(lines: $0) } }
        return run
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
