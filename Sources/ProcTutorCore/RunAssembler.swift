/// What the supervisor learned from the kernel about one process.
public enum KernelObservation: Equatable, Sendable {
    /// The supervisor started the program's main process.
    case spawned(pid: PID, ppid: PID)
    /// A descendant found by walking `/proc` that nobody announced yet. `python` says whether its executable is a
    /// Python interpreter (which will announce itself through the tracer shortly).
    case discovered(pid: PID, ppid: PID, command: String, python: Bool)
    /// The scheduler state `/proc/PID/stat` shows for a live process.
    case state(pid: PID, state: ProcState)
    /// The process has ended (its pidfd became readable). `zombie`: `/proc` still shows it, with this status;
    /// otherwise somebody already collected it and the status must come from the tracer.
    case ended(pid: PID, code: Int?, signal: Int?, zombie: Bool)
    /// The supervisor itself collected the status (its own child or an orphan it adopted as subreaper).
    case waited(pid: PID, code: Int?, signal: Int?)
}

/// Turns the supervisor's raw observations — tracer records, kernel facts and the bytes of the shared output
/// pipes — into the public event stream: one `start` per process (before any of its other events), exactly one
/// `exit` and at most one `reaped` per process, task events with their function, and a closing `summary`.
///
/// Pure: the supervisor feeds it and writes out what it returns; tests feed it values.
public struct RunAssembler {
    /// How long a start waits for the process's name, and an exit for its status, before going out without.
    public var hold: Double = 1.0
    /// Longest raw line piece, in bytes: a longer line goes out in pieces of this size (never dropped).
    public var rawPiece = 8192
    /// Bytes of raw lines that may wait for the tracer to claim their stream; beyond it the oldest go out as
    /// `pid: null` at once, so a flood from a program without the tracer (`cat`, a C extension) is not held in
    /// memory for `unattributedDelay`.
    public var unattributedLimit = 4 << 20
    /// Whether `raw` events are produced at all (`proctutor run` without `--raw` prints none: the lines are then
    /// only decoded where they may become unattributed output).
    public var keepsRaw = true
    /// A raw line without a newline goes out after this long.
    public var partialDelay = 0.1
    /// Raw lines wait this long for the tracer to attribute the stream before going out with `pid: null`.
    public var unattributedDelay = 0.5

    /// The processes so far, folded from exactly the events returned.
    public private(set) var table = ProcessTable()
    /// Births and ends at their own times (not raised to the stream's order): the summary's `max_alive`.
    private var lifespans = Lifespans()
    /// Invalid lines seen in the event channel.
    public private(set) var garbageLines = 0

    private let origin: Double
    private let supervisor: PID
    /// Reads a live process's kernel parent (`/proc/PID/stat`); nil when it does not exist.
    private let lookup: @Sendable (PID) -> PID?
    /// Whether a pid is a live process outside the run's tree (a forged record names it).
    private let isOutsider: @Sendable (PID) -> Bool

    private var procs: [PID: Proc] = [:]
    /// Pids `tick` has to look at: a start held for its name, or an end waiting for its status. Kept apart so a
    /// tick costs what is waiting, not every process the run has seen (thousands in a long run).
    private var waiting = Set<PID>()
    private var out: [Event] = []
    private var failedJobs: [Int] = []
    private var retrievedJobs = Set<Int>()
    private var callbackJobs = Set<Int>()
    private var mainPID: PID?
    private var mainStatus: (code: Int?, signal: Int?)?
    private var raw = ByStream(RawStream())
    /// Streams the tracer has attributed a line of: their raw lines need not go out as unattributed output.
    private var attributed = ByStream(false)
    private var garbageNoticed = false
    private var forgeryNoticed = false

    private struct Proc {
        var started = false
        var birth: Birth?
        var holdUntil = 0.0
        var exited = false
        var reaped = false
        var reapedAt = 0.0
        var zombie = false
        var hint: Int?
        var goneAt: Double?
        var state: ProcState = .running
        var candidate: ProcState?
        var tasks: [Int: (function: String, args: String)] = [:]
        /// The task this worker finished last: a result that cannot be sent is reported `done`, then `failed`.
        var finished: (job: Int, function: String, args: String)?
        var held: [Event] = []
    }

