import ProcTutorCore

/// What a pane shows at a given inner width: a title and a note for its border, fixed header lines, and a
/// scrollable body of `count` lines produced on demand (the output of a long run is never formatted whole).
struct PaneContent {
    var title: String
    var note: String = ""
    /// Drawn after the title in `Theme.badge` (see `BlockWidget.badge`).
    var badge: String = ""
    var header: [StyledLine] = []
    var count: Int
    var body: (Range<Int>) -> [StyledLine]
    /// Set for a pane whose lines wrap (the output): the screen rows of body line `i`. Such a pane scrolls by
    /// body line (the first visible line is the offset), and at its end it is filled from the bottom up, so
    /// that the last line always shows whole and only the visible lines are ever wrapped.
    var rowsOf: ((Int) -> [StyledLine])?

    init(title: String, note: String = "", header: [StyledLine] = [], lines: [StyledLine]) {
        self.title = title
        self.note = note
        self.header = header
        count = lines.count
        body = { Array(lines[$0]) }
    }

    init(title: String, note: String = "", header: [StyledLine] = [], count: Int,
         body: @escaping (Range<Int>) -> [StyledLine]) {
        self.title = title
        self.note = note
        self.header = header
        self.count = count
        self.body = body
    }

    static func make(_ pane: Pane, _ s: AppState, width: Int) -> PaneContent {
        switch pane {
        case .lesson: s.quiz != nil ? QuizView.content(s, width: width) : LessonPane.content(s, width: width)
        case .code: CodePane.content(s, width: width)
        case .processes: ProcessPane.content(s, width: width)
        case .output: OutputPane.content(s, width: width)
        case .timeline: TimelinePane.content(s, width: width)
        }
    }
}

/// The lesson text pane.
enum LessonPane {
    /// Both languages of the open lesson at two widths (a resize, the zoom), and the lesson before.
    static let layouts = LayoutMemo<Document>(capacity: 8)

    static func content(_ s: AppState, width: Int) -> PaneContent {
        guard let lesson = s.lesson else { return PaneContent(title: S.lesson[s.lang], lines: []) }
        let doc = s.exercise.map { Exercises.document($0, lang: s.lang) }
            ?? lesson.text[s.lang] ?? lesson.text.values.first ?? Document(blocks: [])
        var lines = LessonPane.layouts.lines(doc, width: width, layout: DocumentView.lines)
        if !lesson.quiz.isEmpty {
            lines.append(StyledLine())
            for l in TextWidth.wrap(S.endOfText[s.lang], width: width) { lines.append(StyledLine(l, Theme.hint)) }
        }
        let saved = s.progress[lesson: lesson.id]
        let done = saved.done || s.quizResults[lesson.id]?.passed == true || s.exercise?.passed == true ? "✓ " : ""
        // A lone lesson (`proctutor watch`) has no place in a sequence to show.
        let position = s.lessonCount > 1 ? "\(lesson.number)/\(s.lessonCount) " : ""
        let title = "\(position)\(done)\(lesson.title[s.lang])"
        let score = s.quizResults[lesson.id] ?? saved.bestScore.map { QuizResult(correct: $0.correct, total: $0.total) }
        let note = score.map { "\(S.quiz[s.lang]) \($0.correct)/\($0.total)" } ?? ""
        return PaneContent(title: title, note: note, lines: lines)
    }
}
