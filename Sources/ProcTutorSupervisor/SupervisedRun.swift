import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSystem

/// One run of a Python program under the supervisor process; the caller owns the poll loop.
///
/// ```swift
/// let run = try SupervisedRun(config: RunConfig(program: "demo.py"))
/// while !run.isFinished {
///     var p = pollfd(fd: run.fd, events: Int16(POLLIN), revents: 0)
///     _ = poll(&p, 1, -1)
///     for event in run.drain() { … }
/// }
/// ```
/// Dropping the object ends the run: the supervisor sees EOF on its command channel and kills the whole tree.
public final class SupervisedRun {
    /// The supervisor's pid.
    public let supervisorPID: pid_t
    /// The interpreter the run uses (absolute path).
    public let python: String
    private let eventFD: Int32
    private var commandFD: Int32
    private var buffer: [UInt8] = []
    private var eof = false
    private var summarySeen = false
    private var reaped = false
    /// A local fold of the events, to write a summary if the supervisor dies without one.
    private var table = ProcessTable()
    private var lastT = 0.0
    private var chunk = [UInt8](repeating: 0, count: 65536)

    /// Starts the supervisor, which starts the program.
    /// - Throws: `RunError`: no Python (with how to install it), a missing program file, no `proctutor`
    ///   executable to supervise with, or the system refusing pipes or processes.
    public init(config: RunConfig) throws {
        var resolved = try config.prepared()
        resolved.printing = nil
        python = resolved.python ?? ""
        let exe = try resolved.supervisorCommand()
        let json = String(decoding: try JSONEncoder().encode(resolved), as: UTF8.self)

        let socket = try makeCommandSocket()
        let events: (read: Int32, write: Int32)
        do { events = try makePipe() } catch {
            close(socket.ours); close(socket.supervisors)
            throw error
        }
        let debug = ProcessInfo.processInfo.environment["PROCTUTOR_DEBUG"] != nil
        do {
            supervisorPID = try Spawner.spawn(path: exe, argv: [exe, "__supervise", json],
                                              env: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" },
                                              stdio: [.fd(socket.supervisors), .fd(events.write), debug ? .fd(2) : .devNull],
                                              newSession: false)
        } catch {
            close(socket.ours); close(socket.supervisors); close(events.read); close(events.write)
            throw error
        }
        close(socket.supervisors)
        close(events.write)
        commandFD = socket.ours
        eventFD = events.read
        setNonBlocking(eventFD)
    }

    /// The readable (non-blocking) end of the event pipe: poll it for POLLIN/POLLHUP.
    public var fd: Int32 { eventFD }

    /// Given the bytes of every complete NDJSON line as it is read (events the run adds itself, such as a lost
    /// supervisor's summary, encoded the same way): a recording is these bytes, never a second encoding.
    public var lineTap: ((ArraySlice<UInt8>) -> Void)?

    /// The summary arrived and the pipe reached EOF.
    public var isFinished: Bool { summarySeen && eof }

    /// Reads what is available and returns the complete events decoded from it (never blocks).
    /// If the supervisor vanished without a summary, closes the run with `stopped(supervisor-lost)` and a summary.
    public func drain() -> [Event] {
        var events: [Event] = []
        readLoop: for _ in 0..<64 {
            let n = chunk.withUnsafeMutableBytes { read(eventFD, $0.baseAddress!, $0.count) }
            switch n {
            case 0:
                eof = true
                break readLoop
            case ..<0:
                if errno == EINTR { continue }
                if errno != EAGAIN { eof = true }
                break readLoop
            default:
                buffer += chunk[0..<n]
            }
        }
        var start = 0
        for i in buffer.indices where buffer[i] == 0x0A {
            let line = String(decoding: buffer[start..<i], as: UTF8.self)
            start = i + 1
            guard let e = try? EventJSON.decode(line) else { continue }
            table.apply(e)
            lastT = max(lastT, e.t)
            if case .summary = e.kind { summarySeen = true }
            events.append(e)
        }
        if start > 0 { lineTap?(buffer[0..<start]) }
        buffer.removeFirst(start)
        if eof, !summarySeen {
            summarySeen = true
            let lost = Event(t: lastT, .stopped(reason: .supervisorLost, detail: Supervisor.lostDetail))
            let summary = Event(t: lastT, .summary(Summary(exitCode: 1, processes: table.distinctPIDs,
                                                           maxAlive: table.maxAlive, duration: lastT,
                                                           unretrievedFailures: 0)))
            events += [lost, summary]
            lineTap?(ArraySlice((EventJSON.encode(lost) + "\n" + EventJSON.encode(summary) + "\n").utf8))
            Supervisor.abandonRun(main: table.records.first { $0.method == .main }?.pid, supervisor: supervisorPID)
        }
        if eof { reap(block: false) }
        return events
    }

    /// Stops the whole tree (SIGTERM, then SIGKILL after a second); the summary follows.
    public func stop() { send("stop") }
    /// Stops the whole tree because the user pressed Ctrl-C (reason `interrupt`, exit 130).
    public func interrupt() { send("stop interrupt") }
    /// Freezes every process of the tree (SIGSTOP); the timeout does not run meanwhile.
    public func pause() { send("pause") }
    public func resume() { send("resume") }

    private func send(_ command: String) {
        guard commandFD >= 0 else { return }
        sendLine(commandFD, command)
    }

    deinit {
        if commandFD >= 0 { close(commandFD) }  // EOF: the supervisor kills the tree and exits
        close(eventFD)
        reap(block: true)
    }

    private func reap(block: Bool) {
        guard !reaped else { return }
        if Child.reapIfEnded(supervisorPID) != nil { reaped = true; return }
        guard block else { return }
        for _ in 0..<300 {
            usleep(10_000)
            if Child.reapIfEnded(supervisorPID) != nil { reaped = true; return }
        }
        Child.send(SIGKILL, to: supervisorPID)
        Child.wait(supervisorPID)
        reaped = true
    }

    /// The running executable (`/proc/self/exe` resolved), which has the hidden `__supervise` command.
    static func ownExecutable() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return "/proc/self/exe" }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension RunConfig {
    /// This configuration ready for a supervisor: the interpreter located (an absolute path in `python`), its
    /// version learnt (for the run header) and the program's path made absolute (relative to the caller, whatever the program's directory).
    /// - Throws: `RunError`: no Python (with how to install it), or no such program file.
    func prepared() throws -> RunConfig {
        var resolved = self
        let interpreter = try PythonLocator.locate(explicit: python)
        resolved.python = interpreter
        if resolved.pythonVersion == nil { resolved.pythonVersion = PythonVersion.lookup(python: interpreter) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: program, isDirectory: &isDir), !isDir.boolValue else {
            throw RunError(zh: "\(program)：没有这个文件", en: "\(program): no such file")
        }
        if !program.hasPrefix("/") {
            resolved.program = FileManager.default.currentDirectoryPath + "/" + program
            resolved.programArgument = program
        }
        return resolved
    }

    /// The executable whose hidden `__supervise` command runs the supervisor.
    func supervisorCommand() throws -> String {
        let exe = supervisorExecutable ?? SupervisedRun.ownExecutable()
        guard access(exe, X_OK) == 0 else {
            throw RunError(zh: "找不到用来监督运行的 proctutor 可执行文件（\(exe)）",
                           en: "cannot find the proctutor executable to supervise the run (\(exe))")
        }
        return exe
    }
}
