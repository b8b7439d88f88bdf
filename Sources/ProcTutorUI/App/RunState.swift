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
/// `apply` does constant work per event (amortised), so a long run never re-folds its whole log:
/// the process table is folded incrementally with `ProcessTable.apply`, output lines are appended.
public struct RunState: Equatable, Sendable {
    /// The demo that runs: its path and the start method asked for.
    public var path: String
    public var demoName: String
    public var lessonID: String
    public var startMethod: StartMethod?
    /// The run log, in arrival order.
    public private(set) var events: [Event] = []
    public private(set) var table = ProcessTable()
    public private(set) var lines: [OutputLine] = []
    /// The interleaved stream as a terminal would have shown it, line by line.
    public private(set) var rawLines: [String] = []
    public private(set) var tasks: [TaskInfo] = []
    private var taskIndex: [Int: Int] = [:]
    public private(set) var summary: Summary?
    public private(set) var stopped: (reason: StopReason, detail: String)?
    public private(set) var notices: [String] = []
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
    public var clock: Double { max(now, events.last?.t ?? 0) }

    public static func == (a: RunState, b: RunState) -> Bool {
        a.path == b.path && a.events == b.events && a.now == b.now && a.paused == b.paused && a.ended == b.ended
    }

    /// Folds one event into every view of the run.
    public mutating func apply(_ e: Event) {
        events.append(e)
        table.apply(e)
        switch e.kind {
        case let .output(pid, stream, text):
            lines.append(OutputLine(t: e.t, pid: pid, stream: stream, text: screenSafe(text)))
        case let .raw(_, text):
            appendRaw(text)
        case let .task(pid, id, status, function, args, error):
            if let i = taskIndex[id] {
                tasks[i].status = status
                tasks[i].pid = pid
                if status != .started { tasks[i].endedAt = e.t }
                if let error { tasks[i].error = error }
            } else {
                taskIndex[id] = tasks.count
                tasks.append(TaskInfo(id: id, pid: pid, function: function, args: args, status: status, error: error,
                                      startedAt: e.t, endedAt: status == .started ? nil : e.t, retrieved: false))
            }
        case let .retrieved(id):
            if let i = taskIndex[id] { tasks[i].retrieved = true }
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

    /// A `raw` event is one line of the shared stream as the terminal showed it (the engine splits the stream
    /// at newlines; a line holding two processes' writes is the lesson).
    private mutating func appendRaw(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            rawLines.append(screenSafe(String(line)))
        }
    }

    /// Failed tasks whose result nobody fetched (so far, or ever once the run ended).
    public var unretrievedFailures: [TaskInfo] {
        tasks.filter { $0.status == .failed && !$0.retrieved }
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
