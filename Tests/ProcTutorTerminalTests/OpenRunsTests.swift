import ProcTutorCore
import ProcTutorUI
import Testing
@testable import ProcTutorTerminal

/// A run whose events a test hands out by hand.
private final class ScriptedRun: DemoRun {
    let fd: Int32 = -1
    var pending: [Event] = []
    var summarySent = false
    var commands: [String] = []

    func emit(_ events: Event...) {
        pending += events
    }

    func finish() {
        pending.append(Event(t: 9, .summary(Summary(exitCode: 0, processes: 1, maxAlive: 1, duration: 9,
                                                    unretrievedFailures: 0))))
    }

    func drain() -> [Event] {
        defer { pending = [] }
        if pending.contains(where: { if case .summary = $0.kind { true } else { false } }) { summarySent = true }
        return pending
    }

    var isFinished: Bool { summarySent && pending.isEmpty }
    func stop() { commands.append("stop") }
    func pause() { commands.append("pause") }
    func resume() { commands.append("resume") }
}

private func output(_ text: String) -> Event {
    Event(t: 0, .output(pid: 1, stream: .stdout, text: text))
}

private let one = RunID(1), two = RunID(2)

@Suite("Open runs: every run's news, tagged with its id")
struct OpenRunsTests {
    @Test("a single run: events as they come, then .runEnded after its summary")
    func singleRun() {
        let runs = OpenRuns()
        let run = ScriptedRun()
        runs.append(run, id: one, startedAt: 0)
        run.emit(output("a"))
        #expect(runs.collect(ready: runs.slots) == [.run(one, output("a"))])
        run.finish()
        let messages = runs.collect(ready: runs.slots)
        #expect(messages.last == .runEnded(one))
        #expect(messages.count == 2)
        #expect(runs.isEmpty)
    }

    @Test("a replaced run's leftovers come when they are read, each tagged with its own run")
    func replacedRunTagged() {
        let runs = OpenRuns()
        let old = ScriptedRun(), new = ScriptedRun()
        runs.append(old, id: one, startedAt: 0)
        runs.stop(one)
        #expect(old.commands == ["resume", "stop"])
        runs.append(new, id: two, startedAt: 1)
        #expect(runs.live === runs.slots.last)

        new.emit(output("new-1"))
        old.emit(output("old-last"))
        // The new run is readable first: its news is not held back behind the old run's.
        #expect(runs.collect(ready: [runs.slots[1]]) == [.run(two, output("new-1"))])
        old.finish()
        let messages = runs.collect(ready: [runs.slots[0]])
        #expect(messages.first == .run(one, output("old-last")))
        #expect(messages.last == .runEnded(one))
        #expect(runs.slots.count == 1 && runs.live?.id == two)
    }

    @Test("a stopped run is no longer live: ticks, pause and resume go to nobody")
    func stoppedIsNotLive() {
        let runs = OpenRuns()
        let run = ScriptedRun()
        runs.append(run, id: one, startedAt: 0)
        #expect(runs.live?.id == one)
        runs.stop(one)
        #expect(runs.live == nil)
        runs.stop(one)  // already stopping: not signalled twice
        runs.stop(two)  // unknown: nothing happens
        #expect(run.commands == ["resume", "stop"])
        #expect(runs.slots.count == 1)
    }

    @Test("a run that could not start ends like any other, with a notice saying why")
    func failedRun() {
        let runs = OpenRuns()
        runs.append(FailedRun(message: "python3 was not found"), id: one, startedAt: 0)
        let messages = runs.collect(ready: runs.slots)
        #expect(messages.first == .run(one, Event(t: 0, .notice(text: "python3 was not found"))))
        #expect(messages.last == .runEnded(one))
        #expect(runs.isEmpty)
    }

    @Test("leaving stops every run still going, each exactly once")
    func stopAll() {
        let runs = OpenRuns()
        let a = ScriptedRun(), b = ScriptedRun()
        runs.append(a, id: one, startedAt: 0)
        runs.stop(one)
        runs.append(b, id: two, startedAt: 1)
        runs.stopAll()
        #expect(a.commands == ["resume", "stop"])
        #expect(b.commands == ["resume", "stop"])
        a.finish()
        #expect(runs.discardFinished())
        b.finish()
        #expect(!runs.discardFinished())
    }
}
