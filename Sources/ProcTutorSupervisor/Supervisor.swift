import Foundation
import Glibc
import ProcTutorCore
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

    var assembler: RunAssembler
    var origin = 0.0
    var mainPID: pid_t = 0
    var mainDone = false
    var mainDoneAt = 0.0

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

    var paused = false
    var pausedAt = 0.0
    var pausedTotal = 0.0
    var lastSample = 0.0
    var lastWalk = 0.0
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

    /// Teardown in progress: when SIGKILL follows.
    var killAt: Double?
    var stopping = false

    init(config: RunConfig, python: String) {
        self.config = config
        self.python = python
        self.assembler = RunAssembler(origin: 0, supervisor: getpid())
    }

    /// Entry point of `proctutor __supervise`: never returns.
    public static func main(configJSON: String) -> Never {
        let stdout = Int32(1)
        func fail(_ message: String, code: Int) -> Never {
            var a = RunAssembler(origin: 0, supervisor: getpid())
            a.notice(message, at: 0)
            a.finish(at: 0)
            for e in a.take() { writeAll(stdout, Array((EventJSON.encode(e) + "\n").utf8)) }
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
            assembler = RunAssembler(origin: origin, supervisor: me)
            assembler.notice("\(error)", at: 0)
            assembler.finish(at: 0)
            flushEvents()
            cleanup()
            return
        }
        loop()
        finish()
    }

    func raiseFileLimit() {
        var lim = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &lim) == 0, lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = min(lim.rlim_max, 65536)
            setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &lim)
        }
    }

    func prepareAndSpawn() throws {
        // Read once: each read of ProcessInfo's environment builds the dictionary anew from `environ`.
        let environment = ProcessInfo.processInfo.environment
        let base = Self.temporaryBase(environment)
        // Named after this process, so that whoever started a supervisor that was killed can remove what it left.
        var template = Array((base + "/proctutor-\(me)-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else {
            let reason = String(cString: strerror(errno))
            throw RunError(zh: "无法在 \(base) 里创建临时文件夹：\(reason)", en: "cannot create a temporary folder in \(base): \(reason)")
        }
        tempDir = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let cached = TracerCache.prepare(environment: environment) {
            tracerDir = cached
        } else {
            tracerDir = tempDir
            guard writeFile(tempDir + "/sitecustomize.py", TracerSource.sitecustomize) else {
                throw RunError(zh: "无法把跟踪器写进 \(tempDir)", en: "cannot write the tracer into \(tempDir)")
            }
        }
        let eventsPath = tempDir + "/events"
        // The channel's first line is a token only this run knows: the tracer checks it before every write
        // (with dev:ino where the program emptied the file; see Tracer/sitecustomize.py), and reading starts after it.
        let token = "proctutor-channel-" + String(UInt64.random(in: .min ... .max), radix: 16)
            + String(UInt64.random(in: .min ... .max), radix: 16)
        let wfd = open(eventsPath, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard wfd >= 0 else { throw RunError(zh: "无法创建 \(eventsPath)", en: "cannot create \(eventsPath)") }
        let header = Array((token + "\n").utf8)
        let written = writeAll(wfd, header)
        close(wfd)
        eventsFD = open(eventsPath, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        var st = stat()
        guard written, eventsFD >= 0, fstat(eventsFD, &st) == 0,
              lseek(eventsFD, off_t(header.count), SEEK_SET) == off_t(header.count) else {
            throw RunError(zh: "无法打开 \(eventsPath)", en: "cannot open \(eventsPath)")
        }
        let eventsID = "\(token) \(st.st_dev):\(st.st_ino)"
        inotifyFD = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if inotifyFD >= 0 { inotify_add_watch(inotifyFD, eventsPath, UInt32(IN_MODIFY)) }

        var env = environment
        arrivals = ArrivalLog(environment: env)
        env[ArrivalLog.variable] = nil
        let userPath = env["PYTHONPATH"].flatMap { $0.isEmpty ? nil : $0 }
        env["PYTHONPATH"] = userPath.map { tracerDir + ":" + $0 } ?? tracerDir
        env["PROCTUTOR_EVENTS"] = eventsPath
        env["PROCTUTOR_EVENTS_ID"] = eventsID
        env["PROCTUTOR_SUPERVISOR"] = String(me)
        env["PROCTUTOR_START_METHOD"] = nil
        env["PROCTUTOR_TIME_SCALE"] = nil
        if let m = config.startMethod, [.fork, .spawn, .forkserver].contains(m) {
            env["PROCTUTOR_START_METHOD"] = m.rawValue
        }
        if let scale = config.timeScale { env["PROCTUTOR_TIME_SCALE"] = String(scale) }

        let out = try makePipe()
        let err = try makePipe()
        origin = Clock.monotonic()
        startedWall = wallClockNow()
        let me = self.me
        assembler = RunAssembler(origin: origin, supervisor: me, lookup: { pid in ProcFS.stat(pid)?.ppid },
                                 isOutsider: { pid in ProcFS.isOutsider(pid, of: me) })
        assembler.keepsRaw = config.printing?.raw ?? true
        let pid: pid_t
        do {
            pid = try Spawner.spawn(path: python, argv: programArgv,
                                    env: env.map { "\($0.key)=\($0.value)" }.sorted(),
                                    stdio: [config.inheritsStdin ? .fd(Supervisor.programStdin) : .devNull,
                                            .fd(out.write), .fd(err.write)], newSession: true,
                                    directory: config.workingDirectory)
        } catch {
            close(out.read); close(out.write); close(err.read); close(err.write)
            throw error
        }
        close(out.write)
        close(err.write)
        if config.inheritsStdin { close(Supervisor.programStdin) }  // the program's now, not ours to hold
        outFD = out.read
        errFD = err.read
        _ = fcntl(outFD, Supervisor.setPipeSize, Supervisor.pipeCapacity)
        _ = fcntl(errFD, Supervisor.setPipeSize, Supervisor.pipeCapacity)
        setNonBlocking(outFD)
        setNonBlocking(errFD)
        mainPID = pid
        if config.printing != nil { reply("main \(pid)") }
        // After the spawn (the program starts meanwhile), before any event of it: the first line.
        writeHeader(argv: programArgv)
        assembler.kernel(.spawned(pid: pid, ppid: me), at: now())
        watch(pid)
        flushEvents()
    }

    /// The program's command line: its path as the user typed it (`sys.argv[0]` as under `python3 -u FILE`;
    /// relative stays relative) where that names the same file from the program's directory, else absolute.
    var programArgv: [String] {
        var path = config.program
        if let typed = config.programArgument, config.workingDirectory == nil {
            var a = stat(), b = stat()
            if stat(typed, &a) == 0, stat(config.program, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
                path = typed
            }
        }
        return [python, "-u", path] + config.arguments
    }

    func writeFile(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return writeAll(fd, Array(text.utf8))
    }

    /// The run header: what is run, how, when, and the program's source as it is now.
    func header(argv: [String]) -> RunHeader {
        let source = RunHeader.source(of: Self.readPrefix(config.program, limit: RunHeader.sourceLimit + 1))
        return RunHeader(program: config.program, lesson: config.lesson, variant: config.variant,
                         startMethod: config.startMethod, python: python,
                         pythonVersion: config.pythonVersion ?? PythonVersion.lookup(python: python),
                         argv: argv, started: RunHeader.iso8601(epochSeconds: startedWall == 0 ? wallClockNow() : startedWall),
                         source: source.text, sourceTruncated: source.truncated)
    }

    /// Writes the header once, in the run's style, straight to the output (before the assembler's events).
    func writeHeader(argv: [String]? = nil) {
        guard !headerWritten else { return }
        headerWritten = true
        let e = Event(t: 0, .run(header(argv: argv ?? programArgv)))
        let line = (config.printing.map { $0.json ? EventJSON.encode(e) : PlainFormat.line(e, lang: $0.lang) } ?? EventJSON.encode(e)) + "\n"
        if !writeAll(1, Array(line.utf8)) { uiLost() }
    }

    /// At most `limit` bytes of a file (nothing if it cannot be read).
    static func readPrefix(_ path: String, limit: Int) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var total = 0
        return [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
            while total < limit {
                let n = read(fd, buffer.baseAddress! + total, limit - total)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                total += n
            }
            count = total
        }
    }

    func wallClockNow() -> Double { Clock.wall() }

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
        guard mainDone else { return false }
        switch Child.reapAny() {
        case let .child(pid, status): childReaped(pid, status); return false
        case .none: return false
        case .noChildren: return true
        }
    }

    func periodic() {
        let t = now()
        reapChildren()
        if t - lastSample >= 0.04 {  // states of live processes (zombies come from pidfds at once)
            lastSample = t
            for pid in assembler.livePIDs {
                guard let s = ProcFS.stat(pid) else { continue }
                if s.state == "Z" {
                    zombie(pid, s)
                } else {
                    assembler.kernel(.state(pid: pid, state: s.procState), at: t)
                }
            }
        }
        if t - lastWalk >= 0.25 {  // every process on the machine: a cost that must stay rare
            lastWalk = t
            walk(at: t)
        }
        assembler.tick(at: t)
        if let timeout = config.timeout, !stopping, t - currentPause(t) >= timeout {
            stop(.timeout, detail: EngineWords.timeoutDetail(seconds: timeout))
        }
        if mainDone, !stopping, t - mainDoneAt >= config.linger, !ProcFS.descendants(of: me).isEmpty {
            stop(.leftover, detail: EngineWords.leftoverDetail(seconds: config.linger))
        }
        if let killAt, t >= killAt {
            killEverything()
            self.killAt = t + 0.2
        }
    }

    func currentPause(_ t: Double) -> Double {
        pausedTotal + (paused ? t - pausedAt : 0)
    }

    /// Finds descendants nobody announced, opens pidfds for new ones, enforces the process limit.
    func walk(at t: Double) {
        let tree = ProcFS.descendants(of: me)
        var alive = 0
        for s in tree where s.state != "Z" && s.state != "X" {
            alive += 1
            if !assembler.isKnown(s.pid) {
                assembler.kernel(.discovered(pid: s.pid, ppid: s.ppid, command: s.command,
                                             python: ProcFS.isPython(s.pid)), at: t)
            }
            if pidfds[s.pid] == nil { watch(s.pid) }
        }
        if alive > config.maxProcesses, !stopping {
            stop(.processLimit, detail: EngineWords.processLimitDetail(alive: alive, limit: config.maxProcesses))
        }
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
            assembler.kernel(.ended(pid: pid, code: nil, signal: nil, zombie: false), at: now())
        }
    }

    func zombie(_ pid: PID, _ s: ProcFS.Stat) {
        if s.ppid == me {
            return  // our own child: waitpid gives the status and reaps it right away
        }
        drainBeforeExit()
        let status = s.exitStatus.map(decodeWaitStatus)
        assembler.kernel(.ended(pid: pid, code: status?.code, signal: status?.signal, zombie: true), at: now())
    }

    func reapChildren() {
        while case let .child(pid, status) = Child.reapAny() { childReaped(pid, status) }
    }

    func childReaped(_ pid: pid_t, _ status: Int32) {
        // Events already written about it (its birth, its output) must come first.
        drainBeforeExit()
        let s = decodeWaitStatus(status)
        assembler.kernel(.waited(pid: pid, code: s.code, signal: s.signal), at: now())
        if let fd = pidfds.removeValue(forKey: pid) { close(fd) }
        if pid == mainPID, !mainDone {
            mainDone = true
            mainDoneAt = now()
        }
    }

    func readSignals() {
        while true {
            let sig = SignalDescriptor.next(signalFD)
            if sig <= 0 { return }
            switch sig {
            case SIGCHLD: reapChildren()
            case SIGUSR1:
                if getppid() != parentAtStart { uiLost() }
            default: uiLost()  // SIGTERM, SIGHUP: we are being shut down
            }
        }
    }

    // MARK: - Inputs

    func readCommands() {
        var buf = [UInt8](repeating: 0, count: 1024)
        let n = buf.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
        if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) {
            stdinOpen = false
            uiLost()
        }
        guard n > 0 else { return }
        commandBuffer += buf[0..<n]
        while let nl = commandBuffer.firstIndex(of: 0x0A) {
            let line = String(decoding: commandBuffer[..<nl], as: UTF8.self).trimmingSpaces()
            commandBuffer.removeSubrange(...nl)
            command(line)
        }
        if commandBuffer.count > 4096 { commandBuffer.removeAll() }
    }

    func command(_ line: String) {
        switch line {
        case "stop": stop(.userStop, detail: EngineWords.userStopDetail)
        case "stop interrupt": stop(.interrupt, detail: EngineWords.interruptDetail)
        case "pause":
            guard !paused, !stopping else { return }
            paused = true
            pausedAt = now()
            signalTree(SIGSTOP)
        case "resume":
            guard paused else { return }
            paused = false
            pausedTotal += now() - pausedAt
            signalTree(SIGCONT)
        default:
            assembler.notice(EngineWords.unknownCommandNotice(line), at: now())
        }
    }

    func readOutput(_ stream: ProcTutorCore.OutputStream) {
        let fd = stream == .stdout ? outFD : errFD
        guard fd >= 0 else { return }
        for _ in 0..<16 {  // bounded, so a flood on one pipe cannot starve the rest of the loop
            let n = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n > 0 {
                outputHeldUntil = Clock.monotonic() + Double(Supervisor.channelBatchMilliseconds) / 1000
                assembler.rawBytes(readBuffer[0..<n], stream: stream, at: now())
                continue
            }
            if n < 0, errno == EAGAIN || errno == EINTR { return }
            close(fd)
            if stream == .stdout { outFD = -1 } else { errFD = -1 }
            return
        }
    }

    func drainInotify() {
        var buf = [UInt8](repeating: 0, count: 4096)
        while buf.withUnsafeMutableBytes({ read(inotifyFD, $0.baseAddress!, $0.count) }) > 0 {}
    }

    /// Reads new lines of the event channel. A line longer than 1 MB is garbage: skipped to its newline.
    func readChannel() {
        guard eventsFD >= 0 else { return }
        var reads = 0
        while true {
            let n = readBuffer.withUnsafeMutableBytes { read(eventsFD, $0.baseAddress!, $0.count) }
            let buf = readBuffer
            guard n > 0 else { return }
            reads += 1
            if reads % 16 == 0 { flushEvents() }  // a channel that grows as fast as it is read: bounded memory
            channelHeldUntil = Clock.monotonic() + Double(Supervisor.channelBatchMilliseconds) / 1000
            var start = 0
            for i in 0..<n where buf[i] == 0x0A {
                if channelSkipping {
                    channelSkipping = false
                } else if channelBuffer.isEmpty {
                    channelLine(buf[start..<i])  // the whole line is in this read: no copy first
                } else {
                    channelBuffer += buf[start..<i]
                    channelLine(channelBuffer[...])
                }
                channelBuffer.removeAll(keepingCapacity: true)
                start = i + 1
            }
            if !channelSkipping { channelBuffer += buf[start..<n] }
            if channelBuffer.count > 1 << 20 {
                channelBuffer.removeAll()
                channelSkipping = true
                assembler.channelLine("")  // counted as garbage
            }
        }
    }

    func channelLine(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        assembler.channelLine(String(decoding: bytes, as: UTF8.self))
        // Births announced faster than the periodic walk: count the tree now rather than up to 0.1 s later.
        if !stopping, assembler.table.aliveCount > config.maxProcesses {
            let t = now()
            if t - lastWalk >= 0.01 {
                lastWalk = t
                walk(at: t)
            }
        }
    }

    // MARK: - Output

    /// Writes what the assembler has ready: NDJSON of every event for a `SupervisedRun`, or the lines
    /// `proctutor run` prints (then the exit code goes back over the command socket).
    func flushEvents() {
        let events = assembler.take()
        guard !events.isEmpty else { return }
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

    /// Stops the run from outside: SIGTERM to the group and every known process, SIGKILL after a grace period.
    func stop(_ reason: StopReason, detail: String) {
        guard !stopping else { return }
        stopping = true
        assembler.stopped(reason, detail: detail, at: now())
        flushEvents()
        if reason == .processLimit {
            // A fork bomb gets no grace period: in one second it could multiply far past any limit.
            killEverything()
            if paused { paused = false; pausedTotal += now() - pausedAt }
            killAt = now() + 0.05
            return
        }
        signalTree(SIGTERM)
        signalTree(SIGCONT)
        if paused { paused = false; pausedTotal += now() - pausedAt }
        killAt = now() + 1.0
    }

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
        for pid in assembler.unfinishedPIDs where pid != me && !ProcFS.isOutsider(pid, of: me) { Child.send(sig, to: pid) }
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
        assembler.finish(at: now())
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

    /// Where runs keep their temporary folder: `$TMPDIR`, else /tmp.
    static func temporaryBase(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Removes what a run puts in its temporary folder, then the folder (only if nothing else is in it).
    /// The `detail` of the `supervisor-lost` stop that the starting side reports.
    static let lostDetail = EngineWords.supervisorLostDetail

    static func removeRunFolder(_ dir: String) {
        unlink(dir + "/sitecustomize.py")
        unlink(dir + "/events")
        rmdir(dir + "/__pycache__")
        rmdir(dir)
    }

    /// What the process that started a supervisor does when that supervisor was killed (`kill -9`): kills the
    /// program, which nobody watches any more, and removes the temporary folder the supervisor could not. Call it
    /// while the supervisor is unreaped: its pid then cannot be another's.
    ///
    /// The program's session (`main` leads it) goes first. A process that left that session with `setsid()` was
    /// found by the supervisor as its descendant; with the supervisor gone it is a child of init, and what still
    /// ties it to the run is the channel named in its environment (every traced process inherits it).
    static func abandonRun(main: pid_t?, supervisor: pid_t) {
        if let main, main > 0, Child.leadsSession(main) { Child.send(SIGKILL, to: -main) }
        for dir in leftoverFolders(ofSupervisor: supervisor) {
            // Twice: a process may fork between the listing and the kill.
            for _ in 0..<2 {
                for pid in ProcFS.processes(withEnvironmentEntry: "PROCTUTOR_EVENTS=\(dir)/events") {
                    Child.send(SIGKILL, to: pid)
                }
            }
            removeRunFolder(dir)
        }
    }

    /// The run folders a killed supervisor left (see `abandonRun`): `proctutor-PID-XXXXXX`, as `mkdtemp` names them.
    static func leftoverFolders(ofSupervisor pid: pid_t) -> [String] {
        let base = temporaryBase()
        guard let dir = opendir(base) else { return [] }
        defer { closedir(dir) }
        let prefix = "proctutor-\(pid)-"
        var found: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(prefix), name.utf8.count == prefix.utf8.count + 6 { found.append(base + "/" + name) }
        }
        return found
    }
}
