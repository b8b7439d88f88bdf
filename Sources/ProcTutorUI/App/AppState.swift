import ProcTutorCore

/// The panes of the tutorial, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case lesson, code, processes, output, timeline

    var title: Localized {
        switch self {
        case .lesson: S.lesson
        case .code: S.code
        case .processes: S.processes
        case .output: S.output
        case .timeline: S.timeline
        }
    }
}

/// How the output pane shows the run's output.
public enum OutputMode: Sendable {
    /// Every line tagged and coloured by the PID that wrote it.
    case byPID
    /// The shared stream exactly as a terminal would have interleaved it.
    case raw
}

/// A window drawn over the panes.
public enum Overlay: Equatable, Sendable {
    case help
    case confirmQuit
    /// Esc (`quitting` false) or q (true) with a quiz half answered: leaving loses the answers, so it asks.
    case confirmLeaveQuiz(quitting: Bool)
    /// The tally of `n`'s repeated runs.
    case tally
    /// Every failed pool task of the run on screen (`e`).
    case failures
}

/// A finished quiz's result (Core's `QuizScore` without the date, which the backend adds when it saves).
public struct QuizResult: Equatable, Sendable {
    public var correct: Int
    public var total: Int

    public init(correct: Int, total: Int) {
        self.correct = correct
        self.total = total
    }

    /// At the pass mark: the lesson counts as done.
    public var passed: Bool { Grading.passes(correct: correct, total: total) }
}

/// The whole state of the tutorial screen: a plain value, changed only by `App.update`.
public struct AppState: Sendable {
    public var lessons: [Lesson]
    public var lessonIndex: Int
    /// Lessons the backend has still to load: the tutorial's first frame has only the lesson it opens at, and
    /// the others arrive right after it (`lessonsArrived`), before any key is read. Counted in `lessonCount`,
    /// so the lesson's position (`1/5`) and the lesson keys are drawn in the first frame as in every other.
    public var lessonsToCome = 0
    public var lang: Lang
    public var width: Int
    public var height: Int
    /// Draw without colours (NO_COLOR, monochrome terminals): `App.view` strips them, attributes stay.
    public var monochrome: Bool
    /// Demo programs with their tokens, by absolute path (loaded by the backend).
    public var sources: [String: SourceCode]
    /// The student's saved progress, as loaded (shown: done marks, best scores).
    public var progress: StudentProgress
    /// Quizzes finished since the backend last saved, by lesson id. On `.saveProgress` the backend records
    /// them (`StudentProgress.recordQuiz`, `markDone`, with the date) and the current lesson
    /// (`open(lesson: state.lesson.id)`), then calls `progressSaved(_:)`.
    public private(set) var unsavedQuizResults: [String: QuizResult] = [:]
    /// The latest result of each quiz finished in this session, for display.
    public private(set) var quizResults: [String: QuizResult] = [:]