    private struct Birth {
        var t: Double
        var ppid: PID
        var method: StartMethod
        var name: String?
        var parent: PID?
    }

    /// One value per output stream. Not a dictionary: its first use made the runtime search the binary's 5,810
    /// protocol conformances for `OutputStream: Hashable`, 0.2 ms before every run's program could start.
    private struct ByStream<Value> {
        var stdout: Value
        var stderr: Value

        init(_ value: Value) {
            stdout = value
            stderr = value
        }

        subscript(_ stream: OutputStream) -> Value {
            get { stream == .stdout ? stdout : stderr }
            set { if stream == .stdout { stdout = newValue } else { stderr = newValue } }
        }
    }

    private struct RawStream {
        var pending: [UInt8] = []
        var pendingSince = 0.0
        /// The pending bytes continue a line already sent in part (a piece): the newline that ends it adds no
        /// empty line.
        var continued = false
        var unattributed: [(t: Double, text: String)] = []
        /// Index of the first line of `unattributed` not yet sent (lines are sent from the front).
        var unattributedStart = 0
        var unattributedBytes = 0
    }

    /// - Parameters:
    ///   - origin: the monotonic instant the run started; event times are relative to it.
    ///   - supervisor: the supervisor's pid (the `by` of what it reaps, the `ppid` of the main process).
    ///   - lookup: the kernel parent of a live pid, or nil if there is no such process.
    ///   - isOutsider: whether a pid is a live process that is not part of the run. Records about such a pid
    ///     are dropped: the channel is a file any program can write to, and a forged record must never make an
    ///     unrelated process part of the run (which would be signalled when the run stops).
    public init(origin: Double, supervisor: PID, lookup: @escaping @Sendable (PID) -> PID? = { _ in nil },
                isOutsider: @escaping @Sendable (PID) -> Bool = { _ in false }) {
        self.origin = origin
        self.supervisor = supervisor
        self.lookup = lookup
        self.isOutsider = isOutsider
    }

    /// Events produced since the last call, in order.
    public mutating func take() -> [Event] {
        defer { out.removeAll(keepingCapacity: true) }
        return out
    }

    /// Pids the run has announced and not yet seen exit.
    public var livePIDs: [PID] {
        procs.compactMap { pid, p in p.started && !p.exited ? pid : nil }
    }

    /// Pids known (announced or held) whose exit is still unknown.
    public var unfinishedPIDs: [PID] {
        procs.compactMap { pid, p in !p.exited ? pid : nil }
    }

    public func isKnown(_ pid: PID) -> Bool {
        guard let p = procs[pid] else { return false }
        return !(p.exited && p.reaped)
    }

    // MARK: - Inputs

    /// A line of the event channel. Lines that do not decode are counted and reported once.
    public mutating func channelLine(_ line: String) {
        guard let (t, record) = try? TracerRecord.decode(line) else {
            garbageLines += 1
            if !garbageNoticed {
                garbageNoticed = true
                emit(Event(t: lastT, .notice(text: EngineWords.garbageLineNotice)))
            }
            return
        }
        if let pid = record.subject, procs[pid] == nil, isOutsider(pid) {
            garbageLines += 1
            if !forgeryNoticed {
                forgeryNoticed = true
                emit(Event(t: lastT, .notice(text: EngineWords.forgedRecordNotice(pid: pid))))
            }
            return
        }
        tracer(record, at: t - origin)
    }

