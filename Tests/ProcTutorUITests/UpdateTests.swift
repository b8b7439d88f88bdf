import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// Keys and messages → state and commands.
@Suite struct UpdateTests {
    func press(_ s: inout AppState, _ keys: Key...) -> [AppCommand] {
        keys.flatMap { App.update(&s, .key($0)) }
    }

    @Test func rRunsTheChosenDemoWithTheChosenStartMethod() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2)
        #expect(press(&s, .char("r")).shapes == [.start("/lessons/04-pool/demo.py", nil)])
        #expect(s.isRunning)
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(press(&s, .char("m"), .char("m")) == [])
        #expect(s.startMethod == .spawn)
        #expect(press(&s, .char("r")).shapes == [.start("/lessons/04-pool/demo.py", .spawn)])
    }

    @Test func rWhileRunningStopsFirstAndStartsWithEmptyPanes() {
        var s = Fixtures.poolState(width: 120, height: 40)
        #expect(s.run?.table.records.count == 4)
        #expect(press(&s, .char("r")).shapes == [.stop(RunID(1)), .start("/lessons/04-pool/demo.py", nil)])
        #expect(s.run?.events.isEmpty == true)
    }

    @Test func startMethodCyclesThroughEveryMethodAndBack() {
        var s = Fixtures.state(width: 80, height: 24)
        var seen: [StartMethod?] = []
        for _ in 0..<4 { _ = press(&s, .char("m")); seen.append(s.startMethod) }
        #expect(seen == [.fork, .spawn, .forkserver, nil])
    }

    @Test func variantPickerChoosesTheDemoAndItsOwnStartMethod() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 3)
        #expect(s.demo?.name == "original")
        _ = press(&s, .char("v"))
        #expect(s.demo?.name == "fixed")
        #expect(press(&s, .char("r")).shapes == [.start("/lessons/05-broken-pool/fixed.py", .fork)])
        _ = App.update(&s, .runEnded(s.currentRun))
        _ = press(&s, .char("v"))
        #expect(s.demo?.name == "fixed-spawn")
        _ = press(&s, .char("v"))
        #expect(s.demo?.name == "original")
    }

    @Test func stopAndFreezeOnlyWhileRunning() {
        var s = Fixtures.state(width: 80, height: 24)
        #expect(press(&s, .char("s"), .char("F")) == [])
        _ = press(&s, .char("r"))
        #expect(press(&s, .char("F")) == [.pauseRun])
        #expect(s.run?.paused == true)
        #expect(press(&s, .char("F")) == [.resumeRun])
        #expect(press(&s, .char("s")).shapes == [.stop(RunID(1))])
    }

    /// `p` pauses the view only: it never signals the program.
    @Test func pauseTouchesNoProcess() {
        var s = Fixtures.state(width: 80, height: 24)
        _ = press(&s, .char("r"))
        #expect(press(&s, .char("p")) == [])
        #expect(s.run?.paused == false)
        #expect(s.cursor != nil)
    }

    @Test func theClockHoldsWhileFrozen() {
        var s = Fixtures.state(width: 80, height: 24)
        _ = press(&s, .char("r"))
        _ = App.update(&s, .tick(now: 1.0))
        _ = press(&s, .char("F"))
        _ = App.update(&s, .tick(now: 2.0))
        #expect(s.run?.now == 1.0)
        _ = press(&s, .char("F"))
        _ = App.update(&s, .tick(now: 3.0))
        #expect(s.run?.now == 3.0)
    }

    @Test func quitAsksFirstWhileADemoRuns() {
        var s = Fixtures.state(width: 80, height: 24)
        #expect(press(&s, .char("q")) == [.quit])
        _ = press(&s, .char("r"))
        #expect(press(&s, .char("q")) == [])
        #expect(s.overlay == .confirmQuit)
        #expect(press(&s, .char("n")) == [])
        #expect(s.overlay == nil)
        _ = press(&s, .char("q"))
        #expect(press(&s, .char("y")).shapes == [.stop(RunID(1)), .other(.quit)])
    }

    /// A q just before the run ends asks; the run's end must not swallow the y that answers it.
    @Test func quitQuestionOutlivesTheRunItWarnedAbout() {
        var s = Fixtures.state(width: 80, height: 24)
        _ = press(&s, .char("r"))
        _ = press(&s, .char("q"))
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.overlay == .confirmQuit)
        #expect(press(&s, .char("y")) == [.quit])
    }

    @Test func ctrlCQuitsAtOnce() {
        var s = Fixtures.state(width: 80, height: 24)
        _ = press(&s, .char("r"))
        #expect(press(&s, .ctrl("c")).shapes == [.stop(RunID(1)), .other(.quit)])
    }

    @Test func lessonsChangeByArrowsBracketsAndDigits() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 0)
        #expect(press(&s, .right) == [.saveProgress])
        #expect(s.lessonIndex == 1)
        _ = press(&s, .char("]"))
        #expect(s.lessonIndex == 2)
        _ = press(&s, .char("["), .left)
        #expect(s.lessonIndex == 0)
        #expect(press(&s, .left) == [])  // no lesson before the first
        _ = press(&s, .char("4"))
        #expect(s.lessonIndex == 3)
        #expect(press(&s, .char("9")) == [])
        #expect(s.lessonIndex == 3)
    }

    @Test func changingLessonStopsTheRunAndClearsThePanes() {
        var s = Fixtures.poolState(width: 120, height: 40)
        #expect(press(&s, .left).shapes == [.stop(RunID(1)), .other(.saveProgress)])
        #expect(s.run == nil)
    }

    @Test func tabMovesFocusBothWays() {
        var s = Fixtures.state(width: 80, height: 24)
        _ = press(&s, .tab, .tab)
        #expect(s.focus == .processes)
        _ = press(&s, .backTab, .backTab, .backTab)
        #expect(s.focus == .timeline)
    }

    @Test func scrollingIsClampedToTheContent() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 1)
        _ = press(&s, .down, .char("j"))
        #expect(s.scroll[.lesson] == 2)
        _ = press(&s, .up, .up, .up, .char("k"))
        #expect(s.scroll[.lesson] == 0)
        _ = press(&s, .end)
        let bottom = s.scroll[.lesson] ?? 0
        #expect(bottom > 0)
        _ = press(&s, .home)
        #expect(s.scroll[.lesson] == 0)
        _ = press(&s, .pageDown)
        #expect(s.scroll[.lesson] ?? 0 > 2)
        #expect(s.scroll[.lesson] ?? 0 <= bottom)
    }

    @Test func steppingPastTheEndOfTheTextOpensTheQuiz() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 1)
        _ = press(&s, .end)
        #expect(s.quiz == nil)
        _ = press(&s, .down)
        #expect(s.quiz?.lessonID == "02-process")
        _ = press(&s, .escape)
        #expect(s.quiz == nil)
    }

    @Test func theWheelScrollsThePaneUnderThePointerButNeverOpensTheQuiz() {
        var s = Fixtures.poolState(width: 120, height: 40)
        s.focus = .lesson
        // The lesson text of lesson 3 is short: the wheel at its end does nothing.
        _ = App.update(&s, .key(.wheelDown(x: 5, y: 5)))
        #expect(s.quiz == nil)
        // The output pane is in the right column, below the processes.
        let output = s.layout.panes[.output]!
        _ = App.update(&s, .key(.wheelUp(x: output.x + 3, y: output.y + 2)))
        #expect(s.followOutput == true)  // everything fits: still following
        #expect(s.focus == .lesson)
    }

    @Test func clickFocusesAPaneOrATab() {
        var s = Fixtures.state(width: 120, height: 40)
        let code = s.layout.panes[.code]!
        _ = App.update(&s, .key(.click(x: code.x + 4, y: code.y + 2)))
        #expect(s.focus == .code)
        _ = App.update(&s, .resize(width: 80, height: 24))
        _ = App.update(&s, .key(.click(x: 2, y: 0)))
        #expect(s.focus == .lesson)
    }

    @Test func outputModeTogglesAndHelpClosesOnAnyKey() {
        var s = Fixtures.state(width: 80, height: 24)
        _ = press(&s, .char("o"))
        #expect(s.outputMode == .raw)
        _ = press(&s, .char("?"))
        #expect(s.overlay == .help)
        #expect(press(&s, .char("r")) == [])  // closes help, does not run
        #expect(s.overlay == nil)
        #expect(!s.isRunning)
    }

    @Test func resizeChangesTheLayoutMode() {
        var s = Fixtures.state(width: 120, height: 40)
        #expect(s.layout.mode == .full)
        _ = App.update(&s, .resize(width: 90, height: 30))
        #expect(s.layout.mode == .tabs)
        _ = App.update(&s, .resize(width: 79, height: 30))
        #expect(s.layout.mode == .tooSmall)
        _ = App.update(&s, .resize(width: 100, height: 30))
        #expect(s.layout.mode == .full)
    }

    @Test func everyRunIsAskedForWithItsOwnIdAndWhatTheBackendNeeds() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 3)
        guard case let .startRun(first)? = press(&s, .char("r")).first else { Issue.record("no start"); return }
        #expect(first == RunRequest(id: RunID(1), program: "/lessons/05-broken-pool/original.py",
                                    lessonID: "05-broken-pool", variant: "original", startMethod: nil,
                                    timeout: s.demo?.timeout))
        #expect(s.runID == RunID(1))
        let again = press(&s, .char("r"))
        guard case let .startRun(second)? = again.last else { Issue.record("no second start"); return }
        #expect(again.shapes.first == .stop(RunID(1)), "the old run is stopped by its own id")
        #expect(second.id == RunID(2) && s.runID == RunID(2))
    }

    @Test func watchRunsNameNoLessonAndCarryTheScriptsArguments() {
        var s = Watch.state(program: "/home/student/mine.py", timeout: 7, lang: .en, width: 120, height: 40)
        s.runArguments = ["--workers", "3"]
        guard case let .startRun(request)? = press(&s, .char("r")).first else { Issue.record("no start"); return }
        #expect(request.lessonID == nil, "a watched script is not a lesson's demo")
        #expect(request.timeout == 7)
        #expect(request.arguments == ["--workers", "3"])
    }

    @Test func newsOfAnotherRunNeverReachesTheScreen() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 2)
        _ = App.update(&s, .run(RunID(7), Fixtures.poolEvents[0]))
        #expect(s.run == nil, "no run was asked for: nothing to show")
        _ = press(&s, .char("r"))
        _ = App.update(&s, .run(RunID(7), Fixtures.poolEvents[0]))
        #expect(App.update(&s, .runEnded(RunID(7))).isEmpty)
        #expect(s.run?.events.isEmpty == true && s.isRunning, "another run's events and end are dropped")
        _ = App.update(&s, .run(s.currentRun, Fixtures.poolEvents[0]))
        #expect(s.run?.table.records.count == 1)
    }

    /// The backend's side of the protocol, as ProcTutorTerminal's loop does it: a stopped run still delivers
    /// its remaining events and its `.runEnded`, tagged with its own id, whenever they are read: here after
    /// the new run's first event, the order a slow-to-die tree gives.
    struct Backend {
        var active: RunID?
        var started: [String] = []
        /// Messages of stopped runs, not yet delivered.
        var late: [AppMsg] = []

        mutating func execute(_ commands: [AppCommand], _ s: inout AppState, leftovers: [Event]) {
            for c in commands {
                switch c {
                case let .startRun(request):
                    stop(leftovers)
                    active = request.id
                    started.append(request.program)
                case let .stopRun(id) where id == active:
                    stop(leftovers)
                default:
                    break
                }
            }
        }

        mutating func stop(_ leftovers: [Event]) {
            guard let id = active else { return }
            active = nil
            late += leftovers.map { .run(id, $0) } + [.runEnded(id)]
        }

        mutating func deliverLate(_ s: inout AppState) {
            let messages = late
            late = []
            for m in messages { execute(App.update(&s, m), &s, leftovers: []) }
        }
    }

    @Test func leftoversOfAReplacedRunNeverReachTheNewOne() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2)
        var backend = Backend()
        backend.execute(press(&s, .char("r")), &s, leftovers: [])
        for e in Fixtures.poolEvents.prefix(5) { _ = App.update(&s, .run(s.currentRun, e)) }
        // Re-run twice in a row while running: both old runs end with leftovers, read after the new run began.
        backend.execute(press(&s, .char("r")), &s, leftovers: Array(Fixtures.poolEvents[5...7]))
        backend.execute(press(&s, .char("r")), &s, leftovers: [Fixtures.poolEvents[0]])
        #expect(backend.started.count == 3)
        _ = App.update(&s, .run(s.currentRun, Fixtures.poolEvents[0]))
        backend.deliverLate(&s)
        #expect(s.isRunning)
        #expect(s.run?.events == [Fixtures.poolEvents[0]])
        // A lesson change while running: the leftovers do not become a run of the new lesson.
        backend.execute(press(&s, .left), &s, leftovers: [Fixtures.poolEvents[1]])
        backend.deliverLate(&s)
        #expect(s.run == nil)
        // The stop key: the leftovers belong to the run on screen, which then ends.
        backend.execute(press(&s, .char("r")), &s, leftovers: [])
        backend.execute(press(&s, .char("s")), &s, leftovers: [Fixtures.poolEvents[0]])
        backend.deliverLate(&s)
        #expect(s.run?.events == [Fixtures.poolEvents[0]])
        #expect(s.isRunning == false)
    }
}
