import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSupervisorCore
import ProcTutorSystem

/// The supervising process (`proctutor __supervise CONFIG`): starts the program under the tracer in its own
/// session, adopts every orphan (subreaper), watches the tree and writes the run's events as NDJSON on stdout.
///
/// It reads commands on stdin (`stop`, `stop interrupt`, `pause`, `resume`). EOF on stdin means the UI is gone
/// (even killed with SIGKILL): the whole tree is killed at once. One thread, one poll loop.
public final class Supervisor {
    let config: RunConfig
    let python: String
    let me = getpid()
    let parentAtStart = getppid()

    /// The decisions: what each observation means and what to do about it (pure; see `SupervisorCore`).
    var core: SupervisorCore
    var origin = 0.0
    var mainPID: pid_t = 0

    var outFD: Int32 = -1
    var errFD: Int32 = -1
    var eventsFD: Int32 = -1
    var inotifyFD: Int32 = -1
    var signalFD: Int32 = -1
    var stdinOpen = true
    var commandBuffer: [UInt8] = []
    var channelBuffer: [UInt8] = []
    var channelSkipping = false
    var pidfds: [PID: Int32] = [:]
    var tempDir = ""
    /// One read buffer for every pipe and the channel (a fresh 64 KB array per read cost page faults).
    var readBuffer = [UInt8](repeating: 0, count: 65536)
    /// The folder put first on PYTHONPATH: the per-user tracer cache, or the run's temporary folder.
    var tracerDir = ""
    var arrivals = ArrivalLog(environment: [:])

    /// Until then (monotonic seconds) the loop does not wake for new channel records (see `loop`).
    var channelHeldUntil = 0.0
    /// How long records may gather in the channel while they keep coming: the latency it adds at most.
    static let channelBatchMilliseconds: Int32 = 1
    /// Until then the loop does not wake for the output pipes either: the same batching for the program's own
    /// writes (print writes each argument, separator and newline with a write of its own).
    var outputHeldUntil = 0.0
    /// The capacity asked for the output pipes (the most an unprivileged process may, by default), so a writer
    /// does not fill the pipe while it is held.
    static let pipeCapacity: Int32 = 1 << 20
    /// `F_SETPIPE_SZ` (Linux, `_GNU_SOURCE`: not exported to Swift).
    static let setPipeSize: Int32 = 1031
    /// Where `PrintedRun` puts the caller's stdin for the program when `RunConfig.inheritsStdin` is set.
    static let programStdin: Int32 = 3

    /// The run header went out (it is the first line, whatever happens next).
    var headerWritten = false
    /// Wall-clock seconds since the epoch when the run started, for the header.
    var startedWall = 0.0

    init(config: RunConfig, python: String) {
        self.config = config
        self.python = python
        self.core = SupervisorCore(policy: Self.policy(config), assembler: RunAssembler(origin: 0, supervisor: getpid()))
    }

    static func policy(_ config: RunConfig) -> SupervisorPolicy {
        SupervisorPolicy(timeout: config.timeout, linger: config.linger, maxProcesses: config.maxProcesses)
    }

    /// Entry point of `proctutor __supervise`: never returns.
    public static func main(configJSON: String) -> Never {
        let stdout = Int32(1)
        func fail(_ message: String, code: Int) -> Never {
            for e in SupervisorCore.failure(message) { writeAll(stdout, Array((EventJSON.encode(e) + "\n").utf8)) }
            _exit(0)
        }
        guard let data = configJSON.data(using: .utf8),
              let config = try? JSONDecoder().decode(RunConfig.self, from: data)
        else { fail(EngineWords.invalidConfigurationNotice, code: 2) }
        let python: String
        do {
            python = try PythonLocator.locate(explicit: config.python)
        } catch {
            fail("\(error)", code: 127)
        }
        let s = Supervisor(config: config, python: python)
        s.run()
        _exit(0)
    }

    /// Entry point of a supervisor forked (not exec'd) by `PrintedRun`: the same loop without a second
    /// process start-up. Descriptor 0 is already the command socket; never returns.
    static func runForked(config: RunConfig, python: String) -> Never {
        Supervisor(config: config, python: python).run()
        _exit(0)
    }

