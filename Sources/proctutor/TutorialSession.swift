import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorTerminal
import ProcTutorUI

/// The full-screen tutorial's wiring: the app's state, the progress store and the engine, as the loop's hooks.
///
/// Wiring only: what the app decides lives in `App.update`, what the terminal does in `ProcTutorTerminal`.
final class TutorialSession {
    private var state: AppState
    private let store: ProgressStore
    private let python: String?
    /// Messages for stderr, printed once the terminal is back (curses would hide them).
    private(set) var problems: [String] = []

    init(state: AppState, store: ProgressStore, python: String?) {
        self.state = state
        self.store = store
        self.python = python
    }

    var hooks: TutorialHooks {
        var hooks = TutorialHooks(
            update: { [unowned self] msg in App.update(&state, msg) },
            view: { [unowned self] in App.view(state) },
            startRun: { [unowned self] path, method in try start(path: path, startMethod: method) },
            saveProgress: { [unowned self] in save() })
        hooks.started = { [unowned self] colored in state.monochrome = !colored }
        return hooks
    }

    /// A demo under the supervisor, with its time limit from the lesson (an endless demo ends on its own).
    private func start(path: String, startMethod: StartMethod?) throws -> any DemoRun {
        let demo = state.lessons.lazy.compactMap { lesson in lesson.demos.first { lesson.path(of: $0) == path } }.first
        return try SupervisedRun(config: RunConfig(program: path, python: python, startMethod: startMethod,
                                                   timeout: demo?.timeout ?? DemoRunner.defaultTimeout))
    }

    /// Records finished quizzes and the lesson the student is on, merged with what is on disk.
    private func save() {
        let results = state.unsavedQuizResults
        let current = state.lesson?.id
        let now = Date()
        let (saved, problems) = store.update { progress in
            for (id, result) in results.sorted(by: { $0.key < $1.key }) {
                progress.recordQuiz(lesson: id, score: QuizScore(correct: result.correct, total: result.total, at: now))
                progress.markDone(lesson: id)
            }
            if let current { progress.open(lesson: current, at: now) }
        }
        state.progressSaved(saved)
        self.problems += problems
    }
}
