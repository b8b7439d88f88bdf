@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorUI
import CNcursesShim

/// The one loop of the tutorial: a single thread that polls stdin, the demo's fd and the signal self-pipe.
///
/// It sleeps in `poll` with no timeout while nothing runs (no idle wake-ups at all). While a demo runs it ticks
/// every `tickInterval` so elapsed times move, and it redraws at most once per `frameInterval` however fast
/// events stream in: a burst of output is one repaint, not thousands.
public final class TutorialLoop {
    /// How often the clock on screen advances while a demo runs.
    public static let tickInterval = 0.1
    /// The shortest time between two frames (about 30 per second).
    public static let frameInterval = 1.0 / 30.0
    /// How long quitting waits for the demo's tree to be gone before leaving it to the supervisor.
    public static let quitGrace = 3.0

    private let hooks: TutorialHooks
    private let screen: CursesScreen
    private let signals: SignalPipe
    /// Runs whose events the app has not fully received, oldest first. Only the last may still be going on its
    /// own; the others were stopped and are winding down. Events reach the app strictly in this order — a
    /// newer run's events wait until every older run has delivered its last event and `.runEnded` — so the app
    /// can tell a replaced run's leftovers from the new run's events without run ids.
    private var runs: [RunSlot] = []
    private var paused = false
    private var nextTick = Double.infinity
    private var dirty = true
    private var lastFrame = -Double.infinity
    private var exit: LoopExit?
    /// Test-only: crash deliberately at this time (see `CrashHook`).
    private var crashAt: Double?
    private let crashDelay: Double?
    private var crashRearmed = false

    init(hooks: TutorialHooks, screen: CursesScreen, signals: SignalPipe, crashAfter: Double?) {
        self.hooks = hooks
        self.screen = screen
        self.signals = signals
        crashDelay = crashAfter
        crashAt = crashAfter.map { Monotonic.now() + $0 }
    }

    /// Runs until the app quits or a signal ends it; every demo is stopped before this returns.
    func runUntilExit() -> LoopExit {
        let size = screen.refreshSize()
        send(.resize(width: size.width, height: size.height))
        while exit == nil {
            drawIfDue()
            waitAndHandle()
        }
        // Whatever the way out (q, Ctrl-C, SIGTERM, SIGHUP, the terminal gone): keep where the student was.
        hooks.saveProgress()
        stopEverything()
        return exit ?? .quit
    }

    /// The run that is going on its own (not asked to stop), if any: what ticks, pauses and resumes.
    private var liveRun: RunSlot? {
        guard let last = runs.last, !last.stopRequested else { return nil }
        return last
    }

    // MARK: waiting

