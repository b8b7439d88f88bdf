import ProcTutorCore

/// What a key does, as a value: `Keys.perform` carries it out. The key table (`KeyTable.rows`) says which keys
/// do which action where; nothing else in the UI decides what a key means.
enum KeyAction: Hashable, Sendable {
    enum Step: Hashable, Sendable {
        /// ±1 line, ±1 page, to the top (-1) or the end (+1).
        case line(Int), page(Int), end(Int)
    }

    // Anywhere
    case quitNow
    /// Ctrl-Z: the terminal backend's (SIGTSTP reaches it, not `App.update`); in the table for help.
    case suspend
    // The tutorial screen
    case run, stop, variant, method, outputMode, failures
    case togglePlay, step(Int), speed(Int), rewind, live, freeze
    case repeatRuns, tally
    case lesson(Int), lessonNumber
    case focus(Int), zoom, hideText
    case scroll(Step), wheel(Int), click
    case openQuiz, help, quit
    // The exercise (`proctutor exercise`, and `x` in the tutorial)
    case exerciseHint, exerciseSolution, exerciseEdit, openExercise
    // The quiz
    case choose, moveChoice(Int), confirmChoice
    case type, deleteChar, submitText
    case nextQuestion, retakeWrong, closeQuiz, leaveQuiz
    // Windows over the panes
    case boxScroll(Step)
    case tallySelect(Int), tallyStop, tallyReplay, tallyAgain
    case confirmQuit, confirmLeaveQuiz
    /// Closes the window on screen (any key the window does not use).
    case dismiss
}

/// Which keys can match: one key, or a class of keys whose meaning depends on it.
enum KeyPattern: Equatable, Sendable {
    case key(Key)
    /// `1`…`9`.
    case lessonDigit
    /// A letter or number naming one of the current question's choices (not `Q`).
    case choice
    /// Any character (typed answers).
    case typed
    case wheelUp, wheelDown, click
    /// Any key the mode's other bindings do not take.
    case anyOther
}

/// Where a binding applies. `KeyTable.modes(_:)` lists the modes active in a state, first match wins; a key no
/// active mode binds does nothing.
///
/// Adding a mode (an exercise, say): a case here, where it sits in `KeyTable.modes(_:)`, its rows in
/// `KeyTable.rows` (help and the bindings, with their key-bar rules), its key bar in `KeyTable.barOrder`, its
/// new actions in `KeyAction` and `Keys.perform`. `KeyTableTests` then checks every key of it.
enum KeyMode: Hashable, CaseIterable, Sendable {
    /// Every state (Ctrl-C).
    case anywhere
    /// Keys the terminal backend takes before `App.update` (Ctrl-Z): listed in help, never dispatched here.
    case terminal
    /// The tutorial screen; under the quiz too, for the keys the quiz does not take.
    case tutorial
    case quizSingle, quizMultiple, quizText, quizWaiting, quizAnswered, quizScore
    /// The help and the failures list: boxes that scroll.
    case box
    case tally
    case confirmQuit
    case confirmLeaveQuiz

    static let quiz: Set<KeyMode> = [.quizSingle, .quizMultiple, .quizText, .quizWaiting, .quizAnswered, .quizScore]
}

/// One key bar entry: the key as the bar writes it, what it does now, and how important it is (the lowest go first
/// when the line is too short).
typealias BarItem = (key: String, what: String, priority: Int)

/// Whether and how a binding shows in the key bar in a state (nil: not now).
typealias BarRule = @Sendable (AppState) -> BarItem?

/// Keys that do one action in some modes.
struct KeyBinding: Sendable {
    var keys: [KeyPattern]
    var action: KeyAction
    var modes: Set<KeyMode>
    var bar: BarRule?

    init(_ keys: [KeyPattern], _ action: KeyAction, in modes: Set<KeyMode> = [.tutorial], bar: BarRule? = nil) {
        self.keys = keys
        self.action = action
        self.modes = modes
        self.bar = bar
    }
}

/// One line of help and the bindings it describes (none: a note, like the timeline click; a gap between groups).
struct KeyRow: Sendable {
    /// The key column of help, as written there.
    var keys: Localized
    var text: Localized
    var bindings: [KeyBinding]
    /// Appended to `text` for the state on screen (the lesson's own variants, how many lessons there are).
    var detail: (@Sendable (AppState) -> Localized?)?
    /// Whether help lists the row now: keys that do nothing in this tutorial (no quiz, one lesson, a replay) are left out.
    var shown: @Sendable (AppState) -> Bool

