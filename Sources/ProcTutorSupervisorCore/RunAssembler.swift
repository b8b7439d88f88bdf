import ProcTutorCore

/// Turns the supervisor's raw observations — tracer records, kernel facts and the bytes of the shared output
/// pipes — into the public event stream: one `start` per process (before any of its other events), exactly one
/// `exit` and at most one `reaped` per process, task events with their function, and a closing `summary`.
///
/// Three parts: the process lifecycle (here: births merged from several reports, starts held for a name, ends
/// held for a status), the line assembly of the pipes (`LineAssembler`) and the ledger of Pool tasks
/// (`TaskLedger`). Every event leaves through `emit`, which keeps the stream's times in order.
///
/// Pure: the supervisor feeds it and writes out what it returns; tests feed it values.
public struct RunAssembler {
    /// How long a start waits for the process's name, and an exit for its status, before going out without.
    public var hold: Double = 1.0
    /// Longest raw line piece, in bytes (see `LineAssembler`).
    public var rawPiece: Int {
        get { lines.rawPiece }
        set { lines.rawPiece = newValue }
    }
    /// Bytes of raw lines that may wait for the tracer to claim their stream (see `LineAssembler`).
    public var unattributedLimit: Int {
        get { lines.unattributedLimit }
        set { lines.unattributedLimit = newValue }
    }
    /// Whether `raw` events are produced at all (`proctutor run` without `--raw` prints none).
    public var keepsRaw: Bool {
        get { lines.keepsRaw }
        set { lines.keepsRaw = newValue }
    }
    /// A raw line without a newline goes out after this long.
    public var partialDelay: Double {
        get { lines.partialDelay }
        set { lines.partialDelay = newValue }
    }
    /// Raw lines wait this long for the tracer to attribute the stream before going out with `pid: null`.
    public var unattributedDelay: Double {
        get { lines.unattributedDelay }
        set { lines.unattributedDelay = newValue }
    }

    /// The processes so far, folded from exactly the events returned.
    public private(set) var table = ProcessTable()
    /// Births and ends at their own times (not raised to the stream's order): the summary's `max_alive`.
    private var lifespans = Lifespans()
    /// Invalid lines seen in the event channel.
    public private(set) var garbageLines = 0
    /// The `t` of the last event returned: no event goes out with an earlier one.
    public private(set) var lastEmitted = 0.0

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
    private var lines = LineAssembler()
    private var tasks = TaskLedger()
    private var mainPID: PID?
    private var mainStatus: (code: Int?, signal: Int?)?
    private var mainExit: (code: Int?, signal: Int?)?
    private var stopReason: StopReason?
    private var lastT = 0.0
    private var garbageNoticed = false
    private var forgeryNoticed = false

    /// One process's lifecycle: born (reported, maybe held for its name), started (its `start` is out),
    /// exited, reaped. A pid whose holder is `gone` may be taken by a new process.
    private struct Proc {
        var birth: Birth
        var started = false
        var holdUntil = 0.0
        var exited = false
        var reaped = false
        var reapedAt = 0.0
        var zombie = false
        /// The exit code the tracer saw the process ask for (`sys.exit`, `os._exit`), for an end nobody waited.
        var hint: Int?
        /// When the kernel said it ended while its status was unknown (someone else reaped it).
        var goneAt: Double?
        var state: ProcState = .running
        /// A new scheduler state seen once: it must be seen twice in a row to count.
        var candidate: ProcState?
        /// Events of the process that arrived before its start went out.
        var held: [Event] = []

        init(_ birth: Birth, holdUntil: Double = 0) {
            self.birth = birth
            self.holdUntil = holdUntil
        }

        /// Exited and reaped: nothing more can happen to it, and its pid may be reused.
        var isGone: Bool { exited && reaped }
    }