    private func waitAndHandle() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
        fds += runs.map { pollfd(fd: $0.run.fd, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds())
        if ready < 0 && errno != EINTR { finish(.signal(SIGHUP)); return }

        if fds[1].revents != 0 { handleSignals() }
        if exit != nil { return }
        if fds[0].revents & Int16(POLLIN) != 0 { handleInput() }
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            // The terminal is gone (closed window, ssh dropped), even if SIGHUP never reached us: without this,
            // poll would report the hang-up again at once, forever.
            finish(.signal(SIGHUP))
        }
        if exit != nil { return }
        let readySlots = zip(fds.dropFirst(2), runs).filter { $0.0.revents != 0 }.map(\.1)
        if !readySlots.isEmpty { handleRunEvents(readySlots) }
        let now = Monotonic.now()
        if let crashAt, now >= crashAt { CrashHook.crash() }
        if let live = liveRun, !paused, now >= nextTick {
            send(.tick(now: now - live.startedAt))
            nextTick = now + Self.tickInterval
        }
    }

    /// Infinite when nothing is due; otherwise until the next tick, pending frame or test crash.
    private func timeoutMilliseconds() -> Int32 {
        var due = Double.infinity
        if liveRun != nil && !paused { due = min(due, nextTick) }
        if dirty { due = min(due, lastFrame + Self.frameInterval) }
        if let crashAt { due = min(due, crashAt) }
        guard due.isFinite else { return -1 }
        let ms = ((due - Monotonic.now()) * 1000).rounded(.up)
        return Int32(max(0, min(ms, 60_000)))
    }

    private func drawIfDue() {
        guard dirty, Monotonic.now() >= lastFrame + Self.frameInterval else { return }
        let frame = hooks.view()
        screen.draw(width: frame.width, height: frame.height) { x, y in frame[x, y] }
        lastFrame = Monotonic.now()
        dirty = false
    }

    // MARK: sources

    private func handleSignals() {
        for sig in signals.drain() {
            switch sig {
            case SIGWINCH:
                let size = screen.refreshSize()
                screen.invalidate()
                send(.resize(width: size.width, height: size.height))
            case SIGTSTP:
                suspendSelf()
            case SIGCONT:
                // Continued after an outside SIGSTOP: the shell may have changed the modes and the screen.
                screen.resumeAfterSuspend()
                let size = screen.refreshSize()
                send(.resize(width: size.width, height: size.height))
            default:
                // SIGINT (Ctrl-C), SIGTERM, SIGHUP, SIGQUIT: leave (progress is saved on the way out).
                finish(.signal(sig))
                return
            }
        }
    }

    private func handleInput() {
        for input in screen.readInput() {
            switch input {
            case .key(let key): send(.key(key))
            case .resize:
                let size = screen.refreshSize()
                send(.resize(width: size.width, height: size.height))
            case .needsMouse, .ignored: break
            }
            if exit != nil { return }
        }
    }

    private func handleRunEvents(_ ready: [RunSlot]) {
        for slot in ready {
            let events = slot.run.drain()
            if slot === runs.first {
                for event in events { send(.run(event)) }
            } else {
                slot.held += events
            }
        }
        retireFinishedRuns()
    }

    /// Delivers `.runEnded` for finished runs at the front, then the held events of the next one.
    private func retireFinishedRuns() {
        while let first = runs.first {
            if !first.held.isEmpty {
                let held = first.held
                first.held = []
                for event in held { send(.run(event)) }
            }
            guard first.run.isFinished else { return }
            runs.removeFirst()
            if runs.isEmpty { paused = false }
            send(.runEnded)
        }
    }

    // MARK: the app

    private func send(_ msg: AppMsg) {
        let commands = hooks.update(msg)
        dirty = true
        for command in commands { execute(command) }
    }

    private func execute(_ command: AppCommand) {
        switch command {
        case let .startRun(path, startMethod):
            // The app sends `.stopRun` first when it replaces a run; stop a forgotten one all the same.
            liveRun.map(requestStop)
            do {
                let slot = RunSlot(run: try hooks.startRun(path, startMethod), startedAt: Monotonic.now())
                runs.append(slot)
                nextTick = slot.startedAt + Self.tickInterval
                paused = false
                if let crashDelay, !crashRearmed {
                    crashAt = slot.startedAt + crashDelay
                    crashRearmed = true
                }
            } catch {
                // Reported as the run's own events, in order behind any older run still winding down.
                let failed = FailedRun(message: "\(error)")
                runs.append(RunSlot(run: failed, startedAt: Monotonic.now()))
                handleRunEvents([runs[runs.count - 1]])
            }
        case .stopRun:
            liveRun.map(requestStop)
        case .pauseRun:
            guard let live = liveRun else { return }
            live.run.pause()
            paused = true
        case .resumeRun:
            guard let live = liveRun else { return }
            live.run.resume()
            if paused { nextTick = Monotonic.now() }
            paused = false
        case .saveProgress:
            hooks.saveProgress()
        case .quit:
            finish(.quit)
        }
    }

    /// Asks a run to stop (the supervisor kills its tree; the last events follow). It stays in `runs` until its
    /// summary arrives, so the app still gets its end.
    private func requestStop(_ slot: RunSlot) {
        if paused { slot.run.resume() }
        slot.run.stop()
        slot.stopRequested = true
        paused = false
    }

    /// Leaving: stop every run and wait (briefly) until their trees are gone, so the demo never outlives the
    /// tutorial; past the grace period, dropping the runs makes the supervisors finish the job.
    private func stopEverything() {
        for slot in runs where !slot.stopRequested { requestStop(slot) }
        let deadline = Monotonic.now() + Self.quitGrace
        while runs.contains(where: { !$0.run.isFinished }) && Monotonic.now() < deadline {
            var fds = runs.filter { !$0.run.isFinished }.map { pollfd(fd: $0.run.fd, events: Int16(POLLIN), revents: 0) }
            let ms = Int32(max(1, (deadline - Monotonic.now()) * 1000))
            _ = poll(&fds, nfds_t(fds.count), ms)
            for slot in runs { _ = slot.run.drain() }
        }
        runs.removeAll()
    }

    private func finish(_ how: LoopExit) {
        if exit == nil { exit = how }
    }

    /// Ctrl-Z: give the terminal back, really stop, and take it again when continued.
    private func suspendSelf() {
        screen.suspend()
        pt_signal_default(SIGTSTP)
        raise(SIGTSTP)
        // Execution continues here after SIGCONT.
        signals.reinstall()
        screen.resumeAfterSuspend()
        let size = screen.refreshSize()
        send(.resize(width: size.width, height: size.height))
    }
}

/// One run the loop still owes events to.
private final class RunSlot {
    let run: any DemoRun
    let startedAt: Double
    var stopRequested = false
    /// Events that arrived while an older run was still delivering its own.
    var held: [Event] = []

    init(run: any DemoRun, startedAt: Double) {
        self.run = run
        self.startedAt = startedAt
    }
}

/// A run that could not start: it reports why as a notice and a summary, then ends, like any other run.
private final class FailedRun: DemoRun {
    private var events: [Event]
    let fd: Int32

    init(message: String) {
        events = [Event(t: 0, .notice(text: message)),
                  Event(t: 0, .summary(Summary(exitCode: 127, processes: 0, maxAlive: 0, duration: 0,
                                               unretrievedFailures: 0)))]
        fd = -1  // poll ignores negative fds
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

/// Seconds on a clock that never jumps.
enum Monotonic {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
