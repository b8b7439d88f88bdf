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

    private let hooks: TutorialHooks
    private let screen: CursesScreen
    private let signals: SignalPipe
    private var run: (any DemoRun)?
    private var runStartedAt = 0.0
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

    /// Runs until the app quits or a signal ends it; the demo is stopped before this returns.
    func runUntilExit() -> LoopExit {
        let size = screen.refreshSize()
        send(.resize(width: size.width, height: size.height))
        while exit == nil {
            drawIfDue()
            waitAndHandle()
        }
        stopRun(deliverRemainingEvents: false)
        return exit ?? .quit
    }

    // MARK: waiting

    private func waitAndHandle() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
        if let run { fds.append(pollfd(fd: run.fd, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds())
        if ready < 0 && errno != EINTR { exit = .signal(SIGHUP); return }

        if fds[1].revents != 0 { handleSignals() }
        if fds[0].revents & Int16(POLLIN) != 0 { handleInput() }
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            // The terminal is gone (closed window, ssh dropped), even if SIGHUP never reached us: without this,
            // poll would report the hang-up again at once, forever.
            hooks.saveProgress()
            finish(.signal(SIGHUP))
        }
        if fds.count > 2 && fds[2].revents != 0 { handleRunEvents() }
        let now = Monotonic.now()
        if let crashAt, now >= crashAt { CrashHook.crash() }
        if run != nil && !paused && now >= nextTick {
            send(.tick(now: now - runStartedAt))
            nextTick = now + Self.tickInterval
        }
    }

    /// Infinite when nothing is due; otherwise until the next tick, pending frame or test crash.
    private func timeoutMilliseconds() -> Int32 {
        var due = Double.infinity
        if run != nil && !paused { due = min(due, nextTick) }
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
                // SIGINT (Ctrl-C), SIGTERM, SIGHUP, SIGQUIT: save what the student did, then leave.
                hooks.saveProgress()
                finish(.signal(sig))
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

    private func handleRunEvents() {
        guard let current = run else { return }
        let events = current.drain()
        for event in events { send(.run(event)) }
        guard run === current, current.isFinished else { return }
        run = nil
        paused = false
        send(.runEnded)
    }

    // MARK: the app

    private func send(_ msg: AppMsg) {
        let commands = hooks.update(msg)
        dirty = true
        // A stop on its own is the student stopping the run they watch: its last events (exits, the summary)
        // are shown. A stop with other commands (re-run, another lesson, quit) is the app moving on, and the
        // old run's remaining events must not land in the new state.
        let showStoppedRun = commands == [.stopRun]
        for command in commands { execute(command, showStoppedRun: showStoppedRun) }
    }

    private func execute(_ command: AppCommand, showStoppedRun: Bool) {
        switch command {
        case let .startRun(path, startMethod):
            stopRun(deliverRemainingEvents: false)
            do {
                run = try hooks.startRun(path, startMethod)
                runStartedAt = Monotonic.now()
                if let crashDelay, !crashRearmed {
                    crashAt = runStartedAt + crashDelay
                    crashRearmed = true
                }
                nextTick = runStartedAt + Self.tickInterval
                paused = false
            } catch {
                send(.run(Event(t: 0, .notice(text: "could not start \(path): \(error)"))))
                send(.runEnded)
            }
        case .stopRun:
            stopRun(deliverRemainingEvents: showStoppedRun)
        case .pauseRun:
            run?.pause()
            paused = run != nil
        case .resumeRun:
            run?.resume()
            if paused { nextTick = Monotonic.now() }
            paused = false
        case .saveProgress:
            hooks.saveProgress()
        case .quit:
            finish(.quit)
        }
    }

    /// Stops the current demo (the whole tree, waiting until it is gone) and, if asked, hands the app the
    /// run's last events and `.runEnded`.
    private func stopRun(deliverRemainingEvents: Bool) {
        guard let current = run else { return }
        run = nil
        paused = false
        current.stop()
        guard deliverRemainingEvents else { return }
        for event in current.drain() { send(.run(event)) }
        send(.runEnded)
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

/// Seconds on a clock that never jumps.
enum Monotonic {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
