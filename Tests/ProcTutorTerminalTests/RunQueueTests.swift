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

@Suite("Run queue: the order runs' news reaches the app")
struct RunQueueTests {
    @Test("a single run: events as they come, then .runEnded after its summary")
    func singleRun() {
        let queue = RunQueue()
        let run = ScriptedRun()
        queue.append(run, startedAt: 0)
        run.emit(output("a"))
        #expect(queue.collect(ready: queue.slots) == [.run(output("a"))])
        run.finish()
        let messages = queue.collect(ready: queue.slots)
        #expect(messages.last == .runEnded)
        #expect(messages.count == 2)
        #expect(queue.isEmpty)
    }

    @Test("a replaced run's leftovers and its .runEnded come before anything of the new run")
    func replacedRunFirst() {
        let queue = RunQueue()
        let old = ScriptedRun(), new = ScriptedRun()
        queue.append(old, startedAt: 0)
        queue.stopLive()
        #expect(old.commands == ["resume", "stop"])
        queue.append(new, startedAt: 1)
        #expect(queue.live === queue.slots.last)

        new.emit(output("new-1"))
        old.emit(output("old-last"))
        // The new run is readable first, but its news waits.
        #expect(queue.collect(ready: [queue.slots[1]]) == [])
        #expect(queue.collect(ready: [queue.slots[0]]) == [.run(output("old-last"))])
        old.finish()
        new.emit(output("new-2"))
        let messages = queue.collect(ready: queue.slots)
        #expect(messages.count == 4)  // the old summary, its .runEnded, then the two new events
        #expect(messages[1] == .runEnded, "the old run ends before the new run's events: \(messages)")
        #expect(messages.suffix(2) == [.run(output("new-1")), .run(output("new-2"))])
        #expect(queue.slots.count == 1)
    }

    @Test("a stopped run is no longer live: ticks, pause and resume go to nobody")
    func stoppedIsNotLive() {
        let queue = RunQueue()
        queue.append(ScriptedRun(), startedAt: 0)
        #expect(queue.live != nil)
        queue.stopLive()
        #expect(queue.live == nil)
        queue.stopLive()  // nothing live: nothing happens
        #expect(queue.slots.count == 1)
    }

    @Test("a run that could not start ends like any other, with a notice saying why")
    func failedRun() {
        let queue = RunQueue()
        queue.append(FailedRun(message: "python3 was not found"), startedAt: 0)
        let messages = queue.collect(ready: queue.slots)
        #expect(messages.first == .run(Event(t: 0, .notice(text: "python3 was not found"))))
        #expect(messages.last == .runEnded)
        #expect(queue.isEmpty)
    }

    @Test("leaving stops every run still going, each exactly once")
    func stopAll() {
        let queue = RunQueue()
        let a = ScriptedRun(), b = ScriptedRun()
        queue.append(a, startedAt: 0)
        queue.stopLive()
        queue.append(b, startedAt: 1)
        queue.stopAll()
        #expect(a.commands == ["resume", "stop"])
        #expect(b.commands == ["resume", "stop"])
        a.finish()
        #expect(queue.discardFinished())
        b.finish()
        #expect(!queue.discardFinished())
    }
}
