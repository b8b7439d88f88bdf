import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// The key table is the only place a key gets a meaning: every key that changes anything, in every mode, is one
/// of its bindings, and every binding does something somewhere. Help and the key bar come from the same table.
@Suite struct KeyTableTests {
    static func press(_ s: inout AppState, _ keys: Key...) {
        for k in keys { _ = App.update(&s, .key(k)) }
    }

    /// One state per mode, and more where a key only acts in some (a run to stop, a cursor to move, a pane
    /// scrolled down, a tally with runs to select).
    static func states() -> [(String, AppState)] {
        var out: [(String, AppState)] = []
        func add(_ name: String, _ s: AppState) { out.append((name, s)) }

        let idle = Fixtures.state(width: 120, height: 40, lesson: 1, lang: .en)
        add("idle", idle)
        var small = Fixtures.state(width: 80, height: 24, lesson: 1, lang: .en)
        add("idle 80x24", small)
        press(&small, .pageDown, .pageDown)
        add("lesson scrolled", small)
        let running = Fixtures.poolState(width: 120, height: 40, lang: .en)
        add("running", running)
        var paused = running
        press(&paused, .char("p"), .char(","))
        add("cursor on a running run", paused)
        var broken = Fixtures.state(width: 120, height: 40, lesson: 3, lang: .en)
        press(&broken, .char("r"))
        for e in Fixtures.recordedBrokenPool { _ = App.update(&broken, .run(broken.currentRun, e)) }
        _ = App.update(&broken, .runEnded(broken.currentRun))
        add("finished with failures, replaying", broken)
        var ended = broken
        press(&ended, .char("$"), .tab, .tab, .tab)
        add("finished, output focused", ended)
        var failures = ended
        press(&failures, .char("e"))
        add("failures box", failures)
        var help = small
        press(&help, .char("?"))
        add("help", help)
        press(&help, .down, .down)
        add("help scrolled", help)
        var confirm = running
        press(&confirm, .char("q"))
        add("confirm quit", confirm)

        var repeating = Fixtures.state(width: 120, height: 40, lesson: 0, lang: .en)
        press(&repeating, .char("n"))
        repeating.repeatRuns?.total = 3
        add("tally, repeating", repeating)
        var repeated = repeating
        for i in 0..<3 {
            for e in RepeatRunsTests.run(parentFirst: i != 1, base: PID(200 + 10 * i)) { _ = App.update(&repeated, .run(repeated.currentRun, e)) }
            _ = App.update(&repeated, .runEnded(repeated.currentRun))
        }
        add("tally, done", repeated)
        press(&repeated, .down)
        add("tally, second run selected", repeated)
        press(&repeated, .escape)
        add("after a repeat", repeated)

        var quiz = idle
        press(&quiz, .char("Q"))
        add("quiz, single choice", quiz)
        press(&quiz, .char("a"), .enter)
        add("quiz, answered", quiz)
        var leave = quiz
        press(&leave, .escape)
        add("confirm leaving the quiz", leave)
        var quitQuiz = quiz
        press(&quitQuiz, .char("q"))
        add("confirm quitting the quiz", quitQuiz)
        press(&quiz, .enter)
        add("quiz, multiple choice", quiz)
        press(&quiz, .char("a"), .char("c"), .enter, .enter)
        add("quiz, short answer", quiz)
        press(&quiz, .char("4"))
        add("quiz, short answer typed", quiz)
        press(&quiz, .enter, .enter, .char("3"), .enter)
        add("quiz, prediction running", quiz)
        _ = App.update(&quiz, .runEnded(quiz.currentRun))
        press(&quiz, .enter)
        add("quiz, score with a wrong answer", quiz)

        add("watch", Watch.state(program: "/tmp/w.py", timeout: 10, lang: .en, width: 120, height: 40))
        add("exercise", ExerciseFixtures.state(width: 120, height: 40, lang: .en, hints: 0))
        var withExercise = idle
        withExercise.lessons[withExercise.lessonIndex].exercises = [ExerciseFixtures.exercise]
        add("a lesson with an exercise", withExercise)
        return out
    }