    /// A decoded tracer record at run time `t`.
    public mutating func tracer(_ record: TracerRecord, at t: Double) {
        lastT = max(lastT, t)
        switch record {
        case let .birth(pid, ppid, method, name, parent, final):
            birth(pid: pid, Birth(t: t, ppid: ppid, method: method, name: name, parent: parent), final: final, at: t)
        case let .ident(pid, name, parent):
            guard var p = procs[pid], !p.started, var b = p.birth else { return }
            b.name = name ?? b.name
            b.parent = parent ?? b.parent
            p.birth = b
            procs[pid] = p
            announce(pid)
        case let .output(pid, stream, text):
            if !attributed[stream] {
                attributed[stream] = true
                raw[stream].unattributed.removeAll()
                raw[stream].unattributedStart = 0
                raw[stream].unattributedBytes = 0
            }
            guard ensureStarted(pid, at: t) else { return }
            emit(Event(t: t, .output(pid: pid, stream: stream, text: text)))
        case let .reaped(pid, by, code, signal):
            if let p = procs[pid], p.reaped, t - p.reapedAt < 1 {
                return  // the kernel reaps a process once: a repeat within a second is not a reused pid
            }
            if procs[pid] == nil || (procs[pid]!.exited && procs[pid]!.reaped) {
                // A child nobody announced (e.g. a program started by subprocess): its reaper is its parent.
                procs[pid] = Proc()
                procs[pid]!.birth = Birth(t: t, ppid: by, method: .exec, name: nil, parent: nil)
                announce(pid)
            }
            guard ensureStarted(pid, at: t) else { return }
            exit(pid, code: code, signal: signal, at: t)
            reap(pid, by: by, at: t)
        case let .exitHint(pid, code):
            procs[pid]?.hint = code
        case let .task(pid, job, status, function, args, error):
            guard ensureStarted(pid, at: t) else { return }
            var p = procs[pid]!
            let known = p.tasks[job] ?? p.finished.flatMap { $0.job == job ? ($0.function, $0.args) : nil }
            let f = function ?? known?.function ?? "?"
            let a = args ?? known?.args ?? ""
            if status == .started {
                p.tasks[job] = (f, a)
            } else {
                p.tasks[job] = nil
                p.finished = (job, f, a)
            }
            procs[pid] = p
            if status == .failed { failedJobs.append(job) }
            emit(Event(t: t, .task(pid: pid, id: job, status: status, function: f, args: a, error: error)))
            if status == .failed, callbackJobs.contains(job), retrievedJobs.insert(job).inserted {
                emit(Event(t: t, .retrieved(id: job)))  // delivered to its error_callback
            }
        case let .retrieved(job):
            guard retrievedJobs.insert(job).inserted else { return }
            emit(Event(t: t, .retrieved(id: job)))
        case let .errorCallback(job):
            callbackJobs.insert(job)
            if failedJobs.contains(job), retrievedJobs.insert(job).inserted {
                emit(Event(t: t, .retrieved(id: job)))
            }
        case let .notice(_, text):
            emit(Event(t: t, .notice(text: text)))
        }
    }

    /// A kernel fact at run time `t`.
    public mutating func kernel(_ observation: KernelObservation, at t: Double) {
        lastT = max(lastT, t)
        switch observation {
        case let .spawned(pid, ppid):
            mainPID = pid
            procs[pid] = Proc()
            procs[pid]!.birth = Birth(t: t, ppid: ppid, method: .main, name: "MainProcess", parent: nil)
            announce(pid)
        case let .discovered(pid, ppid, command, python):
            if var p = procs[pid], !(p.exited && p.reaped) {
                if !p.started, p.birth?.method == .exec, !python {
                    p.birth?.name = command
                    procs[pid] = p
                }
                return
            }
            var p = Proc()
            p.birth = Birth(t: t, ppid: ppid, method: .exec, name: python ? nil : command, parent: nil)
            p.holdUntil = t + (python ? hold : 0.2)
            procs[pid] = p
            waiting.insert(pid)
        case let .state(pid, state):
            guard var p = procs[pid], p.started, !p.exited, state != .zombie else { return }
            if state == p.state { p.candidate = nil; procs[pid] = p; return }
            // A new state must be seen twice in a row: a busy worker flips between running and sleeping.
            if p.candidate == state {
                p.state = state
                p.candidate = nil
                procs[pid] = p
                emit(Event(t: t, .state(pid: pid, state: state)))
            } else {
                p.candidate = state
                procs[pid] = p
            }
        case let .ended(pid, code, signal, zombie):
            guard let p = procs[pid], !p.reaped else { return }
            if zombie {
                guard ensureStarted(pid, at: t) else { return }
                exit(pid, code: code, signal: signal, at: t)
                if !procs[pid]!.zombie {
                    procs[pid]!.zombie = true
                    emit(Event(t: t, .state(pid: pid, state: .zombie)))
                }
            } else if !p.exited, p.goneAt == nil {
                procs[pid]!.goneAt = t
                waiting.insert(pid)
            }
        case let .waited(pid, code, signal):
            if pid == mainPID { mainStatus = (code, signal) }
            if procs[pid] == nil || (procs[pid]!.exited && procs[pid]!.reaped) {
                procs[pid] = Proc()
                procs[pid]!.birth = Birth(t: t, ppid: supervisor, method: .exec, name: nil, parent: nil)
                announce(pid)
            }
            guard ensureStarted(pid, at: t) else { return }
            exit(pid, code: code, signal: signal, at: t)
            reap(pid, by: supervisor, at: t)
        }
    }

