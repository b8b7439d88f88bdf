import ProcTutorCore

/// The supervisor's decisions as a value: it takes what the loop observed (`Input`) at a run time and says
/// what to do (`Effect`). It owns the run assembler, the pause clock, the timing policy and the teardown; the
/// loop (`Supervisor`) owns the descriptors and the processes and carries the effects out in order.
///
/// So timeouts, linger, the process limit, pause accounting and the order of a teardown are tested as values
/// (SupervisorCoreTests), without a process.
public struct SupervisorCore {
    public enum Input {
        /// The main process was started.
        case spawned(main: PID, by: PID)
        /// A kernel fact about one process.
        case kernel(KernelObservation)
        /// A line of the tracer's channel.
        case channelLine(String)
        /// Bytes read from the program's shared stdout or stderr pipe.
        case output(ArraySlice<UInt8>, OutputStream)
        /// A line of the caller's commands (`stop`, `stop interrupt`, `pause`, `resume`).
        case command(String)
        /// A walk of the process table found this many descendants, `alive` of them not zombies.
        case tree(descendants: Int, alive: Int)
        /// Time passes (the loop's every turn).
        case tick
    }

    public enum Effect: Equatable {
        /// Write these events out now (before the effects that follow them).
        case emit([Event])
        case signal(TreeSignal)
        /// Read the scheduler states of these processes (answer with `.kernel(.state)` or `.ended`).
        case sample([PID])
        /// Walk the process table for descendants (answer with `.kernel(.discovered)` and `.tree`).
        case walk
    }

    public let policy: SupervisorPolicy
    public private(set) var assembler: RunAssembler
    public private(set) var pause = PauseClock()
    /// Why the run was stopped from outside, once it was.
    public private(set) var stopReason: StopReason?
    /// When SIGKILL is due (run time), while a teardown is under way.
    public private(set) var killAt: Double?
    public private(set) var mainPID: PID?
    /// When the supervisor collected the main process's status: from then on the run ends when the tree is empty.
    public private(set) var mainEndedAt: Double?
    private var lastSample = 0.0
    private var lastWalk = 0.0

    public init(policy: SupervisorPolicy, assembler: RunAssembler) {
        self.policy = policy
        self.assembler = assembler
    }

    public var isStopping: Bool { stopReason != nil }

    /// Whether the run knows `pid` as a process that has not yet both exited and been reaped.
    public func isKnown(_ pid: PID) -> Bool { assembler.isKnown(pid) }

    /// Pids known whose exit is still unknown: what a tree signal must reach besides the walk.
    public var unfinishedPIDs: [PID] { assembler.unfinishedPIDs }

    /// Events the assembler has ready, in order (the loop writes them at the end of its turn).
    public mutating func take() -> [Event] { assembler.take() }

    public mutating func handle(_ input: Input, at t: Double) -> [Effect] {
        switch input {
        case let .spawned(main, by):
            mainPID = main
            assembler.kernel(.spawned(pid: main, ppid: by), at: t)
            return []
        case let .kernel(observation):
            assembler.kernel(observation, at: t)
            if case let .waited(pid, _, _) = observation, pid == mainPID, mainEndedAt == nil { mainEndedAt = t }
            return []
        case let .channelLine(line):
            assembler.channelLine(line)
            // Births announced faster than the periodic walk: count the tree now rather than a walk later.
            guard !isStopping, assembler.table.aliveCount > policy.maxProcesses,
                  t - lastWalk >= policy.burstWalkInterval else { return [] }
            lastWalk = t
            return [.walk]
        case let .output(bytes, stream):
            assembler.rawBytes(bytes, stream: stream, at: t)
            return []
        case let .command(line):
            return command(line, at: t)
        case let .tree(descendants, alive):
            if alive > policy.maxProcesses {
                return stop(.processLimit, detail: EngineWords.processLimitDetail(alive: alive, limit: policy.maxProcesses), at: t)
            }
            if let ended = mainEndedAt, t - ended >= policy.linger, descendants > 0 {
                return stop(.leftover, detail: EngineWords.leftoverDetail(seconds: policy.linger), at: t)
            }
            return []
        case .tick:
            return tick(at: t)
        }
    }

    /// The run is over: everything held goes out, then the summary. Returns the run's exit code.
    @discardableResult
    public mutating func finish(at t: Double) -> Int { assembler.finish(at: t) }

    /// The events of a run that could not start: the reason as a notice, and a summary.
    public static func failure(_ message: String) -> [Event] {
        var a = RunAssembler(origin: 0, supervisor: 0)
        a.notice(message, at: 0)
        a.finish(at: 0)
        return a.take()
    }

    // MARK: -

    private mutating func tick(at t: Double) -> [Effect] {
        var effects: [Effect] = []
        if t - lastSample >= policy.sampleInterval {
            lastSample = t
            let live = assembler.livePIDs
            if !live.isEmpty { effects.append(.sample(live)) }
        }
        let lingered = mainEndedAt.map { t - $0 >= policy.linger } ?? false
        if t - lastWalk >= policy.walkInterval || (lingered && !isStopping) {
            lastWalk = t
            effects.append(.walk)
        }
        assembler.tick(at: t)
        if let timeout = policy.timeout, !isStopping, pause.running(at: t) >= timeout {
            effects += stop(.timeout, detail: EngineWords.timeoutDetail(seconds: timeout), at: t)
        }
        if let due = killAt, t >= due {
            effects.append(.signal(.kill))
            killAt = t + policy.killRepeat
        }
        return effects
    }

    private mutating func command(_ line: String, at t: Double) -> [Effect] {
        switch line {
        case "stop": return stop(.userStop, detail: EngineWords.userStopDetail, at: t)
        case "stop interrupt": return stop(.interrupt, detail: EngineWords.interruptDetail, at: t)
        case "pause":
            guard !pause.isPaused, !isStopping else { return [] }
            pause.pause(at: t)
            return [.signal(.stop)]
        case "resume":
            guard pause.isPaused else { return [] }
            pause.resume(at: t)
            return [.signal(.continue)]
        default:
            assembler.notice(EngineWords.unknownCommandNotice(line), at: t)
            return []
        }
    }

    /// Stops the run from outside: the `stopped` event goes out first (the reader learns why before the
    /// processes die), then the teardown's signals; SIGKILL follows at `killAt`.
    private mutating func stop(_ reason: StopReason, detail: String, at t: Double) -> [Effect] {
        guard !isStopping else { return [] }
        stopReason = reason
        assembler.stopped(reason, detail: detail, at: t)
        let teardown = Teardown.forStop(reason, policy: policy)
        pause.resume(at: t)  // the teardown thaws the tree (SIGCONT, or SIGKILL which needs none)
        killAt = t + teardown.killAfter
        return [.emit(assembler.take())] + teardown.now.map(Effect.signal)
    }
}
