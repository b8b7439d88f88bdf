/// Observations as pure functions of a run's events: the answer key of every predict question.
extension Observation {
    /// Every observation that takes no argument, in the order lesson writers see them listed.
    public static let simpleCases: [Observation] = [
        .processes, .maxAlive, .exitCode, .poolWorkersBeforeFirstTask, .distinctTaskPIDs, .failedTasks,
        .unretrievedFailures,
    ]

    /// The names usable as `observe: NAME` in lesson files.
    public static var countNames: [String] { simpleCases.map(\.name) }

    /// The observation called `name` in lesson files (`lines_containing` needs its text and has no plain name).
    public init?(name: String) {
        guard let o = Self.simpleCases.first(where: { $0.name == name }) else { return nil }
        self = o
    }

    /// What the run shows for this observation, or nil when the events cannot tell (no exit code yet,
    /// no task ever started).
    public func value(in events: [Event]) -> Int? {
        switch self {
        case .processes:
            var pids: Set<PID> = []
            for case let .start(pid, _, _, _, _) in events.lazy.map(\.kind) { pids.insert(pid) }
            return pids.count
        case .maxAlive:
            // The engine's own count (births and ends at their own times) when the run ended; else the events'.
            for case let .summary(s) in events.reversed().lazy.map(\.kind) where s.processes > 0 { return s.maxAlive }
            return ProcessTable(events).maxAlive
        case .exitCode:
            return Self.exitCode(in: events)
        case .poolWorkersBeforeFirstTask:
            let firstTask = events.first { if case .task(_, _, .started, _, _, _) = $0.kind { true } else { false } }
            guard let firstTask else { return nil }
            var workers: Set<PID> = []
            for e in events where e.t <= firstTask.t {
                if case let .start(pid, _, name, _, _) = e.kind, Self.isPoolWorker(name) { workers.insert(pid) }
            }
            return workers.count
        case .distinctTaskPIDs:
            var pids: Set<PID> = []
            for case let .task(pid, _, _, _, _, _) in events.lazy.map(\.kind) { pids.insert(pid) }
            return pids.count
        case .failedTasks:
            return Self.failedTaskIDs(in: events).count
        case .unretrievedFailures:
            var retrieved: Set<Int> = []
            for case let .retrieved(id) in events.lazy.map(\.kind) { retrieved.insert(id) }
            return Self.failedTaskIDs(in: events).subtracting(retrieved).count
        case let .linesContaining(text):
            return events.reduce(0) { n, e in
                if case let .output(_, _, line) = e.kind, line.contains(text) { n + 1 } else { n }
            }
        }
    }

    /// multiprocessing names pool workers `ForkPoolWorker-N`, `SpawnPoolWorker-N`, `ForkServerPoolWorker-N`.
    static func isPoolWorker(_ name: String?) -> Bool {
        name?.contains("PoolWorker") ?? false
    }

    static func failedTaskIDs(in events: [Event]) -> Set<Int> {
        var ids: Set<Int> = []
        for case let .task(_, id, .failed, _, _, _) in events.lazy.map(\.kind) { ids.insert(id) }
        return ids
    }

    /// The summary's exit code; without a summary, the main process's own exit (a signal as -N, like Python's
    /// `returncode`).
    static func exitCode(in events: [Event]) -> Int? {
        for e in events.reversed() { if case let .summary(s) = e.kind { return s.exitCode } }
        var mainPID: PID?
        for e in events {
            if case let .start(pid, _, _, .main, _) = e.kind, mainPID == nil { mainPID = pid }
            if case let .exit(pid, code, signal) = e.kind, pid == mainPID {
                if let code { return code }
                if let signal { return -signal }
            }
        }
        return nil
    }
}
