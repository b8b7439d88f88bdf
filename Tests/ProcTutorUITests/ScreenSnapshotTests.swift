import Foundation
import SnapshotTesting
import Testing
import ProcTutorCore
@testable import ProcTutorUI

extension Snapshotting where Value == CellBuffer, Format == String {
    /// A frame as reviewable text: quoted rows, then a style mask of the same shape (see `CellBuffer.snapshot`).
    static var screen: Snapshotting { Snapshotting<String, String>.lines.pullback { $0.snapshot } }
}

/// Whole screens, as the student sees them, at 80×24 and 120×40. Baselines live in `__Snapshots__/` beside
/// this file; `SNAPSHOT_TESTING_RECORD=all swift test --filter ScreenSnapshotTests` re-records them (review
/// the diff before committing).
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func both(_ make: (Int, Int) -> AppState, testName: String = #function, line: UInt = #line) {
        for (w, h) in Self.sizes {
            assertSnapshot(of: App.view(make(w, h)), as: .screen, named: "\(w)x\(h)", testName: testName, line: line)
        }
    }

    /// Both sizes in both languages (`NAME.zh-80x24` …): the screens issue 15 added.
    func everyLanguage(_ make: (Int, Int, Lang) -> AppState, testName: String = #function, line: UInt = #line) {
        for lang in [Lang.zh, .en] {
            for (w, h) in Self.sizes {
                assertSnapshot(of: App.view(make(w, h, lang)), as: .screen, named: "\(lang.rawValue)-\(w)x\(h)",
                               testName: testName, line: line)
            }
        }
    }

    func press(_ s: inout AppState, _ keys: Key...) {
        for k in keys { _ = App.update(&s, .key(k)) }
    }

    /// 80×24, 120×40 and 200×60 in both languages (`NAME.zh-200x60` …): the layouts of issue 17.
    func threeSizes(_ make: (Int, Int, Lang) -> AppState, testName: String = #function, line: UInt = #line) {
        for lang in [Lang.zh, .en] {
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                assertSnapshot(of: App.view(make(w, h, lang)), as: .screen, named: "\(lang.rawValue)-\(w)x\(h)",
                               testName: testName, line: line)
            }
        }
    }

    /// `proctutor exercise`: the checklist in the lesson pane (each check ✓/✗ with the observed value and what
    /// was wrong, a hint asked for) beside the live panes of the student's run (issue 18).
    @Test func exerciseChecklist() {
        everyLanguage { w, h, lang in ExerciseFixtures.state(width: w, height: h, lang: lang) }
    }

    /// The reading layout: the lesson text half the screen, the code pane as tall as the demo, the table as
    /// tall as its rows, the output the rest; finished rows plain.
    @Test func readingLayoutMidRun() {
        threeSizes { w, h, lang in Fixtures.poolState(width: w, height: h, lang: lang) }
    }

    /// Before any run: one "nothing has run yet", the code pane with room for the whole demo.
    @Test func readingLayoutBeforeARun() {
        threeSizes { w, h, lang in Fixtures.state(width: w, height: h, lesson: 2, lang: lang) }
    }

    /// `Tab Tab z`: the processes pane zoomed to the whole screen.
    @Test func zoomedProcesses() {
        threeSizes { w, h, lang in
            var s = Fixtures.poolState(width: w, height: h, lang: lang)
            if w >= ScreenLayout.fullWidth { press(&s, .tab, .tab) } else { press(&s, .tab, .tab) }
            press(&s, .char("z"))
            return s
        }
    }

    /// `L`: no lesson text; code and the run fill the screen (at 80×24: processes above output).
    @Test func presenterLayout() {
        threeSizes { w, h, lang in
            var s = Fixtures.poolState(width: w, height: h, lang: lang)
            press(&s, .char("L"))
            return s
        }
    }

    @Test func lessonInChinese() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 1)
            // A lesson done before, with its best score.
            s.progress.recordQuiz(lesson: "02-process", score: QuizScore(correct: 5, total: 6, at: Date(timeIntervalSince1970: 0)))
            s.progress.markDone(lesson: "02-process")
            return s
        }
    }

    @Test func lessonScrolledInEnglish() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 1, lang: .en)
            s.lessons[1].text[.en] = Fixtures.processText
            press(&s, .pageDown)
            return s
        }
    }

    /// `proctutor watch`: the student's script, the explanation instead of a lesson, and the run just started.
    @Test func watchFirstScreen() {
        both { w, h in
            var s = Watch.state(program: "/home/student/square.py", timeout: 60, lang: .en,
                                sources: ["/home/student/square.py": Fixtures.poolSource], width: w, height: h)
            press(&s, .char("r"))
            return s
        }
    }

    @Test func watchInChineseMidRun() {
        both { w, h in
            var s = Watch.state(program: "/home/student/square.py", timeout: 60, lang: .zh,
                                sources: ["/home/student/square.py": Fixtures.poolSource], width: w, height: h)
            press(&s, .char("r"))
            for e in Fixtures.poolEvents.prefix(8) { _ = App.update(&s, .run(s.currentRun, e)) }
            _ = App.update(&s, .tick(now: 0.2))
            return s
        }
    }

    @Test func codePaneWithTokenColours() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 2, lang: .en)
            press(&s, .tab, .char("m"))
            return s
        }
    }

    @Test func codePaneVariantPicker() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 3)
            press(&s, .tab, .char("v"))
            return s
        }
    }

    @Test func poolRunProcesses() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h)
            s.focus = .processes
            return s
        }
    }

    /// The time cursor at three moments of the pool run: worker 103 a zombie (1.32 s, between its death and
    /// its reaping), early on in English, and a step onto the line a worker printed.
    @Test func replayAtAZombie() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h)
            s.focus = .processes
            TimeControl.jump(&s, to: 1.32)
            return s
        }
    }

    @Test func replayEarlyInEnglish() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h, lang: .en)
            s.focus = .timeline
            TimeControl.jump(&s, to: 0.09)
            return s
        }
    }

    @Test func replayStepOntoOutput() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h)
            s.focus = .output
            press(&s, .char("0"))
            for _ in 0..<8 { press(&s, .char(".")) }
            return s
        }
    }

    /// `n` finished: the tally of twenty lesson-1-like runs, the third selected.
    @Test func tallyOfTwentyRuns() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 0)
            press(&s, .char("n"))
            for i in 0..<RepeatRuns.defaultCount {
                for e in RepeatRunsTests.run(parentFirst: i % 5 != 2, base: PID(4000 + 10 * i)) { _ = App.update(&s, .run(s.currentRun, e)) }
                _ = App.update(&s, .runEnded(s.currentRun))
            }
            press(&s, .down, .down)
            return s
        }
    }

    @Test func poolRunFrozen() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h, lang: .en)
            s.focus = .processes
            press(&s, .char("F"))
            _ = App.update(&s, .tick(now: 9))
            return s
        }
    }

    @Test func outputByPID() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h, lang: .en)
            s.focus = .output
            return s
        }
    }

    @Test func outputRaw() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h)
            s.focus = .output
            press(&s, .char("o"))
            return s
        }
    }

    @Test func timelineWithZombieAndFailedTasks() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h, lang: .en)
            s.focus = .timeline
            return s
        }
    }

    @Test func runFinished() {
        both { w, h in
            var s = Fixtures.poolState(width: w, height: h, lang: .en)
            let end: [Event] = [
                Event(t: 1.7, .retrieved(id: 0)),
                Event(t: 1.8, .exit(pid: 101, code: 0, signal: nil)),
                Event(t: 1.8, .reaped(pid: 101, by: 100)),
                Event(t: 1.9, .reaped(pid: 102, by: 100)),
                Event(t: 2.0, .exit(pid: 100, code: 0, signal: nil)),
                Event(t: 2.0, .reaped(pid: 100, by: 99)),
                Event(t: 2.0, .summary(Summary(exitCode: 0, processes: 4, maxAlive: 4, duration: 2.0,
                                               unretrievedFailures: 0))),
            ]
            for e in end { _ = App.update(&s, .run(s.currentRun, e)) }
            _ = App.update(&s, .runEnded(s.currentRun))
            s.focus = .processes
            return s
        }
    }

    @Test func recordedBrokenPoolRun() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 3)
            _ = App.update(&s, .key(.char("r")))
            for e in Fixtures.recordedBrokenPool { _ = App.update(&s, .run(s.currentRun, e)) }
            _ = App.update(&s, .runEnded(s.currentRun))
            s.focus = .output
            return s
        }
    }

    @Test func runStoppedWithANotice() {
        var s = Fixtures.poolState(width: 80, height: 24, lang: .en)
        s.focus = .output
        _ = App.update(&s, .run(s.currentRun, Event(t: 1.7, .notice(text: "process 101 wrote more than 8 MB; the rest of its output is in the raw stream only"))))
        _ = App.update(&s, .run(s.currentRun, Event(t: 1.8, .stopped(reason: .userStop, detail: "stopped from the tutorial"))))
        _ = App.update(&s, .runEnded(s.currentRun))
        assertSnapshot(of: App.view(s), as: .screen)
    }

    @Test func quizSingleChoiceFeedback() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 2)
            press(&s, .char("Q"), .char("a"), .enter)
            return s
        }
    }

    /// Issue 17: a letter chooses, Enter confirms; the hint and the key bar say so.
    @Test func quizSingleChoiceChosenNotConfirmed() {
        everyLanguage { w, h, lang in
            var s = Fixtures.state(width: w, height: h, lesson: 2, lang: lang)
            press(&s, .char("Q"), .char("c"))
            return s
        }
    }

    /// Issue 17: Esc with answers given asks, in the UI's language.
    @Test func quizLeaveAsks() {
        everyLanguage { w, h, lang in
            var s = Fixtures.state(width: w, height: h, lesson: 2, lang: lang)
            press(&s, .char("Q"), .char("b"), .enter, .enter, .escape)
            return s
        }
    }

    @Test func quizMultipleChoiceInProgress() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 2, lang: .en)
            press(&s, .char("Q"), .char("b"), .enter, .enter, .char("a"), .char("c"), .down)
            return s
        }
    }

    @Test func quizShortAnswerCorrect() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 2, lang: .en)
            press(&s, .char("Q"))
            s.quiz?.index = 2
            for c in "4" { press(&s, .char(c)) }
            press(&s, .enter)
            return s
        }
    }

    @Test func quizPredictBeforeAndAfterTheRun() {
        for (w, h) in Self.sizes {
            var s = Fixtures.state(width: w, height: h, lesson: 2)
            press(&s, .char("Q"))
            s.quiz?.index = 3
            press(&s, .char("5"))
            assertSnapshot(of: App.view(s), as: .screen, named: "asked.\(w)x\(h)")
            press(&s, .enter)
            for e in Fixtures.poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
            assertSnapshot(of: App.view(s), as: .screen, named: "running.\(w)x\(h)")
            _ = App.update(&s, .runEnded(s.currentRun))
            assertSnapshot(of: App.view(s), as: .screen, named: "checked.\(w)x\(h)")
        }
    }

    @Test func quizScore() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 2)
            press(&s, .char("Q"), .char("b"), .enter, .enter, .char("a"), .enter, .enter)
            for c in "3" { press(&s, .char(c)) }
            press(&s, .enter, .enter)
            s.quiz?.index = 3
            s.quiz?.grades[3] = .unobserved
            s.quiz?.phase = .answered(.unobserved)
            press(&s, .enter)
            return s
        }
    }

    /// Issue 17: the score screen reviews every question (1 of 4 right: below the pass mark), from its top and
    /// scrolled down to the retake key.
    @Test func quizReview() {
        func finished(_ w: Int, _ h: Int, _ lang: Lang) -> AppState {
            var s = Fixtures.state(width: w, height: h, lesson: 2, lang: lang)
            press(&s, .char("Q"), .char("a"), .enter, .enter, .char("a"), .char("c"), .enter, .enter,
                  .char("5"), .enter, .enter, .char("2"), .enter)
            for e in Fixtures.poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
            _ = App.update(&s, .runEnded(s.currentRun))
            press(&s, .enter)
            return s
        }
        everyLanguage { w, h, lang in finished(w, h, lang) }
        for lang in [Lang.zh, .en] {
            for (w, h) in Self.sizes {
                var s = finished(w, h, lang)
                press(&s, .end)
                assertSnapshot(of: App.view(s), as: .screen, named: "end.\(lang.rawValue)-\(w)x\(h)")
            }
        }
    }

    @Test func helpOverlay() {
        both { w, h in
            var s = Fixtures.state(width: w, height: h, lesson: 1)
            press(&s, .char("?"))
            return s
        }
        assertSnapshot(of: {
            var s = Fixtures.state(width: 80, height: 24, lesson: 1, lang: .en)
            press(&s, .char("?"))
            return App.view(s)
        }(), as: .screen, named: "en.80x24")
    }

    @Test func confirmQuitWhileRunning() {
        var s = Fixtures.poolState(width: 80, height: 24, lang: .en)
        press(&s, .char("q"))
        assertSnapshot(of: App.view(s), as: .screen)
    }

    @Test func tooSmall() {
        for (w, h, lang) in [(60, 20, Lang.zh), (79, 24, .en), (30, 8, .en)] {
            let s = Fixtures.state(width: w, height: h, lang: lang)
            assertSnapshot(of: App.view(s), as: .screen, named: "\(w)x\(h)")
        }
    }

    @Test func monochromeKeepsAttributes() {
        var s = Fixtures.poolState(width: 100, height: 30, lang: .en)
        s.monochrome = true
        let frame = App.view(s)
        #expect(frame.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default })
        assertSnapshot(of: frame, as: .screen)
    }

    /// Lesson 5 under spawn: 1,200 workers came and went, 7 alive; the table leads with them, the rest folded.
    @Test func churnFoldsTheExited() {
        everyLanguage { w, h, lang in
            var s = PanesTruthTests.churn()
            s.lang = lang
            _ = App.update(&s, .resize(width: w, height: h))
            s.focus = .processes
            return s
        }
    }

    /// `e` over the recorded broken pool run: all seven failures.
    @Test func failuresOverlay() {
        everyLanguage { w, h, lang in
            var s = Fixtures.state(width: w, height: h, lesson: 3, lang: lang)
            press(&s, .char("r"))
            for e in Fixtures.recordedBrokenPool { _ = App.update(&s, .run(s.currentRun, e)) }
            _ = App.update(&s, .runEnded(s.currentRun))
            press(&s, .char("e"))
            return s
        }
    }

    /// `v` after a run: the code pane shows the next variant, the run's panes say whose run they show.
    @Test func runOfAnotherVariant() {
        everyLanguage { w, h, lang in
            var s = Fixtures.state(width: w, height: h, lesson: 3, lang: lang)
            press(&s, .char("r"))
            for e in Fixtures.recordedBrokenPool { _ = App.update(&s, .run(s.currentRun, e)) }
            _ = App.update(&s, .runEnded(s.currentRun))
            press(&s, .char("v"), .char("$"))
            s.focus = .output
            return s
        }
    }

    /// The help scrolled to its end at 80×24 (and whole at 120×40).
    @Test func helpOverlayAtItsEnd() {
        everyLanguage { w, h, lang in
            var s = Fixtures.state(width: w, height: h, lesson: 1, lang: lang)
            press(&s, .char("?"), .end)
            return s
        }
    }

    /// A timed-out run in Chinese: the reason in Chinese, a long traceback line wrapped.
    @Test func stoppedByTimeoutWithAWrappedTraceback() {
        everyLanguage { w, h, lang in
            var s = Fixtures.poolState(width: w, height: h, lang: lang)
            s.focus = .output
            _ = App.update(&s, .run(s.currentRun, Event(t: 1.6, .output(pid: 101, stream: .stderr, text:
                "TypeError: not all arguments converted during string formatting (in test1, called with ('mark0',), at the line that prints 执行时间)"))))
            _ = App.update(&s, .run(s.currentRun, Event(t: 60, .stopped(reason: .timeout, detail: "the run took longer than 60 s; the whole tree was stopped"))))
            _ = App.update(&s, .runEnded(s.currentRun))
            press(&s, .char("$"))
            return s
        }
    }
}
