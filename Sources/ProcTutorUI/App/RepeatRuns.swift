import ProcTutorCore

/// `n`: the demo run N times one after another, tallied as `proctutor run --repeat N` does (the order of the
/// processes' first lines by role, exit codes, counts, durations). Every finished run is kept, so any one of
/// them can be replayed from the tally.
public struct RepeatRuns: Sendable {
    public static let defaultCount = 20

    public var total: Int
    /// The finished runs, in order, each with its own log.
    public private(set) var finished: [RunState] = []
    public private(set) var tally = Tally()
    /// Stopped by the student before `total` runs (the stopped run is not counted).
    public var cancelled = false
    /// The run the tally view has selected (for Enter: replay it).
    public var selected = 0
    /// The demo and start method every run uses.
    public var demo: String
    public var startMethod: StartMethod?

    public init(total: Int = defaultCount, demo: String, startMethod: StartMethod?) {
        self.total = total
        self.demo = demo
        self.startMethod = startMethod
    }

    public var isDone: Bool { cancelled || finished.count >= total }

    mutating func add(_ run: RunState) {
        finished.append(run)
        tally.add(run.events)
    }
}

enum Repeating {
    /// `n`: starts N runs of the chosen demo (not while a demo runs: `s` first).
    static func start(_ s: inout AppState) -> [AppCommand] {
        guard !s.replayOnly, !s.isRunning, s.quiz == nil, let demo = s.demo else { return [] }
        let method = s.effectiveStartMethod
        s.repeatRuns = RepeatRuns(demo: demo.name, startMethod: method)
        s.overlay = .tally
        return Keys.startRun(&s, demo: demo.name, startMethod: method)
    }

    /// A run ended: counted, and the next one started, while the repeat goes on.
    static func runEnded(_ s: inout AppState) -> [AppCommand] {
        guard var r = s.repeatRuns, !r.isDone, let run = s.run else { return [] }
        if run.stopped?.reason == .userStop { r.cancelled = true } else { r.add(run) }
        s.repeatRuns = r
        guard !r.isDone else { return [] }
        return Keys.startRun(&s, demo: r.demo, startMethod: r.startMethod)
    }

    /// `s` during a repeat: the current run stops and is not counted; no more start.
    static func cancel(_ s: inout AppState) -> [AppCommand] {
        guard var r = s.repeatRuns, !r.isDone else { return [] }
        r.cancelled = true
        s.repeatRuns = r
        return s.stopCommands
    }

    /// The tally's actions (any other key closes it: `KeyAction.dismiss`; the repeat goes on behind it).
    static func handleTally(_ s: inout AppState, _ action: KeyAction) -> [AppCommand] {
        guard var r = s.repeatRuns else { s.overlay = nil; return [] }
        switch action {
        case let .tallySelect(step):
            r.selected = min(max(0, r.finished.count - 1), max(0, r.selected + step))
        case .tallyStop:
            return cancel(&s)
        case .tallyReplay:
            // Replay the selected run (only once the repeat is over: a new run would replace it at once).
            guard r.isDone, r.finished.indices.contains(r.selected) else { return [] }
            let run = r.finished[r.selected]
            s.overlay = nil
            s.replaceRun(run)
            TimeControl.rewind(&s)
            if var c = s.cursor {
                c.speed = TimeCursor.autoSpeed(for: s.runEnd)
                c.play()
                s.cursor = c
            }
            return []
        case .tallyAgain:
            guard r.isDone else { return [] }
            s.overlay = nil
            return start(&s)
        default:
            s.overlay = nil
        }
        s.repeatRuns = r
        return []
    }
}