    /// Every key the terminal can deliver (printable ASCII, a full-width letter and a Chinese numeral, every
    /// control and named key, the mouse over several panes).
    static let keys: [Key] = {
        var keys: [Key] = (0x20...0x7E).map { .char(Character(Unicode.Scalar(UInt8($0)))) } + [.char("Ｂ"), .char("四")]
        keys += "abcdefghijklmnopqrstuvwxyz".map { .ctrl($0) }
        keys += [.enter, .escape, .backspace, .tab, .backTab, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end]
        keys += (1...12).map { .function($0) }
        for (x, y) in [(5, 5), (90, 3), (90, 15), (90, 25), (90, 36), (40, 23), (2, 0)] {
            keys += [.wheelUp(x: x, y: y), .wheelDown(x: x, y: y), .click(x: x, y: y)]
        }
        return keys
    }()

    /// Everything a key can change in the state (not the lessons, sources, size or saved progress).
    struct Fingerprint: Equatable {
        var lessonIndex: Int, focus: Pane, zoomed: Bool, hideText: Bool, scroll: [Pane: Int], followOutput: Bool
        var variant: [String: String], startMethods: [String: StartMethod], raw: Bool
        var run: RunState?, history: Int?, cursor: TimeCursor?, overlay: Overlay?, overlayScroll: Int
        var quiz: QuizSession?, results: [String: QuizResult], unsaved: [String: QuizResult], runID: RunID?
        var repeats: [Int]?, repeatsCancelled: Bool?, tally: Tally?
        var exercise: ExerciseMode?
    }

    static func fingerprint(_ s: AppState) -> Fingerprint {
        Fingerprint(lessonIndex: s.lessonIndex, focus: s.focus, zoomed: s.zoomed, hideText: s.hideText, scroll: s.scroll,
                    followOutput: s.followOutput, variant: s.variant, startMethods: s.startMethods,
                    raw: s.outputMode == .raw, run: s.run, history: s.history?.count, cursor: s.cursor,
                    overlay: s.overlay, overlayScroll: s.overlayScroll, quiz: s.quiz, results: s.quizResults,
                    unsaved: s.unsavedQuizResults, runID: s.runID,
                    repeats: s.repeatRuns.map { [$0.total, $0.finished.count, $0.selected] },
                    repeatsCancelled: s.repeatRuns?.cancelled, tally: s.repeatRuns?.tally, exercise: s.exercise)
    }

    @Test func everyKeyThatActsIsBoundAndEveryBindingActs() {
        var live: [String: Bool] = [:]  // binding (by action and modes) -> acted somewhere
        func id(_ b: KeyBinding) -> String { "\(b.action) in \(b.modes.map { "\($0)" }.sorted())" }
        for b in KeyTable.bindings where !b.modes.contains(.terminal) { live[id(b)] = false }
        for (name, state) in Self.states() {
            let before = Self.fingerprint(state)
            for key in Self.keys {
                var s = state
                let commands = App.update(&s, .key(key))
                let acted = !commands.isEmpty || Self.fingerprint(s) != before
                let binding = KeyTable.binding(for: key, in: state)
                if acted {
                    #expect(binding != nil, "\(name): \(key) is handled but no binding in the table has it")
                }
                if let binding, acted { live[id(binding)] = true }
            }
        }
        for (binding, acted) in live.sorted(by: { $0.key < $1.key }) {
            #expect(acted, "\(binding) is in the table but no key of it did anything in any state")
        }
    }

    /// Ctrl-Z belongs to the terminal backend (SIGTSTP): in help, never dispatched by `App.update`.
    @Test func terminalKeysNeverReachTheHandler() {
        for (name, state) in Self.states() {
            let b = KeyTable.binding(for: .ctrl("z"), in: state)
            #expect(b == nil || b!.keys.contains(.anyOther), "\(name)")
        }
        #expect(KeyTable.bindings.contains { $0.action == .suspend && $0.modes == [.terminal] })
    }

