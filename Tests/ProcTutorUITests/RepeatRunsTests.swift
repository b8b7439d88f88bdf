import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// `n`: the demo run N times in a row, tallied, every run kept for replay.
@Suite struct RepeatRunsTests {
    /// One short fork run in which the parent (or the child) prints first.
    static func run(parentFirst: Bool, base: PID) -> [Event] {
        let (p, c) = (base, base + 1)
        let lines = parentFirst ? [p, c] : [c, p]
        return [
            Event(t: 0, .start(pid: p, ppid: 1, name: "MainProcess", method: .main, parent: nil)),
            Event(t: 0.01, .start(pid: c, ppid: p, name: nil, method: .osFork, parent: nil)),
            Event(t: 0.02, .output(pid: lines[0], stream: .stdout, text: "first")),
            Event(t: 0.03, .output(pid: lines[1], stream: .stdout, text: "second")),
            Event(t: 0.04, .exit(pid: c, code: 0, signal: nil)),
            Event(t: 0.05, .exit(pid: p, code: 0, signal: nil)),
            Event(t: 0.05, .summary(Summary(exitCode: 0, processes: 2, maxAlive: 2, duration: 0.05, unretrievedFailures: 0))),
        ]
    }

    func finish(_ s: inout AppState, parentFirst: Bool, base: PID) -> [AppCommand] {
        for e in Self.run(parentFirst: parentFirst, base: base) { _ = App.update(&s, .run(s.currentRun, e)) }
        return App.update(&s, .runEnded(s.currentRun))
    }

    @Test func nRunsTheDemoTwentyTimesAndTalliesThem() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 0, lang: .en)
        let first = App.update(&s, .key(.char("n")))
        #expect(first.count == 1)
        guard case let .startRun(request)? = first.first else { Issue.record("no run started"); return }
        let path = request.program
        #expect(s.overlay == .tally)
        for i in 0..<RepeatRuns.defaultCount {
            let next = finish(&s, parentFirst: i % 4 != 0, base: PID(100 + 10 * i))
            if i < RepeatRuns.defaultCount - 1 {
                #expect(next.shapes == [.start(path, s.repeatRuns?.startMethod)], "run \(i + 1)")
                #expect(s.cursor == nil, "no slow replay between the runs")
            } else {
                #expect(next.isEmpty, "twenty and no more")
            }
        }
        let r = s.repeatRuns!
        #expect(r.isDone && r.finished.count == 20)
        #expect(r.tally.runs == 20)
        #expect(r.tally.orderings.map(\.count) == [15, 5])
        #expect(r.tally.orderings.first?.roles == ["MainProcess", "main.1"])
        let text = TallyOverlay.lines(s, width: 80).map(\.text)
        #expect(text.contains { $0.contains("15×") && $0.contains("75%") && $0.contains("MainProcess → main.1") })
        #expect(text.contains { $0.hasPrefix("▸ #1 ") })
    }

    @Test func anyRunOfTheTallyCanBeReplayed() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 0, lang: .en)
        _ = App.update(&s, .key(.char("n")))
        s.repeatRuns?.total = 3
        for i in 0..<3 { _ = finish(&s, parentFirst: i != 1, base: PID(200 + 10 * i)) }
        _ = App.update(&s, .key(.down))
        #expect(s.repeatRuns?.selected == 1)
        _ = App.update(&s, .key(.enter))
        #expect(s.overlay == nil)
        #expect(s.run?.table.records.first?.pid == 210, "the second run is on screen")
        #expect(s.cursor?.playing == true && s.cursor?.t == 0, "replayed from its start")
        _ = App.update(&s, .key(.char("t")))
        #expect(s.overlay == .tally, "t opens the tally again")
    }

    @Test func stoppingARepeatCountsOnlyTheFinishedRuns() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 0, lang: .en)
        _ = App.update(&s, .key(.char("n")))
        _ = finish(&s, parentFirst: true, base: 300)
        #expect(App.update(&s, .key(.char("s"))).shapes == [.stop(RunID(2))])
        _ = App.update(&s, .run(s.currentRun, Event(t: 0.1, .stopped(reason: .userStop, detail: ""))))
        _ = App.update(&s, .run(s.currentRun, Event(t: 0.1, .summary(Summary(exitCode: 143, processes: 1, maxAlive: 1, duration: 0.1,
                                                                 unretrievedFailures: 0)))))
        #expect(App.update(&s, .runEnded(s.currentRun)).isEmpty, "no next run")
        #expect(s.repeatRuns?.finished.count == 1)
        #expect(s.repeatRuns?.cancelled == true)
    }

    @Test func notWhileADemoRunsNorInAReplay() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 0, lang: .en)
        _ = App.update(&s, .key(.char("r")))
        #expect(App.update(&s, .key(.char("n"))).isEmpty)
        #expect(s.repeatRuns == nil)
        var replay = Replay.state(Recording(header: nil, events: Self.run(parentFirst: true, base: 5)), file: "x", lang: .en)
        #expect(App.update(&replay, .key(.char("n"))).isEmpty)
    }
}
