@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorUI
import CNcursesShim
import ProcTutorSystem

/// The one loop of the tutorial: a single thread that polls stdin, the demo's fd and the signal self-pipe.
///
/// It sleeps in `poll` with no timeout while nothing runs (no idle wake-ups at all). While a demo runs it ticks
/// every `tickInterval` so elapsed times move, and it redraws at most once per `frameInterval` however fast
/// events stream in: a burst of output is one repaint, not thousands.
public final class TutorialLoop {
    /// The signals the loop handles: resize, the three ways to be told to go, and job control.
    static let signals: [Int32] = [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT]
    /// How often the clock on screen advances while a demo runs.
    public static let tickInterval = 0.1
    /// The shortest time between two frames (about 30 per second).
    public static let frameInterval = 1.0 / 30.0
    /// How long quitting waits for the demo's tree to be gone before leaving it to the supervisor.
    public static let quitGrace = 3.0
    /// At most one progress save (an fsync) per this many seconds: holding → across lessons must not queue
    /// a disk flush per key. The first request after a quiet second is saved at once; every way out saves.
    public static let saveInterval = 1.0

    private let hooks: TutorialHooks
    private let screen: CursesScreen
    private let signals: SignalPipe
    /// The runs the app is still owed news from (see `OpenRuns`).
    private let runs = OpenRuns()
    private var paused = false
    private var nextTick = Double.infinity
    private var dirty = true
    private var lastFrame = -Double.infinity
    private var exit: LoopExit?
    private var lastSave = -Double.infinity
    /// Side jobs still going (see `TutorialHooks.background`); none once they are done, so no idle work.
    private var background: [BackgroundWork]
    private var saveDue: Double?
    /// Test-only: crash deliberately at this time (see `CrashHook`).
    private var crashAt: Double?
    private let crashDelay: Double?
    private var crashRearmed = false

    init(hooks: TutorialHooks, screen: CursesScreen, signals: SignalPipe, crashAfter: Double?) {
        self.hooks = hooks
        self.screen = screen
        self.signals = signals
        background = hooks.background
        crashDelay = crashAfter
        crashAt = crashAfter.map { Clock.monotonic() + $0 }
    }

    /// Runs until the app quits or a signal ends it; every demo is stopped before this returns.
    func runUntilExit() -> LoopExit {
        let size = screen.refreshSize()
        send(.resize(width: size.width, height: size.height))
        for msg in hooks.opening where exit == nil { send(msg) }
        var firstFrameDrawn = false
        while exit == nil {
            drawIfDue()
            if !firstFrameDrawn {
                firstFrameDrawn = true
                background += hooks.afterFirstFrame()
                dirty = true
            }
            waitAndHandle()
        }
        // Whatever the way out (q, Ctrl-C, SIGTERM, SIGHUP, the terminal gone): keep where the student was.
        saveNow()
        stopEverything()
        for work in background { work.cancel() }
        background = []
        return exit ?? .quit
    }

    private var liveRun: OpenRuns.Slot? { runs.live }

    // MARK: waiting

    private func waitAndHandle() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
        let slots = runs.slots
        fds += slots.map { pollfd(fd: $0.run.fd, events: Int16(POLLIN), revents: 0) }
        let jobs = background
        fds += jobs.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard let ready = Poll.wait(fds, milliseconds: timeoutMilliseconds()) else { finish(.signal(SIGHUP)); return }
        fds = ready