    // MARK: - Set-up

    func now() -> Double { Clock.monotonic() - origin }

    /// The supervisor's process name. Without "proctutor" in it, so that `pkill -9 proctutor` or `killall -9
    /// proctutor`, which kill the matches one after the other, leave it alive: it sees its caller gone and takes
    /// the program's tree down (it cannot if it is killed too). Its command line is renamed as well, for
    /// `pkill -f`.
    public static let processTitle = "pt-supervisor"

    func run() {
        ThisProcess.setTitle(Supervisor.processTitle)
        // A process group of our own: a SIGKILL to proctutor's whole group (`kill -9 -PGID`, a job killed with
        // its pipeline) must leave this process alive to take the program's tree down. The terminal's signals
        // reach us through proctutor: its Ctrl-C and Ctrl-Z by the command socket, its death by the parent-death
        // signal below.
        ThisProcess.leadOwnProcessGroup()
        ThisProcess.closeDescriptors(from: config.inheritsStdin ? Supervisor.programStdin + 1 : 3)
        Signals.ignore([SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTOU, SIGTTIN])
        signalFD = SignalDescriptor.open([SIGCHLD, SIGTERM, SIGHUP, SIGUSR1])
        ThisProcess.becomeSubreaper()
        ThisProcess.askForSignalWhenParentDies(SIGUSR1)
        if getppid() != parentAtStart { _exit(0) }  // the UI died before we could notice
        raiseFileLimit()
        setNonBlocking(0)

        do {
            try prepareAndSpawn()
        } catch {
            origin = Clock.monotonic()
            writeHeader()
            for e in SupervisorCore.failure("\(error)") { writeAll(1, Array((EventJSON.encode(e) + "\n").utf8)) }
            cleanup()
            return
        }
        loop()
        finish()
    }

    // MARK: - The loop

    /// Runs until the main process has exited, every descendant is gone and the output pipes are drained.
    func loop() {
        while true {
            var fds: [pollfd] = []
            var roles: [Role] = []
            func add(_ fd: Int32, _ role: Role) {
                guard fd >= 0 else { return }
                fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
                roles.append(role)
            }
            if stdinOpen { add(0, .commands) }
            // Right after output or records arrived, the pipes and the channel are left out for a moment: more
            // written meanwhile then costs the writers no wake-up of this process (a pipe or inotify only
            // queues), and one read takes it all. Sparse output and records are still read at once.
            let clock = Clock.monotonic()
            let outputHeld = clock < outputHeldUntil
            if !outputHeld {
                add(outFD, .output(.stdout))
                add(errFD, .output(.stderr))
            }
            let channelHeld = clock < channelHeldUntil
            if !channelHeld { add(inotifyFD, .channel) }
            let held = outputHeld || channelHeld
            add(signalFD, .signals)
            for (pid, fd) in pidfds { add(fd, .pidfd(pid)) }
            guard let ready = Poll.wait(fds, milliseconds: held ? Supervisor.channelBatchMilliseconds : 40) else { break }
            fds = ready
            let n = ready.filter { $0.revents != 0 }.count
            if outputHeld, Clock.monotonic() >= outputHeldUntil {  // the hold is over: what gathered meanwhile
                readOutput(.stdout)
                readOutput(.stderr)
            }
            if n > 0 {
                for (i, p) in fds.enumerated() where p.revents != 0 {
                    switch roles[i] {
                    case .commands: readCommands()
                    case let .output(stream): readOutput(stream)
                    case .channel: drainInotify()
                    case .signals: readSignals()
                    case let .pidfd(pid): pidEnded(pid)
                    }
                }
            }
            readChannel()
            periodic()
            flushEvents()
            if isDone() { break }
        }
    }

    enum Role {
        case commands, channel, signals
        case output(ProcTutorCore.OutputStream)
        case pidfd(PID)
    }

