import ProcTutorCore

/// `proctutor exercise` on the full screen: the student's file is the one demo of a scratch lesson (as in
/// `proctutor watch`), and the lesson pane is the checklist: the task, every check ✓/✗ with the observed value,
/// the hints asked for, the solution when offered.
public struct ExerciseMode: Equatable, Sendable {
    /// The real lesson's id (progress is saved under it).
    public var lessonID: String
    public var exercise: Exercise
    /// The student's file (absolute).
    public var path: String
    /// The reference solution's text and path, shown by `S`.
    public var solution: String
    public var solutionPath: String
    public var hintsShown = 0
    /// The runs of the file as it is now, by start method (cleared on every save).
    public var runs: [StartMethod?: [Event]] = [:]
    /// Passed before or in this session: the solution is offered without asking.
    public var passed: Bool
    /// Passed in this session and not yet saved by the backend.
    public var unsavedPass = false
    public var showSolution = false
    /// `S` was pressed once before passing: a second `S` shows the solution.
    public var askedSolution = false
    /// Something about the file the student should know (deleted).
    public var note: Localized?

    public init(lessonID: String, exercise: Exercise, path: String, solution: String, solutionPath: String,
                passed: Bool) {
        self.lessonID = lessonID
        self.exercise = exercise
        self.path = path
        self.solution = solution
        self.solutionPath = solutionPath
        self.passed = passed
    }

    /// Every check against the run of its start method; checks whose run has not happened yet are nil.
    public var results: [CheckResult?] {
        exercise.checks.map { c in
            let m = exercise.method(of: c)
            return runs[m].map { ExerciseGrading.evaluate(c, startMethod: m, events: $0) }
        }
    }

    /// The scratch lesson whose one demo is the student's file, under the exercise's start method.
    public static func lesson(path: String, exercise: Exercise) -> Lesson {
        var l = Watch.lesson(program: path, timeout: exercise.timeout ?? Exercise.defaultTimeout)
        l.id = "exercise"
        l.title = exercise.title
        l.demos[0].startMethod = exercise.startMethod
        return l
    }

    /// The tutorial's state for the exercise; the backend sends `r` to start the first run.
    public static func state(_ mode: ExerciseMode, lang: Lang, monochrome: Bool = false,
                             sources: [String: SourceCode] = [:], width: Int = 0, height: Int = 0) -> AppState {
        var s = AppState(lessons: [lesson(path: mode.path, exercise: mode.exercise)], lang: lang, width: width,
                         height: height, monochrome: monochrome, sources: sources)
        s.exercise = mode
        return s
    }
}

/// What the exercise does with the app's messages and keys.
enum Exercises {
    /// A run ended: it is kept for the checks of its start method; the next start method the checks need runs
    /// next; once every run is in, a pass is recorded.
    static func runEnded(_ s: inout AppState) -> [AppCommand]? {
        guard var ex = s.exercise, let run = s.run else { return nil }
        ex.runs[run.startMethod] = run.events
        s.exercise = ex
        if let next = ex.exercise.runs.first(where: { ex.runs[$0] == nil }) {
            return Keys.startRun(&s, startMethod: .some(next))
        }
        if ex.results.allSatisfy({ $0?.passed == true }), !ex.passed {
            ex.passed = true
            ex.unsavedPass = true
            s.exercise = ex
            return [.saveProgress]
        }
        return nil
    }

    /// The file was saved (or came back): run it again from the first start method.
    static func saved(_ s: inout AppState) -> [AppCommand] {
        guard var ex = s.exercise else { return [] }
        ex.runs = [:]
        ex.note = nil
        s.exercise = ex
        return Keys.startRun(&s, startMethod: .some(ex.exercise.runs.first ?? nil))
    }

    static func removed(_ s: inout AppState) {
        s.exercise?.note = ExerciseTexts.deletedFullScreen
    }

    static func hint(_ s: inout AppState) {
        guard var ex = s.exercise else { return }
        if ex.hintsShown < ex.exercise.hints.count { ex.hintsShown += 1 }
        s.exercise = ex
        s.scroll[.lesson] = Int.max / 2  // to the end, where the new hint is
    }

    /// `S`: the solution after passing; before, a first `S` asks and a second one shows it.
    static func solution(_ s: inout AppState) {
        guard var ex = s.exercise else { return }
        if ex.passed || ex.askedSolution { ex.showSolution.toggle() } else { ex.askedSolution = true }
        s.exercise = ex
        s.scroll[.lesson] = Int.max / 2
    }

    /// The checklist as a document for the lesson pane.
    static func document(_ ex: ExerciseMode, lang: Lang) -> Document {
        var blocks: [Block] = [.paragraph([.text(ex.exercise.task[lang])])]
        blocks.append(.paragraph([.code(ex.path)]))
        if let note = ex.note { blocks.append(.quote([.paragraph([.strong([.text(note[lang])])])])) }
        var items: [[Block]] = []
        let timeout = ex.exercise.timeout ?? Exercise.defaultTimeout
        for m in ex.exercise.runs {
            if let note = ex.runs[m].flatMap({ ExerciseGrading.stopNote(in: $0, timeout: timeout) }) {
                blocks.append(.quote([.paragraph([.strong([.text("! " + note[lang] + (m.map { " (\($0.rawValue))" } ?? ""))])])]))
            }
        }
        for (check, result) in zip(ex.exercise.checks, ex.results) {
            let method = ex.exercise.method(of: check)
            guard let result else {
                let label = ExerciseGrading.label(check, startMethod: method)[lang]
                items.append([.paragraph([.text("… " + label + " · "), .emphasis([.text(ExerciseTexts.notRunYet[lang])])])])
                continue
            }
            var parts: [Inline] = [.strong([.text(result.passed ? "✓" : "✗")]),
                                   .text(" " + result.label[lang] + " · " + ExerciseTexts.observed[lang] + " "),
                                   .code(result.observed)]
            if let m = result.message { parts += [.hardBreak, .emphasis([.text(m[lang])])] }
            items.append([.paragraph(parts)])
        }
        blocks.append(.heading(level: 2, [.text(ExerciseTexts.checks[lang])]))
        blocks.append(.list(start: nil, items: items))
        let done = ex.results.compactMap { $0 }
        if done.count == ex.exercise.checks.count {
            let k = done.filter(\.passed).count
            blocks.append(.paragraph([.strong([.text(k == done.count ? ExerciseTexts.passedFullScreen[lang]
                                                     : ExerciseTexts.count(k, of: done.count)[lang])])]))
        }
        if ex.hintsShown > 0 {
            blocks.append(.heading(level: 2, [.text(ExerciseTexts.hints[lang])]))
            blocks.append(.list(start: 1, items: ex.exercise.hints.prefix(ex.hintsShown).map { [.paragraph([.text($0[lang])])] }))
        }
        if ex.showSolution {
            blocks.append(.heading(level: 2, [.text(ExerciseTexts.solutionHeader(ex.solutionPath)[lang])]))
            blocks.append(.code(info: "python", text: ex.solution))
        } else if ex.askedSolution && !ex.passed {
            blocks.append(.paragraph([.emphasis([.text(ExerciseTexts.askSolutionFullScreen[lang])])]))
        }
        return Document(blocks: blocks)
    }
}