    /// Bytes read from the program's shared stdout or stderr pipe. Every line goes out (a line longer than
    /// `rawPiece` in pieces); nothing is kept once it has gone out.
    public mutating func rawBytes(_ bytes: ArraySlice<UInt8>, stream: OutputStream, at t: Double) {
        lastT = max(lastT, t)
        var r = raw[stream]
        defer { raw[stream] = r }
        if r.pending.isEmpty { r.pendingSince = t }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let room = rawPiece - r.pending.count
            let limit = bytes.index(i, offsetBy: room, limitedBy: bytes.endIndex) ?? bytes.endIndex
            if let nl = bytes[i..<limit].firstIndex(of: 0x0A) {
                if r.pending.isEmpty {
                    rawLine(bytes[i..<nl], stream: stream, at: t, into: &r)  // no copy
                } else {
                    r.pending.append(contentsOf: bytes[i..<nl])
                    rawLine(r.pending[...], stream: stream, at: t, into: &r)
                    r.pending.removeAll(keepingCapacity: true)
                }
                r.continued = false
                r.pendingSince = t
                i = bytes.index(after: nl)
            } else {
                r.pending.append(contentsOf: bytes[i..<limit])
                i = limit
                if r.pending.count >= rawPiece {  // a piece of a long line; its rest follows
                    rawLine(r.pending[...], stream: stream, at: t, into: &r)
                    r.pending.removeAll(keepingCapacity: true)
                    r.continued = true
                }
            }
        }
    }

    public mutating func rawBytes<C: Collection>(_ bytes: C, stream: OutputStream, at t: Double)
        where C.Element == UInt8 {
        rawBytes(ArraySlice(bytes), stream: stream, at: t)
    }

    /// Time passes: releases what waited long enough (names, statuses, partial lines).
    public mutating func tick(at t: Double) {
        lastT = max(lastT, t)
        for pid in waiting.sorted() {
            guard let p = procs[pid], !p.started || (p.goneAt != nil && !p.exited) else {
                waiting.remove(pid)
                continue
            }
            if !p.started, p.birth != nil, t >= p.holdUntil {
                if p.birth!.method == .exec, p.birth!.name == nil, lookup(pid) != nil, t < p.holdUntil + hold {
                    continue  // a Python process that has not announced itself yet: give it a little longer
                }
                announce(pid)
            }
            if let gone = p.goneAt, !p.exited, t >= gone + hold / 2 {
                exit(pid, code: p.hint, signal: nil, at: gone)
            }
        }
        for stream in [OutputStream.stdout, .stderr] {
            var r = raw[stream]
            if !r.pending.isEmpty, t - r.pendingSince >= partialDelay {
                rawLine(r.pending[...], stream: stream, at: t, into: &r)
                r.pending.removeAll(keepingCapacity: true)
                r.continued = true
            }
            if !attributed[stream] { releaseUnattributed(stream, &r, before: t - unattributedDelay) }
            raw[stream] = r
        }
    }

    /// Records that the run was stopped from outside.
    public mutating func stopped(_ reason: StopReason, detail: String, at t: Double) {
        stopReason = stopReason ?? reason
        emit(Event(t: t, .stopped(reason: reason, detail: detail)))
    }

    public mutating func notice(_ text: String, at t: Double) {
        emit(Event(t: t, .notice(text: text)))
    }

    /// Ends the run: flushes everything held, closes every process and appends the summary.
    /// - Returns: the exit code of the run (the program's; 128+N if signal N killed it; 124 timeout; 130 Ctrl-C).
    @discardableResult
    public mutating func finish(at t: Double) -> Int {
        for pid in procs.keys.sorted() where !procs[pid]!.started && procs[pid]!.birth != nil {
            announce(pid)
        }
        for stream in [OutputStream.stdout, .stderr] {
            var r = raw[stream]
            if !r.pending.isEmpty {
                rawLine(r.pending[...], stream: stream, at: t, into: &r)
                r.pending.removeAll()
            }
            if !attributed[stream] { releaseUnattributed(stream, &r, before: .infinity) }
            r.unattributed.removeAll()
            raw[stream] = r
        }
        for pid in procs.keys.sorted() where procs[pid]!.started && !procs[pid]!.exited {
            exit(pid, code: procs[pid]!.hint, signal: nil, at: procs[pid]!.goneAt ?? t)
        }
        if garbageLines > 0 {
            emit(Event(t: t, .notice(text: EngineWords.garbageCountNotice(garbageLines))))
        }
        let code: Int
        switch stopReason {
        case .timeout?: code = 124
        case .interrupt?: code = 130
        default:
            if let s = mainStatus ?? mainExit {
                code = s.signal.map { 128 + $0 } ?? s.code ?? 1
            } else {
                code = 1
            }
        }
        let unretrieved = failedJobs.filter { !retrievedJobs.contains($0) }.count
        emit(Event(t: t, .summary(Summary(exitCode: code, processes: table.distinctPIDs, maxAlive: lifespans.maxAlive,
                                          duration: t, unretrievedFailures: unretrieved))))
        return code
    }

    // MARK: - Internals

    private var lastT = 0.0
    private var stopReason: StopReason?
    private var mainExit: (code: Int?, signal: Int?)?

    /// The `t` of the last event returned: no event goes out with an earlier one.
    public private(set) var lastEmitted = 0.0

    /// Every event leaves through here, in stream order, with `t` raised to the previous event's where it
    /// happened earlier than something already sent (docs/engine.md, "Time order"): the stream's times never
    /// decrease, so a reader can replay it, cut it at a moment or compare two of its events by `t` alone.
    private mutating func emit(_ e: Event) {
        var e = e
        // Lifespans at the time each fact happened, before the stream's order raises it.
        switch e.kind {
        case let .start(pid, ppid, _, _, _): lifespans.born(pid, parent: ppid, at: e.t)
        case let .exit(pid, _, _), let .reaped(pid, _): lifespans.ended(pid, at: e.t)
        default: break
        }
        if e.t < lastEmitted { e.t = lastEmitted } else { lastEmitted = e.t }
        table.apply(e)
        out.append(e)
    }

    private mutating func birth(pid: PID, _ b: Birth, final: Bool, at t: Double) {
        if var p = procs[pid], !(p.exited && p.reaped) {
            guard !p.started, var known = p.birth else { return }  // a second report of an announced process
            // Merge: the child's own report has the kernel parent; the launcher's has the name and logical parent.
            if known.method == .exec || b.method != .exec { known.method = b.method }
            // A child that reported after its parent had exited saw the subreaper as its parent; the launcher
            // knows better (only the main process really is the supervisor's child).
            if known.ppid == supervisor, b.ppid != supervisor { known.ppid = b.ppid }
            known.name = b.name ?? known.name
            known.parent = b.parent ?? known.parent
            known.t = min(known.t, b.t)
            p.birth = known
            procs[pid] = p
            if final { announce(pid) }
            return
        }
        var p = Proc()
        p.birth = b
        p.holdUntil = t + hold
        procs[pid] = p
        if final { announce(pid) } else { waiting.insert(pid) }
    }

    private mutating func announce(_ pid: PID) {
        guard var p = procs[pid], !p.started, let b = p.birth else { return }
        p.started = true
        let held = p.held
        p.held = []
        procs[pid] = p
        let parent = b.parent == b.ppid ? nil : b.parent
        emit(Event(t: b.t, .start(pid: pid, ppid: b.ppid, name: b.name, method: b.method, parent: parent)))
        for e in held { emit(e) }
    }

    /// Makes sure `pid` has its start out before another of its events. Unknown pids are taken only if the kernel
    /// knows them (a forged record about a process that does not exist is dropped).
    private mutating func ensureStarted(_ pid: PID, at t: Double) -> Bool {
        if let p = procs[pid], !(p.exited && p.reaped) {
            if !p.started { announce(pid) }
            return true
        }
        guard let ppid = lookup(pid) else { return false }
        var p = Proc()
        p.birth = Birth(t: t, ppid: ppid, method: .exec, name: nil, parent: nil)
        procs[pid] = p
        announce(pid)
        return true
    }

    private mutating func exit(_ pid: PID, code: Int?, signal: Int?, at t: Double) {
        guard var p = procs[pid], !p.exited else { return }
        p.exited = true
        procs[pid] = p
        if pid == mainPID { mainExit = (code, signal) }
        emit(Event(t: t, .exit(pid: pid, code: signal == nil ? code : nil, signal: signal)))
    }

    private mutating func reap(_ pid: PID, by: PID, at t: Double) {
        guard var p = procs[pid], !p.reaped else { return }
        p.reaped = true
        p.reapedAt = t
        procs[pid] = p
        emit(Event(t: t, .reaped(pid: pid, by: by)))
    }

    /// One line (or piece) of a raw stream: a `raw` event, and a candidate for `pid: null` output while the
    /// tracer has attributed nothing on the stream.
    private mutating func rawLine(_ bytes: ArraySlice<UInt8>, stream: OutputStream, at t: Double,
                                  into r: inout RawStream) {
        if bytes.isEmpty, r.continued { return }  // the newline that ends a line sent in pieces
        let candidate = !attributed[stream]
        guard keepsRaw || candidate else { return }
        let text = Sanitizer.decode(bytes)
        if keepsRaw { emit(Event(t: t, .raw(stream: stream, text: text))) }
        if candidate {
            r.unattributed.append((t, text))
            r.unattributedBytes += text.utf8.count
            if r.unattributedBytes > unattributedLimit { releaseUnattributed(stream, &r, before: -.infinity) }
        }
    }

    /// Sends the waiting raw lines written before `before` as `pid: null` output (all of them while over
    /// `unattributedLimit`).
    private mutating func releaseUnattributed(_ stream: OutputStream, _ r: inout RawStream, before: Double) {
        while r.unattributedStart < r.unattributed.count {
            let l = r.unattributed[r.unattributedStart]
            guard l.t <= before || r.unattributedBytes > unattributedLimit else { break }
            r.unattributedStart += 1
            r.unattributedBytes -= l.text.utf8.count
            emit(Event(t: l.t, .output(pid: nil, stream: stream, text: l.text)))
        }
        if r.unattributedStart == r.unattributed.count {
            r.unattributed.removeAll(keepingCapacity: true)
            r.unattributedStart = 0
        } else if r.unattributedStart > 1024, r.unattributedStart * 2 > r.unattributed.count {
            r.unattributed.removeFirst(r.unattributedStart)
            r.unattributedStart = 0
        }
    }
}

extension TracerRecord {
    /// The process a record is about (the one it would make part of the run), if any.
    var subject: PID? {
        switch self {
        case let .birth(pid, _, _, _, _, _), let .ident(pid, _, _), let .output(pid, _, _), let .reaped(pid, _, _, _),
             let .exitHint(pid, _), let .task(pid, _, _, _, _, _):
            pid
        case let .notice(pid, _):
            pid
        case .retrieved, .errorCallback:
            nil
        }
    }
}
