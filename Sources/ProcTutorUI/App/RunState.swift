import ProcTutorCore

/// One line a process wrote, as the output pane shows it.
public struct OutputLine: Equatable, Sendable {
    public var t: Double
    public var pid: PID?
    public var stream: OutputStream
    public var text: String
}

/// A pool task as the panes show it, folded from `task` and `retrieved` events.
public struct TaskInfo: Equatable, Sendable {
    public var id: Int
    public var pid: PID
    public var function: String
    public var args: String
    public var status: TaskStatus
    public var error: String?
    public var startedAt: Double
    public var endedAt: Double?
    public var retrieved: Bool
}

/// Everything the panes show about one run, folded from its events one at a time.
///
/// `apply` does constant work per event (amortised), and every view the panes draw per frame is kept as an
/// index here, so a frame costs what is visible, never the length of the run. Memory is bounded: only the last
/// `retainedLines` output lines (and raw lines) are kept, and the log keeps every structural event (births,
/// exits, tasks, …) but only the latest `retainedLines` bulk ones (output, raw, state). The process table,
/// the tasks and the counts stay exact past the cap.
public struct RunState: Equatable, Sendable {
    /// How many output lines (and raw lines, and bulk events) a run keeps; older ones are dropped and counted.
    public static let retainedLines = 20_000
    /// Trimming waits until this many more have piled up, so that dropping is amortised constant per line.
    static let trimSlack = retainedLines / 4

    /// The demo that runs: its path and the start method asked for.
    public var path: String
    public var demoName: String
    public var lessonID: String
    public var startMethod: StartMethod?
    /// The run log, in arrival order: every structural event and the latest bulk ones (see `retainedLines`).
    public private(set) var events: [Event] = []
    /// How many events were applied, including those no longer in `events`.
    public private(set) var eventCount = 0
    /// Bulk events (output, raw, state) currently in `events`.
    private var bulkInLog = 0
    public private(set) var table = ProcessTable()
    /// The last `retainedLines` output lines; `droppedLines` earlier ones are gone.
    public private(set) var lines: [OutputLine] = []
    public private(set) var droppedLines = 0
    /// The interleaved stream as a terminal would have shown it, line by line (the last `retainedLines`).
    public private(set) var rawLines: [String] = []
    public private(set) var droppedRawLines = 0
    /// Every output line and raw line applied so far, kept or not: a replay shows that many of the live run's.
    public private(set) var outputLinesSeen = 0
    public private(set) var rawLinesSeen = 0
    /// False for the folds a replay draws from (`RunHistory`): they count lines and keep no text and no log,
    /// since the live run already holds both.
    public private(set) var keepsText = true
    /// A process died of `EOFError` reading stdin, which the tutorial does not connect (the keyboard is its own).
    public private(set) var readStdinAtEOF = false
    /// False for a replay's live view: the recording is the log, and nothing on screen reads `events`.
    public var keepsLog = true
    /// Output lines per PID, exact past the cap.
    public private(set) var lineCounts: [PID: Int] = [:]
    public private(set) var tasks: [TaskInfo] = []
    private var taskIndex: [Int: Int] = [:]
    /// Indices into `tasks`, per worker pid (what the timeline draws in a lane).
    private(set) var taskIndicesByPID: [PID: [Int]] = [:]
    /// Indices into `tasks` of failed tasks whose result nobody fetched.
    private var unretrievedFailureIndices: Set<Int> = []
    public private(set) var summary: Summary?
    public private(set) var stopped: (reason: StopReason, detail: String)?
    public private(set) var notices: [String] = []
    private var lastEventTime: Double = 0
    /// The time shown on screen, in seconds since the run started (held while paused).
    public var now: Double = 0
    public var paused = false
    /// The event stream has ended.
    public var ended = false

    public init(path: String, demoName: String, lessonID: String, startMethod: StartMethod?) {
        self.path = path
        self.demoName = demoName
        self.lessonID = lessonID
        self.startMethod = startMethod
    }

    public var isRunning: Bool { !ended }

    /// The latest moment known: the clock or the last event, whichever is later.
    public var clock: Double { max(now, lastEventTime) }

    public static func == (a: RunState, b: RunState) -> Bool {
        a.path == b.path && a.eventCount == b.eventCount && a.now == b.now && a.paused == b.paused
            && a.ended == b.ended && a.events == b.events
    }

    /// This fold without its text and log, counting lines from here on instead of keeping them.
    public func structural() -> RunState {
        var s = self
        s.keepsText = false
        s.events = []
        s.bulkInLog = 0
        s.lines = []
        s.rawLines = []
        return s
    }