    public var focus: Pane = .lesson
    /// `z`: the focused pane fills the screen (tmux's zoom); kept while the tutorial runs.
    public var zoomed = false
    /// `L`: the lesson text is hidden, code and the run fill the screen (the presenter layout); kept while
    /// the tutorial runs.
    public var hideText = false
    /// First visible line of each pane's scrollable part.
    public var scroll: [Pane: Int] = [:]
    /// The output pane follows new lines until the student scrolls up.
    public var followOutput = true
    /// Chosen demo per lesson id (absent: the lesson's first demo).
    public var variant: [String: String] = [:]
    /// Start method the student chose with `m`, per lesson id: a choice made in one lesson never carries over
    /// to another (lesson 4's Pool demo must not run under the spawn chosen in lesson 3).
    public var startMethods: [String: StartMethod] = [:]
    /// Start method forced for the current lesson's next run (nil: the demo's own or the interpreter's default).
    public var startMethod: StartMethod? {
        get { lesson.flatMap { startMethods[$0.id] } }
        set {
            guard let id = lesson?.id else { return }
            startMethods[id] = newValue
        }
    }
    public var outputMode: OutputMode = .byPID
    /// The current run, or the last one (kept on screen after it ends): the live fold of every event.
    /// Replace it with `replaceRun`, which starts its history afresh; mutate it only through `record`.
    public internal(set) var run: RunState?
    /// `n`: the demo run N times and tallied (the last such set, kept until the next).
    public var repeatRuns: RepeatRuns?
    /// `proctutor replay`: the run on screen is a recording; nothing can be run or re-run.
    public var replayOnly = false
    /// The same run's whole log, for the time cursor.
    public private(set) var history: RunHistory?
    /// The moment the panes show; nil: the live run (or its end).
    public var cursor: TimeCursor? {
        didSet { syncReplay() }
    }
    /// The history's fold at the cursor, kept in step with it (see `shown`).
    public private(set) var replayed: RunState?
    public var overlay: Overlay? {
        didSet { if overlay != oldValue { overlayScroll = 0 } }
    }
    /// First line shown in a scrolling overlay (help, failures).
    public var overlayScroll = 0
    public var quiz: QuizSession?
    /// `proctutor exercise`: the exercise being done (the lesson pane is its checklist); nil otherwise.
    public var exercise: ExerciseMode?
    /// The id of the run on screen while the backend may still send its news; nil for none or a recording.
    /// Messages of any other id are a replaced run's leftovers.
    public private(set) var runID: RunID?
    /// How many runs this state has asked for: the next one's id is one more.
    private var runsRequested = 0
    /// Command-line arguments for every run (`proctutor watch FILE -- ARGS`).
    public var runArguments: [String] = []

    /// - Parameters:
    ///   - lessons: the loaded lessons, in order.
    ///   - lessonIndex: where to open (the student's saved position).
    ///   - progress: the saved progress (the backend picks `lessonIndex` from its `lastLesson`).
    ///   - sources: demo programs with tokens by absolute path (`Lesson.path(of:)`).
    public init(lessons: [Lesson], lessonIndex: Int = 0, lang: Lang, width: Int, height: Int,
                monochrome: Bool = false, sources: [String: SourceCode] = [:],
                progress: StudentProgress = StudentProgress()) {
        self.lessons = lessons
        self.lessonIndex = lessons.isEmpty ? 0 : min(max(0, lessonIndex), lessons.count - 1)
        self.lang = lang
        self.width = width
        self.height = height
        self.monochrome = monochrome
        self.sources = sources
        self.progress = progress
    }

    public var lesson: Lesson? { lessons.indices.contains(lessonIndex) ? lessons[lessonIndex] : nil }

    /// How many lessons the tutorial has: those loaded and those to come.
    public var lessonCount: Int { lessons.count + lessonsToCome }

    /// Every lesson, loaded after the first frame, which showed only the one it opened at: the tutorial is now
    /// at `open` (the lesson the whole library opens at, the one on screen unless folder names and lesson
    /// numbers disagree), as if it had started there. An empty list (the folder could not be read again) keeps
    /// the lesson on screen, alone.
    public mutating func lessonsArrived(_ all: [Lesson], open id: String?) {
        lessonsToCome = 0
        guard !all.isEmpty else { return }
        let shown = lesson?.id
        lessons = all
        let target = id ?? shown
        let index = all.firstIndex { $0.id == target } ?? all.firstIndex { $0.id == shown } ?? 0
        if all[index].id != shown {
            // Another lesson than the one drawn: fresh panes, as `←`/`→` gives.
            quiz = nil
            scroll = [:]
        }
        lessonIndex = index
    }

    /// The demo the next `r` runs.
    public var demo: Demo? {
        guard let lesson else { return nil }
        return lesson.demo(named: variant[lesson.id]) ?? lesson.demos.first
    }

    public var demoPath: String? {
        guard let lesson, let demo else { return nil }
        return lesson.path(of: demo)
    }

    /// The start method the next run will ask for.
    public var effectiveStartMethod: StartMethod? { startMethod ?? demo?.startMethod }

    public var isRunning: Bool { run?.isRunning ?? false }

    /// `.stopRun` for the run on screen if it is still going; nothing otherwise.
    var stopCommands: [AppCommand] {
        guard isRunning, let runID else { return [] }
        return [.stopRun(runID)]
    }

