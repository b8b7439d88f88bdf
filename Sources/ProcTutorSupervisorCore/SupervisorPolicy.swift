import ProcTutorCore

/// How often the supervisor looks, and how long it waits, as named values (the run's own limits come from
/// its configuration; the rest are the engine's constants, documented in docs/engine.md).
public struct SupervisorPolicy: Equatable, Sendable {
    /// Seconds of unpaused run time before the tree is stopped (`timeout`, exit 124); nil: no limit.
    public var timeout: Double?
    /// How long descendants may outlive the main process before the tree is stopped (`leftover`).
    public var linger: Double
    /// Processes alive at once beyond which the tree is killed (`process-limit`).
    public var maxProcesses: Int
    /// How often the scheduler states of live processes are read (zombies come from pidfds at once).
    public var sampleInterval = 0.04
    /// How often the process table of the machine is walked for descendants nobody announced: a cost that
    /// must stay rare.
    public var walkInterval = 0.25
    /// How soon a walk may follow another when births come faster than the walk (to enforce the limit).
    public var burstWalkInterval = 0.01
    /// SIGTERM's grace period before SIGKILL.
    public var grace = 1.0
    /// The grace period of a fork bomb: in a second it could multiply far past any limit.
    public var forkBombGrace = 0.05
    /// How often SIGKILL is sent again while anything of the tree is left.
    public var killRepeat = 0.2

    public init(timeout: Double?, linger: Double, maxProcesses: Int) {
        self.timeout = timeout
        self.linger = linger
        self.maxProcesses = maxProcesses
    }
}

/// Run time with the pauses taken out: a frozen tree's minutes do not count against its timeout.
public struct PauseClock: Equatable, Sendable {
    public private(set) var isPaused = false
    private var pausedAt = 0.0
    private var pausedBefore = 0.0

    public init() {}

    public mutating func pause(at t: Double) {
        guard !isPaused else { return }
        isPaused = true
        pausedAt = t
    }

    public mutating func resume(at t: Double) {
        guard isPaused else { return }
        isPaused = false
        pausedBefore += t - pausedAt
    }

    /// Seconds spent paused up to `t`.
    public func paused(at t: Double) -> Double {
        pausedBefore + (isPaused ? t - pausedAt : 0)
    }

    /// Seconds of run time at `t`, pauses not counted.
    public func running(at t: Double) -> Double { t - paused(at: t) }
}

/// A signal for the whole tree: the main process's group, every process the run knows and every descendant.
/// `kill` is SIGKILL to everything, sent twice (a process may fork between the listing and the kill).
public enum TreeSignal: Equatable, Sendable {
    case terminate, `continue`, stop, kill
}

/// How a stopped run is taken down: what is sent at once, and when SIGKILL follows (then again every
/// `killRepeat` until the tree is empty).
public struct Teardown: Equatable, Sendable {
    public var now: [TreeSignal]
    /// Seconds after the stop when SIGKILL follows.
    public var killAfter: Double

    public init(now: [TreeSignal], killAfter: Double) {
        self.now = now
        self.killAfter = killAfter
    }

    /// SIGTERM (and SIGCONT, so a frozen process can act on it), SIGKILL after the grace period; a fork bomb
    /// is killed at once.
    public static func forStop(_ reason: StopReason, policy: SupervisorPolicy) -> Teardown {
        reason == .processLimit
            ? Teardown(now: [.kill], killAfter: policy.forkBombGrace)
            : Teardown(now: [.terminate, .continue], killAfter: policy.grace)
    }
}

