import Foundation

/// A process id as the kernel gives it.
public typealias PID = Int32

/// How a process came to be.
public enum StartMethod: String, Codable, Sendable, CaseIterable {
    /// The program's first process, started by the supervisor.
    case main
    /// A raw `os.fork()` in Python code.
    case osFork = "os.fork"
    /// multiprocessing's start methods.
    case fork, spawn, forkserver
    /// A process that is not a Python interpreter under the tracer (found by the supervisor, e.g. `subprocess`).
    case exec
}

/// A process's scheduler state as `/proc/PID/stat` reports it (D counts as sleeping).
public enum ProcState: String, Codable, Sendable, CaseIterable {
    case running, sleeping, stopped, zombie
}

public enum OutputStream: String, Codable, Sendable {
    case stdout, stderr
}

public enum TaskStatus: String, Codable, Sendable {
    case started, done, failed
}

/// Why a run was stopped from outside.
public enum StopReason: String, Codable, Sendable {
    case timeout, interrupt, processLimit = "process-limit", userStop = "user", supervisorLost = "supervisor-lost"
    /// Processes still ran a while after the main process had exited (orphans, daemons).
    case leftover
}

/// One thing that happened during a run. The run log is a list of these and nothing else:
/// every pane, the `--json` stream and every quiz observation is a function of that list.
public struct Event: Equatable, Sendable {
    /// Seconds since the run started.
    public var t: Double
    public var kind: Kind

    public init(t: Double, _ kind: Kind) {
        self.t = t
        self.kind = kind
    }

    public enum Kind: Equatable, Sendable {
        /// A process was born. `ppid` is the kernel parent at birth; `parent` the logical multiprocessing parent
        /// where it differs (forkserver children), else nil.
        case start(pid: PID, ppid: PID, name: String?, method: StartMethod, parent: PID?)
        /// One line a process wrote (no newline). `pid` is nil when nobody could tell who wrote it.
        case output(pid: PID?, stream: OutputStream, text: String)
        /// The scheduler state of a live process changed.
        case state(pid: PID, state: ProcState)
        /// A process ended: `code` for a normal exit, `signal` when a signal killed it; nil where unknown.
        case exit(pid: PID, code: Int?, signal: Int?)
        /// A process's exit status was collected (wait) by `by`: it is no longer a zombie.
        case reaped(pid: PID, by: PID)
        /// A pool task changed status in worker `pid`. `id` is the pool's job number (unique per run).
        case task(pid: PID, id: Int, status: TaskStatus, function: String, args: String, error: String?)
        /// The parent fetched a task's result with `.get()` (or `wait`ed and read it): a failure is now seen.
        case retrieved(id: Int)
        /// Bytes of the shared stdout/stderr pipe, exactly as a terminal would have interleaved them (sanitised text).
        case raw(stream: OutputStream, text: String)
        /// The supervisor stopped the run from outside, and why.
        case stopped(reason: StopReason, detail: String)
        /// Something the student should know that is not an event of the program (e.g. output was truncated).
        case notice(text: String)
        /// Always the last event of a run.
        case summary(Summary)
    }

    /// The name of the event's kind, as the `event` field of the JSON form.
    public var name: String {
        switch kind {
        case .start: "start"
        case .output: "output"
        case .state: "state"
        case .exit: "exit"
        case .reaped: "reaped"
        case .task: "task"
        case .retrieved: "retrieved"
        case .raw: "raw"
        case .stopped: "stopped"
        case .notice: "notice"
        case .summary: "summary"
        }
    }
}

/// The closing facts of a run.
public struct Summary: Equatable, Sendable, Codable {
    public var exitCode: Int
    public var processes: Int
    public var maxAlive: Int
    public var duration: Double
    public var unretrievedFailures: Int

    public init(exitCode: Int, processes: Int, maxAlive: Int, duration: Double, unretrievedFailures: Int) {
        self.exitCode = exitCode
        self.processes = processes
        self.maxAlive = maxAlive
        self.duration = duration
        self.unretrievedFailures = unretrievedFailures
    }
}
