/// One line the Python tracer wrote into the run's event channel (an internal format, not the public `--json`).
///
/// Times are absolute `CLOCK_MONOTONIC` seconds; the assembler makes them relative to the run's start.
public enum TracerRecord: Equatable, Sendable {
    /// A process announced itself (`final` false: its multiprocessing name follows in an `ident`).
    case birth(pid: PID, ppid: PID, method: StartMethod, name: String?, parent: PID?, final: Bool)
    /// The multiprocessing name of a child whose birth was sent before the name was known.
    case ident(pid: PID, name: String?, parent: PID?)
    /// One complete line a process wrote through `sys.stdout`/`sys.stderr`.
    case output(pid: PID, stream: OutputStream, text: String)
    /// A Python-level wait collected `pid`'s status in process `by`.
    case reaped(pid: PID, by: PID, code: Int?, signal: Int?)
    /// `os._exit(code)` is about to end `pid` (a hint; the kernel's status wins).
    case exitHint(pid: PID, code: Int)
    /// A pool task's status in worker `pid`; `function` and `args` come with `started` only.
    case task(pid: PID, job: Int, status: TaskStatus, function: String?, args: String?, error: String?)
    /// The program fetched a failed result of pool job `job` (`get()`, `error_callback`, `imap`).
    case retrieved(job: Int)
    /// Pool job `job` was made with an `error_callback`: a failure of it reaches the program.
    case errorCallback(job: Int)
    case notice(pid: PID?, text: String)

    /// Decodes one line of the channel.
    /// - Returns: the record and its monotonic time.
    /// - Throws: `EventJSON.DecodingError` for anything that is not a well-formed record.
    public static func decode(_ line: String) throws -> (t: Double, record: TracerRecord) {
        let o = try JSONObject(line)
        let t = try o.double("t")
        let kind = try o.string("k")
        let record: TracerRecord
        switch kind {
        case "birth":
            record = .birth(pid: try o.pid("pid"), ppid: try o.pid("ppid"), method: try o.enumValue("m"),
                            name: try o.optionalString("n"), parent: try o.optionalPID("par"), final: o.bool("final"))
        case "ident":
            record = .ident(pid: try o.pid("pid"), name: try o.optionalString("n"), parent: try o.optionalPID("par"))
        case "out":
            let s = try o.int("s")
            guard s == 1 || s == 2 else { throw EventJSON.DecodingError(message: "field \"s\" is not 1 or 2") }
            record = .output(pid: try o.pid("pid"), stream: s == 1 ? .stdout : .stderr, text: try o.string("x"))
        case "reaped":
            record = .reaped(pid: try o.pid("pid"), by: try o.pid("by"), code: try o.optionalInt("code"),
                             signal: try o.optionalInt("sig"))
        case "exit":
            record = .exitHint(pid: try o.pid("pid"), code: try o.int("code"))
        case "task":
            record = .task(pid: try o.pid("pid"), job: try o.int("j"), status: try o.enumValue("s"),
                           function: try o.optionalString("f"), args: try o.optionalString("a"),
                           error: try o.optionalString("e"))
        case "got":
            record = .retrieved(job: try o.int("j"))
        case "errcb":
            record = .errorCallback(job: try o.int("j"))
        case "notice":
            record = .notice(pid: try o.optionalPID("pid"), text: try o.string("text"))
        default:
            throw EventJSON.DecodingError(message: "unknown record kind \"\(kind)\"")
        }
        return (t, record)
    }
}
