/// Observations as pure functions of a run's events: the answer key of every predict question.
extension Observation {
    /// Every observation that takes no argument, in the order lesson writers see them listed.
    public static let simpleCases: [Observation] = [
        .processes, .maxAlive, .exitCode, .poolWorkersBeforeFirstTask, .distinctTaskPIDs, .failedTasks,
        .unretrievedFailures, .children, .zombiesAtExit, .orphansAdopted, .unreapedChildren, .tasksDone,
        .pidsWriting,
    ]

    /// The observations that take a text: `{lines_containing: "…"}`, `{child_lines_containing: "…"}`.
    public static let textNames = ["lines_containing", "child_lines_containing"]

    /// The observation `name` with its text `text` (one of `textNames`).
    public init?(name: String, text: String) {
        switch name {
        case "lines_containing": self = .linesContaining(text)
        case "child_lines_containing": self = .childLinesContaining(text)
        default: return nil
        }
    }

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
        case .tasksDone:
            return events.reduce(0) { n, e in
                if case .task(_, _, .done, _, _, _) = e.kind { n + 1 } else { n }
            }
        case let .childLinesContaining(text):
            let main = ProcessTable(events).records.first { $0.method == .main }?.pid
            return events.reduce(0) { n, e in
                if case let .output(pid?, _, line) = e.kind, pid != main, line.contains(text) { n + 1 } else { n }
            }
        case .children, .zombiesAtExit, .orphansAdopted, .unreapedChildren, .pidsWriting:
            return pids(in: events)?.count
        }
    }

    /// The processes an observation counts, in birth order, for the observations that count processes
    /// (`children`, `zombies_at_exit`, `orphans_adopted`, `unreaped_children`, `pids_writing`), so a message
    /// can name them; nil for the others, and when the run cannot tell (no main process, or it never exited).
    public func pids(in events: [Event]) -> [PID]? {
        let table = ProcessTable(events)
        guard let main = table.records.first(where: { $0.method == .main }) else { return nil }
        let others = table.records.filter { $0.order != main.order }
        switch self {
        case .children:
            return others.filter { $0.treeParent == main.pid }.map(\.pid)
        case .zombiesAtExit:
            // In event order: the processes that had exited and were not reaped when the main process exited.
            var exited: [PID] = []
            for e in events {
                switch e.kind {
                case let .start(pid, _, _, _, _): exited.removeAll { $0 == pid }
                case let .exit(pid, _, _) where pid == main.pid: return exited
                case let .exit(pid, _, _): if !exited.contains(pid) { exited.append(pid) }
                case let .reaped(pid, _): exited.removeAll { $0 == pid }
                default: break
                }
            }
            return nil
        case .orphansAdopted:
            // In event order: the processes still alive when their kernel parent exited.
            var alive: [(pid: PID, ppid: PID)] = []
            var orphans: [PID] = []
            func ended(_ pid: PID) {
                alive.removeAll { $0.pid == pid }
                for c in alive where c.ppid == pid && !orphans.contains(c.pid) { orphans.append(c.pid) }
            }
            for e in events {
                switch e.kind {
                case let .start(pid, ppid, _, _, _): alive.append((pid, ppid))
                case let .exit(pid, _, _), let .reaped(pid, _): ended(pid)
                default: break
                }
            }
            return orphans
        case .unreapedChildren:
            return others.filter { $0.method != .exec && $0.reapedBy != $0.ppid }.map(\.pid)
        case .pidsWriting:
            var seen: Set<PID> = []
            var order: [PID] = []
            for case let .output(pid?, _, _) in events.lazy.map(\.kind) where !seen.contains(pid) {
                seen.insert(pid)
                order.append(pid)
            }
            return order
        default:
            return nil
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