    /// Folds one event into every view of the run.
    public mutating func apply(_ e: Event) {
        eventCount += 1
        lastEventTime = e.t
        if keepsText && keepsLog { events.append(e) }
        table.apply(e)
        switch e.kind {
        case let .output(pid, stream, text):
            outputLinesSeen += 1
            if stream == .stderr && text.hasPrefix("EOFError") { readStdinAtEOF = true }
            guard keepsText else {
                if let pid { lineCounts[pid, default: 0] += 1 }
                break
            }
            lines.append(OutputLine(t: e.t, pid: pid, stream: stream, text: screenSafe(text)))
            if let pid { lineCounts[pid, default: 0] += 1 }
            if lines.count > Self.retainedLines + Self.trimSlack {
                let k = lines.count - Self.retainedLines
                lines.removeFirst(k)
                droppedLines += k
            }
            if keepsLog { noteBulk() }
        case let .raw(_, text):
            guard keepsText else {
                rawLinesSeen += text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                break
            }
            appendRaw(text)
            if keepsLog { noteBulk() }
        case .state:
            if keepsText && keepsLog { noteBulk() }
        case let .task(pid, id, status, function, args, error):
            if let i = taskIndex[id] {
                let old = tasks[i].pid
                tasks[i].status = status
                tasks[i].pid = pid
                if status != .started { tasks[i].endedAt = e.t }
                if let error { tasks[i].error = error }
                if old != pid {
                    taskIndicesByPID[old]?.removeAll { $0 == i }
                    taskIndicesByPID[pid, default: []].append(i)
                    taskIndicesByPID[pid]!.sort()  // lanes draw tasks in creation order
                }
                noteFailure(i)
            } else {
                taskIndex[id] = tasks.count
                taskIndicesByPID[pid, default: []].append(tasks.count)
                tasks.append(TaskInfo(id: id, pid: pid, function: function, args: args, status: status, error: error,
                                      startedAt: e.t, endedAt: status == .started ? nil : e.t, retrieved: false))
                noteFailure(tasks.count - 1)
            }
        case let .retrieved(id):
            if let i = taskIndex[id] {
                tasks[i].retrieved = true
                noteFailure(i)
            }
        case let .stopped(reason, detail):
            stopped = (reason, detail)
        case let .notice(text):
            notices.append(screenSafe(text))
        case let .summary(s):
            summary = s
        default:
            break
        }
    }

    private mutating func noteFailure(_ i: Int) {
        if tasks[i].status == .failed && !tasks[i].retrieved { unretrievedFailureIndices.insert(i) }
        else { unretrievedFailureIndices.remove(i) }
    }

    /// Counts a bulk event into the log; past the cap, drops the oldest bulk events in one amortised pass
    /// (structural events stay: the quiz's observations and the table need them, and there are few).
    private mutating func noteBulk() {
        bulkInLog += 1
        guard bulkInLog > Self.retainedLines + Self.trimSlack else { return }
        var toDrop = bulkInLog - Self.retainedLines
        bulkInLog -= toDrop
        events.removeAll { e in
            guard toDrop > 0 else { return false }
            switch e.kind {
            case .output, .raw, .state:
                toDrop -= 1
                return true
            default:
                return false
            }
        }
    }

    /// A `raw` event is one line of the shared stream as the terminal showed it (the engine splits the stream
    /// at newlines; a line holding two processes' writes is the lesson).
    private mutating func appendRaw(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            rawLines.append(screenSafe(String(line)))
            rawLinesSeen += 1
        }
        if rawLines.count > Self.retainedLines + Self.trimSlack {
            let k = rawLines.count - Self.retainedLines
            rawLines.removeFirst(k)
            droppedRawLines += k
        }
    }

    /// How many failed tasks nobody fetched (constant time: the status line shows it every frame).
    public var unretrievedFailureCount: Int { unretrievedFailureIndices.count }

    /// Failed tasks whose result nobody fetched (so far, or ever once the run ended).
    public var unretrievedFailures: [TaskInfo] {
        unretrievedFailureIndices.sorted().map { tasks[$0] }
    }

    /// The tasks that ran in `pid`'s lane, in creation order.
    public func tasks(of pid: PID) -> [TaskInfo] {
        (taskIndicesByPID[pid] ?? []).map { tasks[$0] }
    }

    /// The display order of the process table: depth-first by `treeParent`, siblings in birth order.
    /// Returns (record index, depth).
    public var tree: [(index: Int, depth: Int)] {
        let recs = table.records
        var children: [PID: [Int]] = [:]
        var roots: [Int] = []
        // A record's parent is the latest record of that pid born before it.
        var holder: [PID: Int] = [:]
        var parentOf: [Int: Int] = [:]
        for (i, r) in recs.enumerated() {
            if let p = holder[r.treeParent], p != i { parentOf[i] = p; children[recs[p].pid, default: []].append(i) }
            else { roots.append(i) }
            holder[r.pid] = i
        }
        var out: [(Int, Int)] = []
        var visited = Set<Int>()
        func visit(_ i: Int, _ depth: Int) {
            guard visited.insert(i).inserted else { return }
            out.append((i, depth))
            for c in children[recs[i].pid] ?? [] where parentOf[c] == i { visit(c, depth + 1) }
        }
        for r in roots { visit(r, 0) }
        return out
    }
}
