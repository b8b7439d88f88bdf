import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// Issue 15: every pane tells the truth about the run it shows — whose run it is, every process, every
/// failure, every line, in the UI's language.
@Suite struct PanesTruthTests {
    func press(_ s: inout AppState, _ keys: Key...) -> [AppCommand] {
        keys.flatMap { App.update(&s, .key($0)) }
    }

    func screen(_ s: AppState) -> [String] {
        let buf = App.view(s)
        return (0..<buf.height).map { buf.rowText($0) }
    }

    func title(_ pane: Pane, _ s: AppState) -> String {
        let rect = s.layout.panes[pane]!
        return PaneContent.make(pane, s, width: ScreenLayout.contentArea(rect).width).title
    }

    // MARK: 1. One label per run

    // At 160 columns the processes pane's edge holds its name, the label and the whole count; at 120 the
    // lesson text takes the room and the title drops the pane's name (the columns say what the pane is).
    @Test func aRunOfAnotherVariantIsLabelledAsSuch() {
        var s = Fixtures.state(width: 160, height: 40, lesson: 3, lang: .en)
        _ = press(&s, .char("r"))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0, .start(pid: 10, ppid: 9, name: "MainProcess", method: .main, parent: nil))))
        #expect(title(.code, s) == "original.py · default")
        #expect(title(.processes, s) == "Processes · original.py · default")
        #expect(title(.output, s) == "Output")
        _ = press(&s, .char("v"))  // the code pane now shows fixed.py (under fork); the panes still show original.py's run
        #expect(title(.code, s) == "fixed.py · fork")
        #expect(s.runIsForeign)
        #expect(title(.output, s) == "Output (run of original.py · default)")
        #expect(title(.timeline, s) == "Timeline (run of original.py · default)")
        #expect(title(.processes, s) == "Processes · original.py · default")
        _ = App.update(&s, .runEnded(s.currentRun))
        _ = press(&s, .char("r"))
        #expect(!s.runIsForeign)
        #expect(title(.output, s) == "Output")
    }

    @Test func theSummaryLineNamesTheRun() {
        var s = Fixtures.poolState(width: 80, height: 24, lang: .en)
        #expect(SummaryLine.text(s).0.contains("demo.py · default"))
        _ = press(&s, .char("m"))
        #expect(SummaryLine.text(s).0.contains("(run of demo.py · default)"))
    }

    @Test func aPredictRunPutsItsOwnDemoAndMethodOnTheCodePaneAndBack() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2, lang: .en)
        _ = press(&s, .char("Q"))
        s.quiz?.index = 3  // predict, start method fork
        #expect(title(.code, s) == "demo.py · default")
        let commands = press(&s, .char("5"), .enter)
        #expect(commands.shapes == [.start("/lessons/04-pool/demo.py", .fork)])
        #expect(title(.code, s) == "demo.py · fork")
        #expect(!s.runIsForeign)
        for e in Fixtures.poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(title(.code, s) == "demo.py · fork")  // while the verdict shows
        _ = press(&s, .enter)  // next: the quiz is over, the code pane is the lesson's again
        #expect(title(.code, s) == "demo.py · default")
        #expect(title(.output, s) == "Output (run of demo.py · fork)")
    }

    // MARK: 2. The start method is the lesson's own, and a non-default one is on the processes title

    @Test func theStartMethodChosenInOneLessonStaysThere() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 1)
        _ = press(&s, .char("m"), .char("m"))
        #expect(s.startMethod == .spawn)
        _ = press(&s, .right)  // lesson 4's Pool demo
        #expect(s.startMethod == nil)
        #expect(press(&s, .char("r")).shapes == [.start("/lessons/04-pool/demo.py", nil)])
        _ = App.update(&s, .runEnded(s.currentRun))
        _ = press(&s, .left)
        #expect(s.startMethod == .spawn)
    }

    @Test func aNonDefaultStartMethodIsABadgeOnTheProcessesTitle() {
        var s = Fixtures.state(width: 160, height: 40, lesson: 2, lang: .en)
        _ = press(&s, .char("m"), .char("m"), .char("r"))
        let rect = s.layout.panes[.processes]!
        let content = PaneContent.make(.processes, s, width: ScreenLayout.contentArea(rect).width)
        #expect(content.badge == "spawn")
        let row = screen(s)[rect.y]
        #expect(row.contains("Processes · demo.py · spawn"))
        let x = rect.x + 1 + TextWidth.of(" Processes · demo.py · ")
        #expect(App.view(s)[x, rect.y].text == "s" && App.view(s)[x, rect.y].style == Theme.badge)
    }

    // MARK: 3. Churn you can see

    /// Lesson 5 under spawn: 1,200 short-lived workers, 7 alive at the end of the log.
    static func churn() -> AppState {
        var s = Fixtures.state(width: 120, height: 40, lesson: 3, lang: .en)
        _ = App.update(&s, .key(.char("r")))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0, .start(pid: 1000, ppid: 999, name: "MainProcess", method: .main, parent: nil))))
        var t = 0.01
        for k in 1...1199 {
            let pid = Int32(1000 + k)
            _ = App.update(&s, .run(s.currentRun, Event(t: t, .start(pid: pid, ppid: 1000, name: "SpawnPoolWorker-\(k)", method: .spawn, parent: nil))))
            if k <= 1193 {
                _ = App.update(&s, .run(s.currentRun, Event(t: t + 0.001, .exit(pid: pid, code: 1, signal: nil))))
                _ = App.update(&s, .run(s.currentRun, Event(t: t + 0.002, .reaped(pid: pid, by: 1000))))
            }
            t += 0.005
        }
        _ = App.update(&s, .tick(now: t))
        return s
    }

    @Test func manyProcessesFoldTheExitedAndPutTheAliveFirst() {
        var s = Self.churn()
        s.width = 160
        let run = s.run!
        #expect(run.table.aliveCount == 7)
        let (_, count, row) = ProcessTableView.lines(run, width: 70, lang: .en)
        let rows = (0..<count).map { row($0).text }
        // The 7 alive first (main and the 6 newest workers), then the 8 latest exited, then one count line.
        #expect(rows.prefix(7).allSatisfy { $0.contains("yes") }, "\(rows.prefix(8))")
        #expect(rows[7].contains("SpawnPoolWorker-1193"))
        #expect(count == 7 + ProcessTableView.exitedShown + 1)
        #expect(rows.last!.contains("1,185 more exited"))
        let rect = s.layout.panes[.processes]!
        #expect(screen(s)[rect.y].contains("original.py · default ─"))
        #expect(screen(s)[rect.y].contains("1,200 started · 7 alive · 1,193 exited"))
    }

    @Test func aSmallRunStaysATreeWithBranches() {
        let s = Fixtures.poolState(width: 120, height: 40, lang: .en)
        let (_, count, row) = ProcessTableView.lines(s.run!, width: 70, lang: .en)
        let pids = (0..<count).map { row($0).text.prefix(6) }
        #expect(pids == ["100   ", "├ 101 ", "├ 102 ", "└ 103 "])
    }

    @Test func deeperLevelsContinueWithAVerticalLine() {
        var run = RunState(path: "/x.py", demoName: "x", lessonID: "x", startMethod: nil)
        for (pid, ppid) in [(1, 0), (2, 1), (3, 2), (4, 1), (5, 4)] as [(Int32, Int32)] {
            run.apply(Event(t: 0, .start(pid: pid, ppid: ppid, name: nil, method: .fork, parent: nil)))
        }
        #expect(ProcessTableView.treePrefixes(run.tree) == ["", "├ ", "│ └ ", "└ ", "  └ "])
    }

    // MARK: 4. Failures never cut

    @Test func eListsEveryFailedTaskAndScrolls() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 3, lang: .en)
        _ = press(&s, .char("r"))
        for e in Fixtures.recordedBrokenPool { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(KeyBar.keys(s).contains { $0.key == "e" })
        _ = press(&s, .char("e"))
        #expect(s.overlay == .failures)
        let lines = FailuresView.lines(s.run!, width: 70, lang: .en).map(\.text)
        for id in 0..<7 { #expect(lines.contains { $0.hasPrefix("#\(id) ") }) }
        #expect(lines.filter { $0.contains("TypeError: must be real number, not str") }.count == 7)
        let first = screen(s)
        _ = press(&s, .end)
        #expect(s.overlayScroll > 0)
        #expect(screen(s) != first)
        #expect(screen(s).joined().contains("#6 "))
        _ = press(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func theKeyBarHasNoFailuresKeyWithoutFailures() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 1, lang: .en)
        _ = press(&s, .char("r"))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0, .start(pid: 10, ppid: 9, name: "MainProcess", method: .main, parent: nil))))
        #expect(!KeyBar.keys(s).contains { $0.key == "e" })
        _ = press(&s, .char("e"))
        #expect(s.overlay == nil)
    }

    @Test func aLongOutputLineWrapsAndItsEndIsOnScreen() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 1, lang: .en)
        _ = press(&s, .char("r"))
        let long = "Traceback: " + String(repeating: "abcdefghij", count: 20) + " THE-END"
        _ = App.update(&s, .run(s.currentRun, Event(t: 0, .output(pid: 10, stream: .stderr, text: long))))
        s.focus = .output
        let text = screen(s).joined(separator: "\n")
        #expect(text.contains("THE-END"))
        #expect(!text.contains("…"))
        // Many lines after it: scrolled to the top, the first line shows whole, its continuation indented.
        for k in 0..<40 { _ = App.update(&s, .run(s.currentRun, Event(t: 0.1, .output(pid: 10, stream: .stdout, text: "line \(k)")))) }
        #expect(screen(s).joined().contains("line 39"))
        _ = press(&s, .home)
        let top = screen(s)
        #expect(top.joined().contains("THE-END"))
        #expect(top.contains { $0.contains("       │ ") && !$0.contains("10     │") }, "a continuation row: no PID, text under the text")
    }

    @Test func everyFailureKeepsItsCrossOnTheTimeline() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 3, lang: .en)
        _ = press(&s, .char("r"))
        for e in Fixtures.recordedBrokenPool { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        let run = s.run!
        let failures = run.tasks.filter { $0.status == .failed }.count
        #expect(failures == 7)
        let (_, count, lane) = TimelineView.lines(run, width: 73, lang: .en)
        let crosses = (0..<count).map { lane($0).text.filter { $0 == "✗" }.count }.reduce(0, +)
        #expect(crosses == failures)
    }

    @Test func taskNumbersAreWholeOrADot() {
        var run = RunState(path: "/x.py", demoName: "x", lessonID: "x", startMethod: nil)
        run.apply(Event(t: 0, .start(pid: 1, ppid: 0, name: "W", method: .fork, parent: nil)))
        run.apply(Event(t: 0, .task(pid: 1, id: 12, status: .started, function: "f", args: "()", error: nil)))
        run.apply(Event(t: 5, .task(pid: 1, id: 12, status: .done, function: "f", args: "()", error: nil)))
        run.apply(Event(t: 5.0, .task(pid: 1, id: 13, status: .started, function: "f", args: "()", error: nil)))
        run.apply(Event(t: 5.01, .task(pid: 1, id: 13, status: .done, function: "f", args: "()", error: nil)))
        run.now = 10
        let (header, _, lane) = TimelineView.lines(run, width: 60, lang: .en)
        let text = lane(0).text
        #expect(text.contains("12"))
        #expect(!text.contains("2 2") && !text.contains("3"))  // never a last digit alone
        #expect(text.contains("·"))  // 13 had one cell
        #expect(header[1].text.contains("12 pool task 12"))
        // No tasks: no pool legend.
        let (plain, _, _) = TimelineView.lines(Fixtures.poolState(width: 120, height: 40).run!.structuralWithoutTasks(),
                                               width: 60, lang: .en)
        #expect(!plain[1].text.contains("pool task"))
    }

    // MARK: 5. The UI's language

    @Test func stopReasonsAndKnownNoticesAreInChinese() {
        var s = Fixtures.poolState(width: 120, height: 40, lang: .zh)
        _ = App.update(&s, .run(s.currentRun, Event(t: 1.7, .notice(text: "process 101 wrote more than 8 MB; the rest of its output is in the raw stream only"))))
        _ = App.update(&s, .run(s.currentRun, Event(t: 60, .stopped(reason: .timeout, detail: "the run took longer than 60 s; the whole tree was stopped"))))
        _ = App.update(&s, .runEnded(s.currentRun))
        let banner = OutputPane.banner(s.run!, width: 70, lang: .zh).map(\.text).joined()
        #expect(banner.contains("运行超过了 60 秒的时限"))
        #expect(banner.contains("进程 101 的输出超过了 8 MB"))
        #expect(!banner.contains("the run took"))
        #expect(!banner.contains("wrote more than"))
        for reason in [StopReason.timeout, .interrupt, .processLimit, .userStop, .leftover, .supervisorLost] {
            let zh = EngineWords.stopSentence(reason, detail: "", .zh)
            #expect(zh != EngineWords.stopSentence(reason, detail: "", .en) && !zh.contains("the "), "\(reason): \(zh)")
        }
        #expect(!SummaryLine.text(Fixtures.poolState(width: 80, height: 24)).0.contains("timeout"))
    }

    // MARK: 6. Help: complete and reachable at 80×24

    @Test func helpNamesEveryKeyAndScrollsToItsEndAt80x24() {
        let keys = HelpOverlay.entries.map { $0.0.en }.joined(separator: " ")
        for k in ["r", "s", "p", "F", "v", "m", "o", "e", "Q", ", .", "< >", "0  $", "← → [ ]", "1 2 3", "Tab ⇧Tab",
                  "↑↓ j k", "PgUp PgDn", "Home End g G", "z", "L", "?  F1", "Esc", "q  Ctrl-C", "Ctrl-Z", "Enter n →", "a b c"] {
            #expect(keys.contains(k), "help lacks \(k)")
        }
        var s = Fixtures.state(width: 80, height: 24, lesson: 1, lang: .en)
        _ = press(&s, .char("?"))
        #expect(!screen(s).joined().contains("Ctrl-Z"))
        _ = press(&s, .end)
        #expect(s.overlay == .help)
        let end = screen(s).joined()
        #expect(end.contains("Ctrl-Z") && end.contains("failed"))
        _ = press(&s, .char("x"))
        #expect(s.overlay == nil)
    }
}

extension RunState {
    /// The same processes without any pool task (for the legend).
    func structuralWithoutTasks() -> RunState {
        var r = RunState(path: path, demoName: demoName, lessonID: lessonID, startMethod: startMethod)
        for e in events {
            if case .task = e.kind { continue }
            if case .retrieved = e.kind { continue }
            r.apply(e)
        }
        r.now = now
        return r
    }
}