    /// The request for a new run of `demo` (the next id), as the backend needs it.
    mutating func request(_ demo: Demo, of lesson: Lesson, startMethod: StartMethod?) -> RunRequest {
        runsRequested += 1
        // watch's script and an exercise's file are not a lesson's demo: their recordings name no lesson.
        let isLessonDemo = exercise == nil && lesson.id != Watch.lessonID
        return RunRequest(id: RunID(runsRequested), program: lesson.path(of: demo),
                          lessonID: isLessonDemo ? lesson.id : nil, variant: demo.name, startMethod: startMethod,
                          timeout: demo.timeout, arguments: runArguments)
    }

    /// The run as the panes draw it: at the cursor when there is one, else live.
    public var shown: RunState? { cursor == nil ? run : replayed ?? run }

    /// The last moment of the run so far: where the cursor's timeline ends.
    public var runEnd: Double { max(run?.clock ?? 0, history?.lastTime ?? 0) }

    /// A finished recording is folded in as it is: no reorder window (see `RunHistory.window`).
    mutating func foldWithoutWindow() { history?.window = 0 }

    /// Puts a new run (or none) on screen: its history starts empty and the cursor goes. `id`: the backend's
    /// run whose news now belong on screen (nil: a finished run or a recording, which gets no news).
    public mutating func replaceRun(_ new: RunState?, id: RunID? = nil) {
        run = new
        runID = id
        history = new.map { RunHistory(RunState(path: $0.path, demoName: $0.demoName, lessonID: $0.lessonID,
                                                startMethod: $0.startMethod)) }
        if let new { for e in new.events { history?.append(e) } }
        if new?.ended == true { history?.flush() }
        cursor = nil
    }

    /// Puts the time cursor at run time `t`, paused there (what a click on the timeline does).
    public mutating func showMoment(_ t: Double) {
        TimeControl.jump(&self, to: t)
    }

    /// Folds one event of the current run into the live view and the history.
    mutating func record(_ e: Event) {
        run?.apply(e)
        guard let joined = history?.append(e) else { return }
        if joined > 0 && cursor != nil { placeIntoCursor(joined) }
    }

    /// Every event still in the history's reorder window joins it (the run ended; the view stops now).
    mutating func settleHistory() {
        guard let joined = history?.flush(), joined > 0, cursor != nil else { return }
        placeIntoCursor(joined)
    }

    /// `joined` events just joined the history, all at or near its end and in time order: those at or before
    /// the cursor's moment belong to what it shows (a paused live view, a line put back before an exit).
    private mutating func placeIntoCursor(_ joined: Int) {
        guard var c = cursor, let history else { return }
        let newcomers = history.events.suffix(joined).filter { $0.t <= c.t }.count
        guard newcomers > 0 else { return }
        c.index = min(history.count, c.index + newcomers)
        replayed = nil
        cursor = c
    }

    /// Recomputes `replayed` for the cursor (the fold after `cursor.index` events, at `cursor.t`).
    private mutating func syncReplay() {
        guard let cursor, let history else { replayed = nil; return }
        if replayed == nil || replayed!.eventCount != cursor.index {
            replayed = history.state(after: cursor.index)
        }
        replayed!.now = cursor.t
        replayed!.paused = false
        replayed!.ended = cursor.index >= history.count && !(run?.isRunning ?? false)
    }

    func scroll(_ pane: Pane) -> Int { scroll[pane] ?? 0 }

    /// A run pane's title, with the run's label when the code pane shows another program or start method.
    func runPaneTitle(_ pane: Localized) -> String {
        guard runIsForeign, let run = shown else { return pane[lang] }
        return "\(pane[lang]) \(S.runOfOpen[lang])\(run.label.text(lang))\(S.runOfClose[lang])"
    }

    mutating func finishQuiz(lesson id: String, _ result: QuizResult) {
        quizResults[id] = result
        unsavedQuizResults[id] = result
    }

    /// Opens the current lesson's quiz, as `Q` does (`proctutor quiz LESSON` starts here); nothing if it has none.
    public mutating func openQuiz() {
        _ = Quiz.open(&self)
    }

    /// Called by the backend once it has saved: `progress` is what it wrote; the finished quizzes are in it.
    public mutating func progressSaved(_ progress: StudentProgress) {
        self.progress = progress
        unsavedQuizResults = [:]
    }
}