    init(_ keys: String, _ zh: String, _ en: String, _ bindings: [KeyBinding] = [],
         detail: (@Sendable (AppState) -> Localized?)? = nil, shown: @escaping @Sendable (AppState) -> Bool = { _ in true }) {
        self.init(Localized(zh: keys, en: keys), zh, en, bindings, detail: detail, shown: shown)
    }

    init(_ keys: Localized, _ zh: String, _ en: String, _ bindings: [KeyBinding] = [],
         detail: (@Sendable (AppState) -> Localized?)? = nil, shown: @escaping @Sendable (AppState) -> Bool = { _ in true }) {
        self.keys = keys
        self.text = Localized(zh: zh, en: en)
        self.bindings = bindings
        self.detail = detail
        self.shown = shown
    }

    static let gap = KeyRow("", "", "")
    var isGap: Bool { keys.en.isEmpty && text.en.isEmpty }
}

extension KeyTable {
    /// Every binding, in table order.
    static let bindings: [KeyBinding] = rows.flatMap(\.bindings)

    /// The modes whose bindings apply now, in order of precedence.
    static func modes(_ s: AppState) -> [KeyMode] {
        switch s.overlay {
        case .confirmQuit: return [.anywhere, .confirmQuit]
        case .confirmLeaveQuiz: return [.anywhere, .confirmLeaveQuiz]
        case .tally: return [.anywhere, .tally]
        case .help, .failures: return [.anywhere, .box]
        case nil: break
        }
        guard let quiz = s.quiz else { return [.anywhere, .tutorial] }
        return [.anywhere, quizMode(quiz), .tutorial]
    }

    static func quizMode(_ quiz: QuizSession) -> KeyMode {
        switch quiz.phase {
        case .asking:
            switch quiz.question?.kind {
            case .single: .quizSingle
            case .multiple: .quizMultiple
            case .short, .predict: .quizText
            case nil: .quizWaiting
            }
        case .waitingForRun: .quizWaiting
        case .answered: .quizAnswered
        case .finished: .quizScore
        }
    }

    /// The binding `key` triggers now: in the first active mode that binds it, a binding naming the key before
    /// the mode's `anyOther`.
    static func binding(for key: Key, in s: AppState) -> KeyBinding? {
        for mode in modes(s) {
            let here = bindings.filter { $0.modes.contains(mode) }
            if let b = here.first(where: { $0.keys.contains { $0 != .anyOther && matches($0, key, s) } }) { return b }
            if let b = here.first(where: { $0.keys.contains(.anyOther) }) { return b }
        }
        return nil
    }

    static func matches(_ pattern: KeyPattern, _ key: Key, _ s: AppState) -> Bool {
        switch (pattern, key) {
        case let (.key(k), _): return k == key
        case let (.lessonDigit, .char(c)): return c.isASCII && c.isNumber && c != "0"
        case let (.choice, .char(c)): return c != "Q" && choiceIndex(c, s) != nil
        case (.typed, .char): return true
        case (.wheelUp, .wheelUp), (.wheelDown, .wheelDown), (.click, .click), (.anyOther, _): return true
        default: return false
        }
    }

    /// The choice of the current question that `c` names (`b`, `2`, `Ｂ` …), if any.
    static func choiceIndex(_ c: Character, _ s: AppState) -> Int? {
        guard let q = s.quiz?.question else { return nil }
        switch Grading.parse(String(c), for: q) {
        case let .success(.choice(n)): return n
        case let .success(.choices(set)) where set.count == 1: return set.first!
        default: return nil
        }
    }

    /// The key bar now: the bar mode's actions in `barOrder`, each shown as its binding's rule says.
    static func bar(_ s: AppState) -> [BarItem] {
        let active = modes(s)
        let mode = active.first { $0 != .anywhere } ?? .tutorial
        let candidates = active.flatMap { m in bindings.filter { $0.modes.contains(m) && $0.bar != nil } }
        let items = barOrder(mode, s).compactMap { action in
            candidates.first { $0.action == action }?.bar?(s)
        }
        // The quiz's keys are all alike: its bar is short.
        return KeyMode.quiz.contains(mode) ? items.map { ($0.key, $0.what, 5) } : items
    }
}