    private struct Birth {
        var t: Double
        var ppid: PID
        var method: StartMethod
        var name: String?
        var parent: PID?
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
        procs[pid].map { !$0.isGone } ?? false
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
            guard var p = procs[pid], !p.started else { return }
            p.birth.name = name ?? p.birth.name
            p.birth.parent = parent ?? p.birth.parent
            procs[pid] = p
            announce(pid)
        case let .output(pid, stream, text):
            lines.claim(stream)
            guard ensureStarted(pid, at: t) else { return }
            emit(Event(t: t, .output(pid: pid, stream: stream, text: text)))
        case let .reaped(pid, by, code, signal):
            if let p = procs[pid], p.reaped, t - p.reapedAt < 1 {
                return  // the kernel reaps a process once: a repeat within a second is not a reused pid
            }
            // A child nobody announced (e.g. a program started by subprocess): its reaper is its parent.
            if isKnown(pid) { announce(pid) } else { adopt(pid, ppid: by, at: t) }
            exit(pid, code: code, signal: signal, at: t)
            reap(pid, by: by, at: t)
        case let .exitHint(pid, code):
            procs[pid]?.hint = code
        case let .task(pid, job, status, function, args, error):
            guard ensureStarted(pid, at: t) else { return }
            let (label, retrievedNow) = tasks.task(pid: pid, job: job, status: status, function: function, args: args)
            emit(Event(t: t, .task(pid: pid, id: job, status: status, function: label.function, args: label.args,
                                   error: error)))
            if retrievedNow { emit(Event(t: t, .retrieved(id: job))) }  // delivered to its error_callback
        case let .retrieved(job):
            if tasks.retrieve(job) { emit(Event(t: t, .retrieved(id: job))) }
        case let .errorCallback(job):
            if tasks.errorCallback(job) { emit(Event(t: t, .retrieved(id: job))) }
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
            create(pid, Proc(Birth(t: t, ppid: ppid, method: .main, name: "MainProcess", parent: nil)))
            announce(pid)
        case let .discovered(pid, ppid, command, python):
            if var p = procs[pid], !p.isGone {
                if !p.started, p.birth.method == .exec, !python {
                    p.birth.name = command
                    procs[pid] = p
                }
                return
            }
            let birth = Birth(t: t, ppid: ppid, method: .exec, name: python ? nil : command, parent: nil)
            create(pid, Proc(birth, holdUntil: t + (python ? hold : 0.2)))
            waiting.insert(pid)
        case let .state(pid, state):
            guard var p = procs[pid], p.started, !p.exited, state != .zombie else { return }
            defer { procs[pid] = p }
            if state == p.state { p.candidate = nil; return }
            // A new state must be seen twice in a row: a busy worker flips between running and sleeping.
            guard p.candidate == state else { p.candidate = state; return }
            p.state = state
            p.candidate = nil
            emit(Event(t: t, .state(pid: pid, state: state)))
        case let .ended(pid, code, signal, zombie):
            guard let p = procs[pid], !p.reaped else { return }
            if zombie {
                guard ensureStarted(pid, at: t) else { return }
                exit(pid, code: code, signal: signal, at: t)
                if procs[pid]?.zombie == false {
                    procs[pid]?.zombie = true
                    emit(Event(t: t, .state(pid: pid, state: .zombie)))
                }
            } else if !p.exited, p.goneAt == nil {
                procs[pid]?.goneAt = t
                waiting.insert(pid)
            }
        case let .waited(pid, code, signal):
            if pid == mainPID { mainStatus = (code, signal) }
            if isKnown(pid) { announce(pid) } else { adopt(pid, ppid: supervisor, at: t) }
            exit(pid, code: code, signal: signal, at: t)
            reap(pid, by: supervisor, at: t)
        }
    }

    /// Bytes read from the program's shared stdout or stderr pipe. Every line goes out (a line longer than
    /// `rawPiece` in pieces); nothing is kept once it has gone out.
    public mutating func rawBytes(_ bytes: ArraySlice<UInt8>, stream: OutputStream, at t: Double) {
        lastT = max(lastT, t)
        lines.bytes(bytes, stream: stream, at: t)
        emitLines()
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
            if !p.started, t >= p.holdUntil {
                if p.birth.method == .exec, p.birth.name == nil, lookup(pid) != nil, t < p.holdUntil + hold {
                    continue  // a Python process that has not announced itself yet: give it a little longer
                }
                announce(pid)
            }
            if let gone = p.goneAt, !p.exited, t >= gone + hold / 2 {
                exit(pid, code: p.hint, signal: nil, at: gone)
            }
        }
        lines.tick(at: t)
        emitLines()
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
        let pids = procs.keys.sorted()
        for pid in pids where procs[pid]?.started == false { announce(pid) }
        lines.finish(at: t)
        emitLines()
        for pid in pids {
            guard let p = procs[pid], p.started, !p.exited else { continue }
            exit(pid, code: p.hint, signal: nil, at: p.goneAt ?? t)
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
        emit(Event(t: t, .summary(Summary(exitCode: code, processes: table.distinctPIDs, maxAlive: lifespans.maxAlive,
                                          duration: t, unretrievedFailures: tasks.unretrievedFailures))))
        return code
    }

    // MARK: - Internals

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

    /// What the line assembler made, into the stream.
    private mutating func emitLines() {
        guard !lines.out.isEmpty else { return }
        for e in lines.out { emit(e) }
        lines.out.removeAll(keepingCapacity: true)
    }

    /// A new holder of `pid` (the first, or one after the old holder is gone).
    private mutating func create(_ pid: PID, _ p: Proc) {
        procs[pid] = p
        tasks.forget(pid)
    }

    /// A process the run learns of only from its end or its records: announced at once, as started by exec
    /// under `ppid`.
    private mutating func adopt(_ pid: PID, ppid: PID, at t: Double) {
        create(pid, Proc(Birth(t: t, ppid: ppid, method: .exec, name: nil, parent: nil)))
        announce(pid)
    }

    private mutating func birth(pid: PID, _ b: Birth, final: Bool, at t: Double) {
        guard var p = procs[pid], !p.isGone else {
            create(pid, Proc(b, holdUntil: t + hold))
            if final { announce(pid) } else { waiting.insert(pid) }
            return
        }
        guard !p.started else { return }  // a second report of an announced process
        // Merge: the child's own report has the kernel parent; the launcher's has the name and logical parent.
        if p.birth.method == .exec || b.method != .exec { p.birth.method = b.method }
        // A child that reported after its parent had exited saw the subreaper as its parent; the launcher
        // knows better (only the main process really is the supervisor's child).
        if p.birth.ppid == supervisor, b.ppid != supervisor { p.birth.ppid = b.ppid }
        p.birth.name = b.name ?? p.birth.name
        p.birth.parent = b.parent ?? p.birth.parent
        p.birth.t = min(p.birth.t, b.t)
        procs[pid] = p
        if final { announce(pid) }
    }

    private mutating func announce(_ pid: PID) {
        guard var p = procs[pid], !p.started else { return }
        p.started = true
        let held = p.held
        p.held = []
        procs[pid] = p
        let b = p.birth
        let parent = b.parent == b.ppid ? nil : b.parent
        emit(Event(t: b.t, .start(pid: pid, ppid: b.ppid, name: b.name, method: b.method, parent: parent)))
        for e in held { emit(e) }
    }

    /// Makes sure `pid` has its start out before another of its events. Unknown pids are taken only if the kernel
    /// knows them (a forged record about a process that does not exist is dropped).
    private mutating func ensureStarted(_ pid: PID, at t: Double) -> Bool {
        if isKnown(pid) {
            announce(pid)
            return true
        }
        guard let ppid = lookup(pid) else { return false }
        adopt(pid, ppid: ppid, at: t)
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