    /// A key's name as help writes it (English).
    static func names(_ p: KeyPattern) -> [String] {
        switch p {
        case let .key(k):
            switch k {
            case let .char(c): return [c == " " ? "Space" : String(c)]
            case let .ctrl(c): return ["Ctrl-\(c.uppercased())"]
            case .enter: return ["Enter"]
            case .escape: return ["Esc"]
            case .backspace: return ["⌫"]
            case .tab: return ["Tab"]
            case .backTab: return ["⇧Tab"]
            case .up: return ["↑"]
            case .down: return ["↓"]
            case .left: return ["←"]
            case .right: return ["→"]
            case .pageUp: return ["PgUp"]
            case .pageDown: return ["PgDn"]
            case .home: return ["Home"]
            case .end: return ["End"]
            case let .function(n): return ["F\(n)"]
            case .wheelUp, .wheelDown, .click: return []
            }
        case .lessonDigit: return ["1"]
        case .choice: return ["a", "1"]
        case .typed: return ["type"]
        case .wheelUp, .wheelDown: return ["wheel"]
        case .click: return ["click"]
        case .anyOther: return ["other key"]
        }
    }

    /// Help cannot drift: each row names every key of its bindings (in its key column or its text).
    @Test func everyHelpRowNamesItsKeys() {
        for row in KeyTable.rows {
            let said = row.keys.en + " " + row.text.en
            for b in row.bindings {
                for p in b.keys {
                    for n in Self.names(p) {
                        #expect(said.contains(n), "help row \(row.keys.en) does not name \(n) (\(b.action))")
                    }
                }
            }
        }
    }

    /// Every key the bar offers in any state is a binding active there, and pressing it does something.
    @Test func theKeyBarOffersOnlyLiveBindings() {
        for (name, state) in Self.states() {
            let active = KeyTable.modes(state)
            let mode = active.first { $0 != .anywhere }!
            for action in KeyTable.barOrder(mode, state) {
                let b = active.lazy.compactMap { m in KeyTable.bindings.first { $0.modes.contains(m) && $0.action == action } }.first
                #expect(b != nil, "\(name): the bar lists \(action), which no active binding does")
            }
            #expect(!KeyBar.keys(state).isEmpty, "\(name): an empty key bar")
        }
    }

    /// Help is true for the tutorial on screen: no quiz keys without a quiz, no lesson keys with one lesson,
    /// the lesson's own variants.
    @Test func helpFitsTheCurrentLesson() {
        let watch = HelpOverlay.rows(Watch.state(program: "/tmp/w.py", timeout: 10, lang: .en, width: 120, height: 40))
        #expect(!watch.contains { $0.keys == "Q" || $0.keys == "← → [ ]" || $0.keys == "w" })
        #expect(watch.contains { $0.keys == "r" } && watch.contains { $0.keys == "Esc" })
        let five = HelpOverlay.rows(Fixtures.state(width: 120, height: 40, lesson: 3, lang: .en))
        #expect(five.contains { $0.keys == "v" && $0.text.contains("original · fixed · fixed-spawn") })
        #expect(five.contains { $0.keys == "1 2 3 …" && $0.text.contains("1–4") })
        #expect(five.contains { $0.keys == "Q" } && five.contains { $0.keys == "y  Enter" })
        #expect(!five.first!.keys.isEmpty && !five.last!.keys.isEmpty)
    }

    /// The key lists in `proctutor watch`'s and `replay`'s own texts name only keys the table binds there.
    @Test func theWatchAndReplayTextsListOnlyBoundKeys() {
        let recording = Recording(header: nil, events: [Event(t: 0, .start(pid: 1, ppid: 0, name: "MainProcess", method: .main, parent: nil))])
        let replay = Replay.state(recording, file: "r.ndjson", lang: .en, width: 120, height: 40)
        let watch = Watch.state(program: "/tmp/w.py", timeout: 10, lang: .en, width: 120, height: 40)
        for (name, state) in [("watch", watch), ("replay", replay)] {
            let bound = Set(KeyTable.rows.filter { $0.shown(state) }.flatMap(\.bindings)
                .filter { $0.modes.contains(.tutorial) }.flatMap(\.keys).flatMap(Self.names))
            var checked = 0
            defer { #expect(checked >= 14, "\(name): \(checked) keys checked") }
            for lang in [Lang.zh, .en] {
                guard case let .list(_, items)? = state.lesson?.text[lang]?.blocks.last else {
                    Issue.record("\(name): no key list"); continue
                }
                for item in items {
                    guard case let .paragraph(inlines)? = item.first, case let .code(keys)? = inlines.first else { continue }
                    for key in keys.split(separator: " ") {
                        checked += 1
                        #expect(bound.contains(String(key)), "\(name) (\(lang)) lists \(key), which the table does not bind there")
                    }
                }
            }
        }
    }
}