        if fds[1].revents != 0 { handleSignals() }
        if exit != nil { return }
        if fds[0].revents & Int16(POLLIN) != 0 { handleInput() }
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            // The terminal is gone (closed window, ssh dropped), even if SIGHUP never reached us: without this,
            // poll would report the hang-up again at once, forever.
            finish(.signal(SIGHUP))
        }
        if exit != nil { return }
        let readySlots = zip(fds.dropFirst(2), slots).filter { $0.0.revents != 0 }.map(\.1)
        if !readySlots.isEmpty { deliverRunNews(readySlots) }
        let readyJobs = zip(fds.dropFirst(2 + slots.count), jobs.indices).filter { $0.0.revents != 0 }.map(\.1)
        if !readyJobs.isEmpty {
            let finished = Set(readyJobs.filter { jobs[$0].readable() })
            background = jobs.indices.filter { !finished.contains($0) }.map { jobs[$0] }
            dirty = true
            for i in readyJobs { for msg in jobs[i].messages() where exit == nil { send(msg) } }
        }
        let now = Clock.monotonic()
        if let saveDue, now >= saveDue { saveNow() }
        if let crashAt, now >= crashAt { CrashHook.crash() }
        if let live = liveRun, !paused, now >= nextTick {
            send(.tick(now: now - live.startedAt))
            nextTick = now + Self.tickInterval
        }
        if hooks.wantsFrames() && now >= lastFrame + Self.frameInterval { send(.frame(wall: now)) }
    }

    /// Infinite when nothing is due; otherwise until the next tick, pending frame or test crash.
    private func timeoutMilliseconds() -> Int32 {
        var due = Double.infinity
        if liveRun != nil && !paused { due = min(due, nextTick) }
        if dirty || hooks.wantsFrames() { due = min(due, lastFrame + Self.frameInterval) }
        if let crashAt { due = min(due, crashAt) }
        if let saveDue { due = min(due, saveDue) }
        guard due.isFinite else { return -1 }
        let ms = ((due - Clock.monotonic()) * 1000).rounded(.up)
        return Int32(max(0, min(ms, 60_000)))
    }

    private func drawIfDue() {
        guard dirty, Clock.monotonic() >= lastFrame + Self.frameInterval else { return }
        let frame = hooks.view()
        screen.draw(width: frame.width, height: frame.height) { x, y in frame[x, y] }
        lastFrame = Clock.monotonic()
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

    private func deliverRunNews(_ ready: [OpenRuns.Slot]) {
        for msg in runs.collect(ready: ready) {
            if case .runEnded = msg, runs.live == nil { paused = false }
            send(msg)
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
        case let .startRun(request):
            // The app sends `.stopRun` first when it replaces a run; stop a forgotten one all the same.
            if let live = liveRun { runs.stop(live.id) }
            paused = false
            let now = Clock.monotonic()
            do {
                runs.append(try hooks.startRun(request), id: request.id, startedAt: now)
                nextTick = now + Self.tickInterval
                if let crashDelay, !crashRearmed {
                    crashAt = now + crashDelay
                    crashRearmed = true
                }
            } catch {
                // Reported as the run's own events and end, like those of any run.
                runs.append(FailedRun(message: "\(error)"), id: request.id, startedAt: now)
                deliverRunNews(Array(runs.slots.suffix(1)))
            }
        case let .stopRun(id):
            if id == liveRun?.id { paused = false }
            runs.stop(id)
        case .pauseRun:
            guard let live = liveRun else { return }
            live.run.pause()
            paused = true
        case .resumeRun:
            guard let live = liveRun else { return }
            live.run.resume()
            if paused { nextTick = Clock.monotonic() }
            paused = false
        case .saveProgress:
            if Clock.monotonic() >= lastSave + Self.saveInterval {
                saveNow()
            } else {
                saveDue = lastSave + Self.saveInterval
            }
        case .quit:
            finish(.quit)
        case let .openExercise(id):
            finish(.openExercise(id))
        case let .openEditor(path):
            // As Ctrl-Z does: the terminal goes to the editor, and comes back repainted.
            screen.suspend()
            hooks.openEditor(path)
            signals.reinstall()
            screen.resumeAfterSuspend()
            let size = screen.refreshSize()
            send(.resize(width: size.width, height: size.height))
        }
    }

    /// Leaving: stop every run and wait (briefly) until their trees are gone, so the demo never outlives the
    /// tutorial; past the grace period, dropping the runs makes the supervisors finish the job.
    private func stopEverything() {
        runs.stopAll()
        let deadline = Clock.monotonic() + Self.quitGrace
        while runs.discardFinished() && Clock.monotonic() < deadline {
            let fds = runs.slots.map { pollfd(fd: $0.run.fd, events: Int16(POLLIN), revents: 0) }
            let ms = Int32(max(1, (deadline - Clock.monotonic()) * 1000))
            _ = Poll.wait(fds, milliseconds: ms)
        }
        runs.removeAll()
    }

    private func saveNow() {
        hooks.saveProgress()
        lastSave = Clock.monotonic()
        saveDue = nil
    }

    private func finish(_ how: LoopExit) {
        if exit == nil { exit = how }
    }

    /// Ctrl-Z: give the terminal back, really stop, and take it again when continued. A running demo is frozen
    /// meanwhile (it lives in its own session, so the shell's job control would not stop it).
    private func suspendSelf() {
        let frozen = paused ? nil : liveRun
        frozen?.run.pause()
        screen.suspend()
        signals.stopUntilContinued()
        // Execution continues here after SIGCONT.
        frozen?.run.resume()
        screen.resumeAfterSuspend()
        let size = screen.refreshSize()
        send(.resize(width: size.width, height: size.height))
    }
}
