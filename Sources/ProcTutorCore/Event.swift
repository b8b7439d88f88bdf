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
        /// Always the first event of a run (t = 0): what was run, how and when. A run's NDJSON is a recording.
        case run(RunHeader)
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
        case .run: "run"
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

/// The first line of every recording: what was run, with what, and when.
///
/// `lesson`/`variant` are set when the program is a lesson's demo; `startMethod` is the method asked for (nil:
/// the interpreter's default); `pythonVersion` is nil when it could not be learnt. `source` is the program's text
/// as it was when the run started, at most `RunHeader.sourceLimit` bytes (cut at a character boundary,
/// `sourceTruncated` then true).
public struct RunHeader: Equatable, Sendable {
    /// The version of the NDJSON form this header opens (`schema`); readers refuse others.
    public static let schemaVersion = 2
    /// The most bytes of the program's source a header carries.
    public static let sourceLimit = 256 * 1024

    public var program: String
    public var lesson: String?
    public var variant: String?
    public var startMethod: StartMethod?
    public var python: String
    public var pythonVersion: String?
    /// The interpreter's command line as it was started (`python -u program args…`).
    public var argv: [String]
    /// Wall-clock start, ISO 8601 UTC (`2026-11-27T21:23:00.123Z`).
    public var started: String
    /// The proctutor that made the recording.
    public var proctutor: String
    public var schema: Int
    public var source: String
    public var sourceTruncated: Bool

    public init(program: String, lesson: String? = nil, variant: String? = nil, startMethod: StartMethod? = nil,
                python: String, pythonVersion: String?, argv: [String], started: String,
                proctutor: String = ProcTutorVersion.current, schema: Int = RunHeader.schemaVersion,
                source: String, sourceTruncated: Bool = false) {
        self.program = program
        self.lesson = lesson
        self.variant = variant
        self.startMethod = startMethod
        self.python = python
        self.pythonVersion = pythonVersion
        self.argv = argv
        self.started = started
        self.proctutor = proctutor
        self.schema = schema
        self.source = source
        self.sourceTruncated = sourceTruncated
    }

    /// The source field for a program's bytes: all of them up to `limit`, else the longest valid UTF-8 prefix
    /// that fits, and whether it was cut. Invalid UTF-8 becomes U+FFFD.
    public static func source(of bytes: [UInt8], limit: Int = sourceLimit) -> (text: String, truncated: Bool) {
        guard bytes.count > limit else { return (String(decoding: bytes, as: UTF8.self), false) }
        var end = limit
        // Back off continuation bytes (10xxxxxx) so the cut does not split a character.
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return (String(decoding: bytes[..<end], as: UTF8.self), true)
    }

    /// `t` seconds since the epoch as ISO 8601 UTC with milliseconds, without Foundation's formatter.
    public static func iso8601(epochSeconds t: Double) -> String {
        let ms = Int64((t * 1000).rounded(.down))
        var days = ms / 86_400_000
        var rem = ms % 86_400_000
        if rem < 0 { rem += 86_400_000; days -= 1 }
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let h = rem / 3_600_000, mi = rem / 60_000 % 60, s = rem / 1000 % 60, f = rem % 1000
        let frac = f < 10 ? "00\(f)" : f < 100 ? "0\(f)" : "\(f)"
        return "\(y)-\(two(m))-\(two(d))T\(two(h)):\(two(mi)):\(two(s)).\(frac)Z"
    }
}

/// The version `proctutor --version` prints and every recording names.
public enum ProcTutorVersion {
    public static let current = "0.9.0"
}