    /// The main process has exited and no descendant is left (what they wrote is still in the pipes).
    /// As the subreaper we have no child left (ECHILD) only when the tree is empty: a live descendant's parent
    /// chain reaches one of our children, and an orphan becomes our child before its parent is reaped.
    func isDone() -> Bool {
        guard core.mainEndedAt != nil else { return false }
        switch Child.reapAny() {
        case let .child(pid, status): childReaped(pid, status); return false
        case .none: return false
        case .noChildren: return true
        }
    }

    func periodic() {
        reapChildren()
        apply(.tick)
    }

    // MARK: - Effects

    /// Hands one observation to the core and carries out what it decides, in order.
    func apply(_ input: SupervisorCore.Input) {
        let effects = core.handle(input, at: now())
        if !effects.isEmpty { execute(effects) }
    }

    func execute(_ effects: [SupervisorCore.Effect]) {
        for effect in effects {
            switch effect {
            case let .emit(events): write(events)
            case .signal(.kill): killEverything()
            case .signal(.terminate): signalTree(SIGTERM)
            case .signal(.continue): signalTree(SIGCONT)
            case .signal(.stop): signalTree(SIGSTOP)
            case let .sample(pids): sample(pids)
            case .walk: walk()
            }
        }
    }

    /// Scheduler states of live processes from /proc; a zombie is an end.
    func sample(_ pids: [PID]) {
        for pid in pids {
            guard let s = ProcFS.stat(pid) else { continue }
            if s.state == "Z" {
                zombie(pid, s)
            } else {
                apply(.kernel(.state(pid: pid, state: s.procState)))
            }
        }
    }

    /// Finds descendants nobody announced, opens pidfds for new ones, and counts the tree for the core (the
    /// process limit, processes left after the main one).
    func walk() {
        let tree = ProcFS.descendants(of: me)
        var alive = 0
        for s in tree where s.state != "Z" && s.state != "X" {
            alive += 1
            if !core.isKnown(s.pid) {
                apply(.kernel(.discovered(pid: s.pid, ppid: s.ppid, command: s.command, python: ProcFS.isPython(s.pid))))
            }
            if pidfds[s.pid] == nil { watch(s.pid) }
        }
        apply(.tree(descendants: tree.count, alive: alive))
    }

    func watch(_ pid: PID) {
        guard pidfds[pid] == nil, pid != me else { return }
        if let fd = Child.endDescriptor(pid) { pidfds[pid] = fd }
    }

    /// Before an exit the kernel reported goes to the assembler: everything the process wrote before it ended
    /// is already in the channel file and the pipes (a write returns before the writer can exit), so reading
    /// them first puts the process's own lines, tasks and reaps before its `exit`.
    func drainBeforeExit() {
        readChannel()
        readOutput(.stdout)
        readOutput(.stderr)
    }

    /// A pidfd became readable: the process has ended. Zombie: its status is in /proc; gone: someone reaped it.
    func pidEnded(_ pid: PID) {
        if let fd = pidfds.removeValue(forKey: pid) { close(fd) }
        drainBeforeExit()
        if let s = ProcFS.stat(pid) {
            if s.state == "Z" || s.state == "X" { zombie(pid, s) }
        } else {
            apply(.kernel(.ended(pid: pid, code: nil, signal: nil, zombie: false)))
        }
    }

    func zombie(_ pid: PID, _ s: ProcFS.Stat) {
        if s.ppid == me {
            return  // our own child: waitpid gives the status and reaps it right away
        }
        drainBeforeExit()
        let status = s.exitStatus.map(decodeWaitStatus)
        apply(.kernel(.ended(pid: pid, code: status?.code, signal: status?.signal, zombie: true)))
    }

    func reapChildren() {
        while case let .child(pid, status) = Child.reapAny() { childReaped(pid, status) }
    }

    func childReaped(_ pid: pid_t, _ status: Int32) {
        // Events already written about it (its birth, its output) must come first.
        drainBeforeExit()
        let s = decodeWaitStatus(status)
        apply(.kernel(.waited(pid: pid, code: s.code, signal: s.signal)))
        if let fd = pidfds.removeValue(forKey: pid) { close(fd) }
    }

