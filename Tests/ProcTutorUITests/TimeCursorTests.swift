import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// The panes as a function of (run log, cursor): the fold to a moment, stepping, playback, the honest pause.
@Suite struct TimeCursorTests {
    func press(_ s: inout AppState, _ keys: Key...) -> [AppCommand] {
        keys.flatMap { App.update(&s, .key($0)) }
    }

    /// The pool run at `t` (every event up to it applied), with the cursor there.
    func poolAt(_ t: Double) -> AppState {
        var s = Fixtures.poolState(width: 120, height: 40, lang: .en)
        TimeControl.jump(&s, to: t)
        return s
    }

    @Test func aZombieShowsInsideItsIntervalAndNotOutside() {
        // Worker 103 is killed at 1.30 and reaped at 1.35: a zombie in between.
        #expect(poolAt(1.25).shown?.table[103]?.isAlive == true)
        let inside = poolAt(1.32)
        #expect(inside.shown?.table[103]?.isZombie == true)
        #expect(inside.shown.map { ProcessTableView.stateText($0.table[103]!, run: $0, lang: .en) } == "zombie")
        let after = poolAt(1.36)
        #expect(after.shown?.table[103]?.isZombie == false)
        #expect(after.shown?.table[103]?.reapedBy == 100)
    }

    @Test func tasksAndOutputAsTheyWereThen() {
        let early = poolAt(0.5)
        #expect(early.shown?.tasks.map(\.status) == [.failed, .started, .started, .started])
        #expect(early.shown?.unretrievedFailureCount == 1)
        #expect(early.shown?.outputLinesSeen == 2)
        let later = poolAt(0.9)
        #expect(later.shown?.tasks.map(\.status) == [.failed, .done, .failed, .started])
        // Task 2 failed at 0.80 and was fetched at 0.85.
        #expect(later.shown?.unretrievedFailureCount == 1)
        #expect(later.shown?.outputLinesSeen == 3)
        // The live run is untouched by the cursor.
        #expect(later.run?.tasks.count == 5)
    }

    @Test func schedulerStatesAroundAChange() {
        #expect(poolAt(0.85).shown?.table[102]?.state == .running)
        #expect(poolAt(0.95).shown?.table[102]?.state == .sleeping)
    }

