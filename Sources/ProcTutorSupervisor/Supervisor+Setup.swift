import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSupervisorCore
import ProcTutorSystem

/// Before the loop: the run folder, the channel, the pipes, the header and the program's start.
extension Supervisor {
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
        var assembler = RunAssembler(origin: origin, supervisor: me, lookup: { pid in ProcFS.stat(pid)?.ppid },
                                     isOutsider: { pid in ProcFS.isOutsider(pid, of: me) })
        assembler.keepsRaw = config.printing?.raw ?? true
        core = SupervisorCore(policy: Self.policy(config), assembler: assembler)
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
        apply(.spawned(main: pid, by: me))
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
}
