import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSystem

/// One run for `proctutor run`: the supervisor prints the events itself, on the stdout it inherits, and this
/// process only waits for the exit code.
///
/// Nothing passes through this process per event (no pipe, no decoding, no second formatting), and when it is
/// single-threaded the supervisor is forked rather than started afresh, which saves a whole Swift start-up.
/// The guarantee stays the same as with `SupervisedRun`: the supervisor reads commands on a socket whose other
/// end only this process holds, so when this process ends in any way (even `kill -9`) it sees EOF and kills
/// the whole tree.
///
/// Replies on the socket, one line each: `main PID` once the program started, `exit CODE` after the summary.
public final class PrintedRun {
    public let supervisorPID: pid_t
    /// The interpreter the run uses (absolute path).
    public let python: String
    /// True when the supervisor was forked from this process, false when `__supervise` was executed.
    public let forked: Bool
    private let socket: Int32
    private var buffer: [UInt8] = []
    private var mainPID: pid_t = 0
    private var eof = false
    private let style: PrintStyle
    private let startedAt = Clock.monotonic()

    /// The program's exit code (128+N for signal N, 124 timeout, 130 interrupt) once the summary is printed.
    public private(set) var exitCode: Int?

    /// Starts the supervisor, which starts the program and prints its events in `style` on `output`
    /// (default: our stdout).
    /// - Throws: `RunError`: no Python (with how to install it), a missing program file, no way to start
    ///   the supervisor.
    public init(config: RunConfig, style: PrintStyle, output: Int32 = 1) throws {
        var resolved = try config.prepared()
        resolved.printing = style
        self.style = style
        python = resolved.python ?? ""

        // A closed stdin, stdout or stderr (`proctutor run … >&-`) would hand its number to the socket below,
        // and the forked supervisor would keep our end of it open as its own stdout: /dev/null fills the gap.
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) < 0 {
            _ = open("/dev/null", O_RDWR)
        }
        let sv = try makeCommandSocket()
        let debug = ProcessInfo.processInfo.environment["PROCTUTOR_DEBUG"] != nil
        // fork() copies only the calling thread: safe for Swift code only while that is the only thread.
        if Child.threadCount() == 1 {
            let pid = Child.forkSingleThreaded()
            if pid == 0 {
                // 0 becomes the socket; the program's stdin waits on descriptor 3 (kept by the supervisor),
                // put there last: the socket's or the output's own number may be 3.
                let stdin = resolved.inheritsStdin ? dup(0) : -1
                dup2(sv.supervisors, 0)
                if output != 1 { dup2(output, 1) }
                if !debug {
                    let null = open("/dev/null", O_WRONLY)
                    if null >= 0 { dup2(null, 2) }
                }
                if stdin >= 0 { dup2(stdin, Supervisor.programStdin) }
                Supervisor.runForked(config: resolved, python: python)
            }
            guard pid > 0 else {
                let reason = String(cString: strerror(errno))
                close(sv.ours); close(sv.supervisors)
                throw RunError(zh: "无法启动监督进程：\(reason)", en: "cannot start the supervisor: \(reason)")
            }
            supervisorPID = pid
            forked = true
        } else {
            // A copy of our stdin above the socket's numbers, for the child's descriptor 3 (see above).
            let stdin = resolved.inheritsStdin ? fcntl(0, F_DUPFD_CLOEXEC, 0) : -1
            defer { if stdin >= 0 { close(stdin) } }
            do {
                let exe = try resolved.supervisorCommand()
                let json = String(decoding: try JSONEncoder().encode(resolved), as: UTF8.self)
                supervisorPID = try Spawner.spawn(path: exe, argv: [exe, "__supervise", json],
                                                  env: PythonLocator.currentEnvironment().map { "\($0.key)=\($0.value)" },
                                                  stdio: [.fd(sv.supervisors), .fd(output), debug ? .fd(2) : .devNull]
                                                      + (stdin >= 0 ? [.fd(stdin)] : []),
                                                  newSession: false)
            } catch {
                close(sv.ours); close(sv.supervisors)
                throw error
            }
            forked = false
        }
        close(sv.supervisors)
        socket = sv.ours
        setNonBlocking(socket)
    }

    /// The socket to poll for POLLIN: the supervisor's replies, and EOF when it is gone.
    public var fd: Int32 { socket }

    /// The exit code arrived (everything is printed), or the supervisor is gone without one.
    public var isFinished: Bool { exitCode != nil || eof }

    /// Reads the supervisor's replies (never blocks).
    public func read() {
        var chunk = [UInt8](repeating: 0, count: 256)
        while !eof {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(socket, $0.baseAddress!, $0.count) }
            if n > 0 {
                buffer += chunk[0..<n]
            } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                eof = true
            } else if errno == EAGAIN {
                break
            }
        }
        while let nl = buffer.firstIndex(of: 0x0A) {
            let words = String(decoding: buffer[..<nl], as: UTF8.self).split(separator: " ")
            buffer.removeSubrange(...nl)
            guard words.count == 2, let value = Int(words[1]) else { continue }
            switch words[0] {
            case "main": mainPID = pid_t(clamping: value)
            case "exit": exitCode = value
            default: break
            }
        }
    }

    /// Stops the whole tree because the user pressed Ctrl-C (reason `interrupt`, exit 130).
    public func interrupt() { command("stop interrupt") }
    /// Freezes every process of the tree (SIGSTOP); the timeout does not run meanwhile.
    public func pause() { command("pause") }
    public func resume() { command("resume") }

    private func command(_ line: String) { sendLine(socket, line) }

    /// The supervisor ended without an exit code (someone killed it): kills what is left of the program's
    /// session, and returns the closing lines to print, in the run's style. The counts are unknown here.
    /// Call it before `reap()`.
    public func lost() -> String {
        Supervisor.abandonRun(main: mainPID, supervisor: supervisorPID)
        let t = Clock.monotonic() - startedAt
        let events = [
            Event(t: t, .stopped(reason: .supervisorLost, detail: Supervisor.lostDetail)),
            Event(t: t, .summary(Summary(exitCode: 1, processes: 0, maxAlive: 0, duration: t,
                                         unretrievedFailures: 0))),
        ]
        return events.map { (style.json ? EventJSON.encode($0) : PlainFormat.line($0, lang: style.lang)) + "\n" }.joined()
    }

    /// Collects the supervisor process once it is gone. After the exit code it is not waited for: the rest of
    /// its end (closing its inotify descriptor takes the kernel 10–20 ms, compiling the tracer for the next
    /// run longer) needs no one waiting, and is finished by init if we exit first.
    public func reap() {
        if exitCode != nil {
            reaped = Child.reapIfEnded(supervisorPID) != nil
            return
        }
        Child.wait(supervisorPID)
        reaped = true
    }

    private var reaped = false

    deinit {
        close(socket)  // EOF: a supervisor still running kills the tree and exits
        if !reaped { _ = Child.reapIfEnded(supervisorPID) }
    }
}