    @Test func aMomentBeforeTheEndIsNotTheEnd() {
        var s = Fixtures.poolState(width: 120, height: 40)
        _ = App.update(&s, .run(s.currentRun, Event(t: 1.7, .summary(Summary(exitCode: 0, processes: 4, maxAlive: 4, duration: 1.7,
                                                                   unretrievedFailures: 1)))))
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.cursor == nil, "a run longer than a second is not replayed by itself")
        TimeControl.jump(&s, to: 1.32)
        #expect(s.shown?.ended == false)
        #expect(s.shown?.summary == nil)
        #expect(s.shown?.clock == 1.32)
    }

    @Test func checkpointsGiveTheSameFoldAsFoldingFromTheStart() {
        var history = RunHistory(RunState(path: "/p.py", demoName: "demo", lessonID: "x", startMethod: nil))
        var events: [Event] = [Event(t: 0, .start(pid: 1, ppid: 0, name: "MainProcess", method: .main, parent: nil))]
        var generator = SystemRandomNumberGenerator()
        for i in 1..<5000 {
            let t = Double(i) / 1000
            let pid = PID(2 + i % 40)
            switch i % 5 {
            case 0: events.append(Event(t: t, .start(pid: pid, ppid: 1, name: nil, method: .osFork, parent: nil)))
            case 1: events.append(Event(t: t, .output(pid: pid, stream: .stdout, text: "line \(i)")))
            case 2: events.append(Event(t: t, .exit(pid: pid, code: Int.random(in: 0...2, using: &generator), signal: nil)))
            case 3: events.append(Event(t: t, .reaped(pid: pid, by: 1)))
            default: events.append(Event(t: t, .task(pid: pid, id: i, status: .started, function: "f", args: "()", error: nil)))
            }
        }
        for e in events { history.append(e) }
        history.flush()
        for n in [0, 1, 1023, 1024, 1025, 2500, 4096, 4999, 5000] {
            var folded = RunState(path: "/p.py", demoName: "demo", lessonID: "x", startMethod: nil).structural()
            for e in events.prefix(n) { folded.apply(e) }
            let fromHistory = history.state(after: n)
            #expect(fromHistory.table == folded.table, "n = \(n)")
            #expect(fromHistory.tasks == folded.tasks, "n = \(n)")
            #expect(fromHistory.outputLinesSeen == folded.outputLinesSeen, "n = \(n)")
            #expect(fromHistory.eventCount == n)
        }
    }

    @Test func stepsGoEventByEventAndSkipTheRawStream() {
        var s = Fixtures.poolState(width: 120, height: 40)
        let all = Fixtures.poolEvents
        // From live, `,` lands on the last event.
        _ = press(&s, .char(","))
        #expect(s.cursor?.index == all.count)
        #expect(s.cursorEvent?.t == all.last?.t)
        #expect(s.cursorEvent?.name == "reaped")
        _ = press(&s, .char("0"))
        #expect(s.cursor?.index == 0)
        // The history keeps no output text (the live run has it), so events compare by time and kind.
        var seen: [String] = []
        for _ in 0..<all.count {
            _ = press(&s, .char("."))
            if let e = s.cursorEvent { seen.append("\(e.t) \(e.name)") }
        }
        let notRaw = all.filter { if case .raw = $0.kind { false } else { true } }.map { "\($0.t) \($0.name)" }
        #expect(Array(seen.prefix(notRaw.count)) == notRaw)
        #expect(Set(seen.dropFirst(notRaw.count)) == [notRaw.last!], "past the last event the cursor stays on it")
        // Back again, one step at a time.
        _ = press(&s, .char(","), .char(","))
        #expect(s.cursorEvent.map { "\($0.t) \($0.name)" } == notRaw[notRaw.count - 3])
        // A step onto an output line names its text, from the live run.
        _ = press(&s, .char("0"))
        for _ in 0..<5 { _ = press(&s, .char(".")) }
        #expect(s.lineAtCursor == "--start--")
        #expect(s.cursor?.playing == false)
    }

    @Test func pausingTheViewKeepsRecordingTheLiveRun() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2, lang: .en)
        _ = press(&s, .char("r"))
        for e in Fixtures.poolEvents.prefix(5) { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = press(&s, .char("p"))
        for e in Fixtures.poolEvents.dropFirst(5) { _ = App.update(&s, .run(s.currentRun, e)) }
        #expect(s.shown?.table.records.count == 4)
        #expect(s.shown?.tasks.isEmpty == true, "the view holds the moment of the pause")
        #expect(s.history.map { $0.count + $0.pendingCount } == Fixtures.poolEvents.count, "the program runs on and is recorded")
        #expect(s.run?.tasks.count == 5)
        #expect(TimeBar.text(s)?.contains("view paused: the program runs on") == true)
        _ = press(&s, .char("$"))
        #expect(s.cursor == nil)
        #expect(s.shown?.tasks.count == 5)
    }

    @Test func playbackMovesAtItsSpeedAndGoesLiveAtTheEnd() {
        var s = Fixtures.poolState(width: 120, height: 40)
        _ = press(&s, .char("0"))
        #expect(!App.wantsFrames(s), "a paused replay wants no frames: no wake-ups")
        #expect(s.cursor?.speed == 0.5, "the speed that makes 1.6 s last at least 3 s")
        _ = press(&s, .char("<"), .char(">"))
        #expect(s.cursor?.speed == 0.5)
        _ = press(&s, .char("p"))
        #expect(App.wantsFrames(s))
        _ = App.update(&s, .frame(wall: 100))
        _ = App.update(&s, .frame(wall: 101))
        #expect(s.cursor?.t == 0.5)
        #expect(s.shown?.tasks.count == 4)
        _ = App.update(&s, .frame(wall: 110))
        #expect(s.cursor == nil, "past the end of the recording the view is live again")
        #expect(!App.wantsFrames(s))
    }

    @Test func aShortRunIsReplayedSlowlyByItself() {
        var s = Fixtures.state(width: 120, height: 40)
        _ = press(&s, .char("r"))
        let events = [
            Event(t: 0.00, .start(pid: 10, ppid: 9, name: "MainProcess", method: .main, parent: nil)),
            Event(t: 0.03, .start(pid: 11, ppid: 10, name: nil, method: .osFork, parent: nil)),
            Event(t: 0.04, .output(pid: 10, stream: .stdout, text: "parent")),
            Event(t: 0.05, .output(pid: 11, stream: .stdout, text: "child")),
            Event(t: 0.06, .exit(pid: 11, code: 0, signal: nil)),
            Event(t: 0.07, .exit(pid: 10, code: 0, signal: nil)),
            Event(t: 0.08, .summary(Summary(exitCode: 0, processes: 2, maxAlive: 2, duration: 0.08, unretrievedFailures: 0))),
        ]
        for e in events { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.cursor?.playing == true)
        #expect(s.cursor?.automatic == true)
        #expect(s.cursor?.speed == 0.02, "0.08 s at 0.02× lasts 4 s")
        #expect(TimeBar.text(s)?.hasPrefix("▶ slow replay of the real run (recorded) 0.02×") == true
                || TimeBar.text(s)?.hasPrefix("▶ 慢放刚才的真实运行（录像） 0.02×") == true)
        #expect(s.shown?.outputLinesSeen == 0)
    }

    @Test func aStoppedRunIsNotReplayedByItself() {
        var s = Fixtures.state(width: 120, height: 40)
        _ = press(&s, .char("r"))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0.1, .stopped(reason: .userStop, detail: ""))))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0.1, .summary(Summary(exitCode: 143, processes: 1, maxAlive: 1, duration: 0.1,
                                                                 unretrievedFailures: 0)))))
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.cursor == nil)
    }

    @Test func autoSpeedMakesEveryShortRunLastAFewSeconds() {
        #expect(TimeCursor.autoSpeed(for: 0.06) == 0.02)
        #expect(TimeCursor.autoSpeed(for: 0.6) == 0.1)
        #expect(TimeCursor.autoSpeed(for: 2.5) == 0.5)
        #expect(TimeCursor.autoSpeed(for: 12) == 4)
        #expect(TimeCursor.autoSpeed(for: 0.001) == 0.01)
    }

    @Test func aNewRunDropsTheCursorAndStartsAFreshHistory() {
        var s = Fixtures.poolState(width: 120, height: 40)
        _ = press(&s, .char(","))
        _ = press(&s, .char("r"))
        #expect(s.cursor == nil)
        #expect(s.history?.count == 0)
    }

    @Test func aClickOnTheTimelinePutsTheCursorThere() {
        var s = Fixtures.poolState(width: 120, height: 40)
        let rect = s.layout.panes[.timeline]!
        let inner = ScreenLayout.contentArea(rect)
        // The right end of the lanes is the end of the run; the first bar column is 0.
        _ = press(&s, .click(x: inner.right - 1, y: inner.y + 3))
        #expect(s.cursor.map { abs($0.t - 1.6) < 0.001 } == true)
        _ = press(&s, .click(x: inner.x + TimelineView.geometry(width: inner.width).label + 1, y: inner.y + 3))
        #expect(s.cursor?.t == 0)
        #expect(s.cursor?.index == 1, "the events at t = 0 are applied")
    }

    /// A process's last line is stamped when it was written but can reach the supervisor after its exit (seen
    /// in real lesson 2 runs: `exit` at 1.0677, then the line stamped 1.0660). The replay puts it back in time.
    @Test func aLateLineIsReplayedBeforeTheExitThatOvertookIt() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2, lang: .en)
        _ = press(&s, .char("r"))
        let arrival = [
            Event(t: 0.0, .start(pid: 5, ppid: 4, name: "MainProcess", method: .main, parent: nil)),
            Event(t: 0.05, .start(pid: 6, ppid: 5, name: "Process-1", method: .fork, parent: nil)),
            Event(t: 0.06, .output(pid: 6, stream: .stdout, text: "first")),
            Event(t: 1.0677, .exit(pid: 6, code: 0, signal: nil)),
            Event(t: 1.0660, .output(pid: 6, stream: .stdout, text: "last words")),
            Event(t: 1.07, .output(pid: 5, stream: .stdout, text: "main goes on")),
        ]
        for e in arrival { _ = App.update(&s, .run(s.currentRun, e)) }
        #expect(s.history?.pendingCount ?? 0 > 0, "the newest events wait in the reorder window")
        s.settleHistory()
        #expect(s.history?.events.map(\.t) == [0.0, 0.05, 0.06, 1.0660, 1.0677, 1.07])
        #expect(s.history?.events.filter { $0.name == "output" }.map(\.t) == [0.06, 1.0660, 1.07], "lines in arrival order")
        TimeControl.jump(&s, to: 1.0661)
        #expect(s.shown?.table[6]?.isAlive == true, "still alive when it wrote its last line")
        #expect(s.lineAtCursor == "last words")
        _ = press(&s, .char("."))
        #expect(s.shown?.table[6]?.isZombie == true)
        #expect(s.cursorEvent?.name == "exit")
        // A line later than the window is not sorted back past other lines: it is shown when it arrived.
        _ = App.update(&s, .run(s.currentRun, Event(t: 1.0665, .output(pid: 5, stream: .stdout, text: "late"))))
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.cursorEvent?.name == "exit")
        #expect(s.shown?.outputLinesSeen == 2)
        #expect(s.history?.events.last?.t == 1.07)
    }

    @Test func anInsertionBeforeACheckpointRebuildsTheCheckpoints() {
        var history = RunHistory(RunState(path: "/p.py", demoName: "demo", lessonID: "x", startMethod: nil))
        history.append(Event(t: 0, .start(pid: 1, ppid: 0, name: "MainProcess", method: .main, parent: nil)))
        for i in 1...3000 {
            history.append(Event(t: Double(i), .task(pid: 1, id: i, status: .started, function: "f", args: "()", error: nil)))
        }
        history.flush()
        // Later than the reorder window allows: put back where its time says, checkpoints rebuilt.
        history.append(Event(t: 0.5, .start(pid: 2, ppid: 1, name: nil, method: .osFork, parent: nil)))
        history.flush()
        #expect(history.events[1].name == "start")
        #expect(history.state(after: 2).table[2] != nil)
        #expect(history.state(after: 2000).table[2] != nil)
        #expect(history.state(after: 2000).tasks.count == 1998)
        #expect(history.state(after: 3002).tasks.count == 3000)
        #expect(history.stepCount == 3002)
    }

    /// A flood whose lines are stamped before raw bytes read later (as the supervisor does): every append stays
    /// at the end of the history, none refolds.
    @Test func aFloodOfSlightlyLateLinesStaysInOrderCheaply() {
        var history = RunHistory(RunState(path: "/p.py", demoName: "demo", lessonID: "x", startMethod: nil))
        history.append(Event(t: 0, .start(pid: 1, ppid: 0, name: "MainProcess", method: .main, parent: nil)))
        for i in 0..<50_000 {
            let t = Double(i) / 10_000
            history.append(Event(t: t + 0.005, .raw(stream: .stdout, text: "line\n")))
            history.append(Event(t: t, .output(pid: 1, stream: .stdout, text: "line")))
        }
        history.flush()
        #expect(history.count == 100_001)
        #expect(zip(history.events, history.events.dropFirst()).allSatisfy { $0.t <= $1.t })
        #expect(history.events.filter { $0.name == "output" }.count == 50_000, "every line, in arrival order")
        #expect(history.state(after: history.count).outputLinesSeen == 50_000)
        // Lines lagging the raw stream by more than the window are shown when they were read.
        var behind = RunHistory(RunState(path: "/p.py", demoName: "demo", lessonID: "x", startMethod: nil))
        behind.append(Event(t: 0, .start(pid: 1, ppid: 0, name: "MainProcess", method: .main, parent: nil)))
        behind.append(Event(t: 2.0, .raw(stream: .stdout, text: "a\n")))
        behind.append(Event(t: 0.5, .output(pid: 1, stream: .stdout, text: "a")))
        behind.flush()
        behind.append(Event(t: 0.6, .output(pid: 1, stream: .stdout, text: "b")))
        behind.flush()
        #expect(behind.events.map(\.t) == [0, 2.0, 2.0, 2.0])
    }

    /// `watch` on a script that calls input(): stdin is /dev/null, and the panes say why it died.
    @Test func anEOFErrorFromInputSaysStdinIsNotConnected() {
        var s = Watch.state(program: "/home/s/ask.py", timeout: 60, lang: .en, width: 120, height: 40)
        _ = App.update(&s, .key(.char("r")))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0, .start(pid: 3, ppid: 2, name: "MainProcess", method: .main, parent: nil))))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0.1, .output(pid: 3, stream: .stderr, text: "EOFError: EOF when reading a line"))))
        let text = OutputPane.banner(s.run!, width: 100, lang: .en).map(\.text).joined()
        #expect(text.contains("stdin is /dev/null"))
        #expect(OutputPane.banner(Fixtures.poolState(width: 120, height: 40).run!, width: 100, lang: .en)
            .allSatisfy { !$0.text.contains("stdin") })
    }
}