    // MARK: - Output

    /// Writes what the assembler has ready (see `write`).
    func flushEvents() {
        let events = core.take()
        if !events.isEmpty { write(events) }
    }

    /// Writes events out: NDJSON of every event for a `SupervisedRun`, or the lines `proctutor run` prints
    /// (then the exit code goes back over the command socket).
    func write(_ events: [Event]) {
        arrivals.record(events, origin: origin)
        var text = ""
        var exitCode: Int?
        for e in events {
            switch e.kind {
            case let .start(pid, _, _, _, _) where pidfds[pid] == nil: watch(pid)
            case let .summary(s): exitCode = s.exitCode
            case .raw where config.printing?.raw == false: continue
            default: break
            }
            text += config.printing.map { $0.json ? EventJSON.encode(e) : PlainFormat.line(e, lang: $0.lang) } ?? EventJSON.encode(e)
            text += "\n"
        }
        if !text.withUTF8({ writeAll(1, UnsafeRawBufferPointer($0)) }) {
            uiLost()
        }
        if let exitCode, config.printing != nil { reply("exit \(exitCode)") }
    }

    /// A line to the `PrintedRun` that forked us, on the command socket (descriptor 0 is both ways).
    func reply(_ line: String) { sendLine(0, line) }

    // MARK: - Stopping

    /// The UI is gone (stdin EOF, its death, SIGTERM): kill everything now, clean up and exit.
    func uiLost() -> Never {
        killEverything()
        let deadline = Clock.monotonic() + 2
        while Clock.monotonic() < deadline {
            while case .child = Child.reapAny() {}
            if ProcFS.descendants(of: me).isEmpty { break }
            killEverything()
            usleep(10_000)
        }
        cleanup()
        _exit(0)
    }

    func signalTree(_ sig: Int32) {
        if mainPID > 0 { Child.send(sig, to: -mainPID) }
        // Only processes of the tree: a pid the run knew may since have ended and been reused by another.
        for pid in core.unfinishedPIDs where pid != me && !ProcFS.isOutsider(pid, of: me) { Child.send(sig, to: pid) }
        for s in ProcFS.descendants(of: me) { Child.send(sig, to: s.pid) }
    }

    func killEverything() {
        if mainPID > 0 { Child.send(SIGKILL, to: -mainPID) }
        // Walk twice: a process may fork between the listing and the kill.
        for _ in 0..<2 {
            for s in ProcFS.descendants(of: me) where s.state != "Z" { Child.send(SIGKILL, to: s.pid) }
        }
    }

    // MARK: - The end

    func finish() {
        // Whatever is left in the pipes and the channel belongs to the run.
        readChannel()
        for stream in [ProcTutorCore.OutputStream.stdout, .stderr] {
            // Nobody is left to write: read to the end (or to what an outsider holding the pipe left in it).
            for _ in 0..<64 where (stream == .stdout ? outFD : errFD) >= 0 { readOutput(stream) }
        }
        for (_, fd) in pidfds { close(fd) }
        pidfds.removeAll()
        core.finish(at: now())
        flushEvents()
        // The run is over for the caller: EOF on what it reads (even the terminal's pipe for `run`) and on the
        // command socket, before the slow part of this process's end. Closing the inotify descriptor waits for
        // the kernel's SRCU grace period (10–20 ms measured); left to exit(), that wait also held back the
        // socket's release and so `proctutor run` itself.
        let null = open("/dev/null", O_RDWR)
        if null >= 0 { dup2(null, 0); dup2(null, 1); dup2(null, 2); close(null) }
        // The folder before the slow close: `run` may exit now, and whoever started it may kill what is left.
        cleanup()
        if inotifyFD >= 0 { close(inotifyFD); inotifyFD = -1 }
        if tracerDir != tempDir {
            TracerCache.compileOnce(python: python, dir: tracerDir)  // for the next run
        }
    }

    func cleanup() {
        guard !tempDir.isEmpty else { return }
        Self.removeRunFolder(tempDir)
    }
}
