import ProcTutorCore
import ProcTutorUI

/// The runs the app has not heard the end of, oldest first, and the order their news reaches the app in.
///
/// Only the newest run may still be going on its own; older ones were stopped (re-run, another lesson) and are
/// winding down. Their messages reach the app strictly in age order: a newer run's events are held until every
/// older run has delivered its last event and its `.runEnded`. So the app can tell a replaced run's leftovers
/// (it counts the runs it replaced) from the new run's events, without run ids in the messages.
final class RunQueue {
    /// One run the app is still owed messages from.
    final class Slot {
        let run: any DemoRun
        /// Monotonic seconds when it started: the origin of its clock ticks.
        let startedAt: Double
        fileprivate(set) var stopRequested = false
        /// Events that arrived while an older run was still delivering its own.
        fileprivate var held: [Event] = []

        init(run: any DemoRun, startedAt: Double) {
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

    func append(_ run: any DemoRun, startedAt: Double) {
        slots.append(Slot(run: run, startedAt: startedAt))
    }

    /// Asks the live run to stop (a frozen one is thawed first so it can die); it stays queued until its
    /// summary arrives, so the app still gets its end.
    func stopLive() {
        guard let live else { return }
        live.run.resume()
        live.run.stop()
        live.stopRequested = true
    }

    /// Drains the runs in `ready` (those whose fd polled readable) and returns the messages now due, in order.
    func collect(ready: [Slot]) -> [AppMsg] {
        for slot in ready {
            slot.held += slot.run.drain()
        }
        var messages: [AppMsg] = []
        while let first = slots.first {
            messages += first.held.map(AppMsg.run)
            first.held = []
            guard first.run.isFinished else { break }
            slots.removeFirst()
            messages.append(.runEnded)
        }
        return messages
    }

    /// Leaving: stops every run and drops them without telling the app (it is going away).
    func stopAll() {
        for slot in slots where !slot.stopRequested {
            slot.run.resume()
            slot.run.stop()
            slot.stopRequested = true
        }
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
