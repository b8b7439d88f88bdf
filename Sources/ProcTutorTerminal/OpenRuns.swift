import ProcTutorCore
import ProcTutorUI

/// The runs whose end the app has not heard yet, each under the id the app gave it.
///
/// Only the newest may still be going on its own; older ones were asked to stop (re-run, another lesson) and
/// are winding down. Every message carries its run's id, so news is passed on as it is read, in any order
/// across runs: the app itself drops what belongs to a run it replaced.
final class OpenRuns {
    /// One run the app is still owed messages from.
    final class Slot {
        let id: RunID
        let run: any DemoRun
        /// Monotonic seconds when it started: the origin of its clock ticks.
        let startedAt: Double
        fileprivate(set) var stopRequested = false

        init(id: RunID, run: any DemoRun, startedAt: Double) {
            self.id = id
            self.run = run
            self.startedAt = startedAt
        }
    }

    private(set) var slots: [Slot] = []

    var isEmpty: Bool { slots.isEmpty }

    /// The run that is going on its own (not asked to stop), if any: what ticks, pauses and resumes.
    var live: Slot? {
        guard let last = slots.last, !last.stopRequested else { return nil }
        return last
    }

    func append(_ run: any DemoRun, id: RunID, startedAt: Double) {
        slots.append(Slot(id: id, run: run, startedAt: startedAt))
    }

    /// Asks that run to stop (a frozen one is thawed first so it can die); it stays open until its summary is
    /// read, so the app still gets its end. Unknown or already stopping: nothing happens.
    func stop(_ id: RunID) {
        guard let slot = slots.first(where: { $0.id == id }), !slot.stopRequested else { return }
        slot.run.resume()
        slot.run.stop()
        slot.stopRequested = true
    }

    /// Drains the runs in `ready` (those whose fd polled readable) and returns their messages: each run's
    /// events in order, then `.runEnded` for each that is over.
    func collect(ready: [Slot]) -> [AppMsg] {
        var messages: [AppMsg] = []
        for slot in ready {
            messages += slot.run.drain().map { .run(slot.id, $0) }
            if slot.run.isFinished { messages.append(.runEnded(slot.id)) }
        }
        slots.removeAll { slot in ready.contains { $0 === slot } && slot.run.isFinished }
        return messages
    }

    /// Leaving: stops every run and drops them without telling the app (it is going away).
    func stopAll() {
        for slot in slots { stop(slot.id) }
    }

    /// Drains and forgets runs that have finished; returns whether any is still winding down.
    func discardFinished() -> Bool {
        for slot in slots { _ = slot.run.drain() }
        slots.removeAll { $0.run.isFinished }
        return !slots.isEmpty
    }

    func removeAll() {
        slots.removeAll()
    }
}

/// A run that could not start: it reports why as a notice and a summary, then ends, like any other run.
final class FailedRun: DemoRun {
    private var events: [Event]
    /// poll ignores negative fds: the loop collects this run's news right after appending it.
    let fd: Int32 = -1

    init(message: String) {
        events = [Event(t: 0, .notice(text: message)),
                  Event(t: 0, .summary(Summary(exitCode: 127, processes: 0, maxAlive: 0, duration: 0,
                                               unretrievedFailures: 0)))]
    }

    func drain() -> [Event] {
        defer { events = [] }
        return events
    }

    var isFinished: Bool { events.isEmpty }
    func stop() {}
    func pause() {}
    func resume() {}
}
