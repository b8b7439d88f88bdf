import ProcTutorCore

/// A run's whole event log, so that the panes can show any moment of it: the fold after the first `n` events
/// (`state(after:)`) is a checkpoint plus at most `checkpointEvery` events, never a refold from the start.
///
/// Only structure is kept here: output and raw events lose their text (the live `RunState` holds the lines a
/// replay shows, by count), so the history costs a few dozen bytes an event. Past `maxEvents` the history stops
/// growing and says so (`isTruncated`); the live panes are unaffected.
public struct RunHistory: Sendable {
    public static let checkpointEvery = 1024
    public static let maxEvents = 500_000

    /// Every event in time order; output and raw texts emptied (a raw text keeps only its newlines).
    public private(set) var events: [Event] = []
    /// `checkpoints[k]` is the structural fold of `events[0 ..< k * checkpointEvery]`.
    private var checkpoints: [RunState]
    /// The structural fold of all of `events`.
    private var head: RunState
    public private(set) var isTruncated = false
    /// Indices of the events a step stops at, ascending.
    private var steps: [Int] = []

    /// A history for the run that `template` (a fresh `RunState`) starts.
    public init(_ template: RunState) {
        head = template.structural()
        checkpoints = [head]
    }

    public var count: Int { events.count }
    public var isEmpty: Bool { events.isEmpty }
    /// The time of the last event, pending ones included (0 before any).
    public var lastTime: Double { max(events.last?.t ?? 0, newest) }

    /// Events younger than this (behind the newest seen) wait in `pending` before they join the history:
    /// events arrive almost in time order but not quite — a line is stamped when it was written yet can reach
    /// the supervisor after its writer's exit, or after raw bytes read later — and sorting them in a small
    /// window keeps every append at the end (no refold), which a 10,000-lines-a-second flood needs.
    public static let reorderWindow = 0.2
    /// This history's window: `reorderWindow` for a live run, 0 for a finished recording (whose `t` the
    /// supervisor already made non-decreasing), which then never waits in `pending`.
    public var window = RunHistory.reorderWindow

    /// Events not yet in `events`, in time order (stable). A line is never sorted past another line, so the
    /// output lines keep their arrival order: the live run's n-th line is the history's n-th output event.
    private var pending: [Event] = []
    private var pendingStart = 0
    private var newest = -Double.infinity

    /// Adds an event. It joins `events` once it is older than the window (or at `flush`); returns how many
    /// events joined (in time order, at the end — unless one is later than the window allows and belongs
    /// before a birth, death or task: then it is put back, the checkpoints rebuilt from there: rare).
    @discardableResult
    public mutating func append(_ e: Event) -> Int {
        guard events.count + pending.count - pendingStart < Self.maxEvents else { isTruncated = true; return 0 }
        var kept: Event
        switch e.kind {
        case let .output(pid, stream, _): kept = Event(t: e.t, .output(pid: pid, stream: stream, text: ""))
        case let .raw(stream, text):
            let newlines = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            kept = Event(t: e.t, .raw(stream: stream, text: String(repeating: "\n", count: newlines)))
        default: kept = e
        }
        var at = pending.count
        while at > pendingStart && pending[at - 1].t > kept.t {
            if !Self.isLifecycle(pending[at - 1]) || Self.isRaw(kept) {
                kept.t = pending[at - 1].t
                break
            }
            at -= 1
        }
        pending.insert(kept, at: at)
        newest = max(newest, kept.t)
        return commit(upTo: newest - window)
    }

    /// Every pending event joins the history (the run ended, or the view stops at this moment).
    @discardableResult
    public mutating func flush() -> Int { commit(upTo: .infinity) }

    /// Events still waiting in the reorder window.
    public var pendingCount: Int { pending.count - pendingStart }

    /// Returns how many events joined.
    private mutating func commit(upTo limit: Double) -> Int {
        var placed = 0
        while pendingStart < pending.count && pending[pendingStart].t <= limit {
            insert(pending[pendingStart])
            pendingStart += 1
            placed += 1
        }
        if pendingStart > 1024 && pendingStart * 2 > pending.count {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        return placed
    }

    /// Puts one event into `events` in time order; returns its index.
    @discardableResult
    private mutating func insert(_ event: Event) -> Int {
        var kept = event
        var at = events.count
        while at > 0 && events[at - 1].t > kept.t {
            // Only a birth, a death, a reaping or a task is worth putting a late event back before (a line
            // before its writer's exit). Past raw bytes (stamped when read), other lines and sampled scheduler
            // states, a late event is shown when it arrived: re-sorting a flood would refold every line. Nor is
            // a raw chunk ever sorted back: it stays where the terminal would have shown it.
            if !Self.isLifecycle(events[at - 1]) || Self.isRaw(kept) {
                kept.t = events[at - 1].t
                break
            }
            at -= 1
        }
        if at == events.count {
            if case .raw = kept.kind {} else { steps.append(events.count) }
            events.append(kept)
            head.apply(kept)
            if events.count % Self.checkpointEvery == 0 { checkpoints.append(head) }
        } else {
            events.insert(kept, at: at)
            refold(from: at)
        }
        return at
    }

    /// Births, deaths, reapings, tasks, stops: the events a late line is sorted back before.
    static func isLifecycle(_ e: Event) -> Bool {
        switch e.kind {
        case .raw, .output, .state: false
        default: true
        }
    }

    static func isRaw(_ e: Event) -> Bool {
        if case .raw = e.kind { return true }
        return false
    }

    /// Rebuilds the checkpoints, the head and the steps from event `at` on (after an insertion there).
    private mutating func refold(from at: Int) {
        let k = at / Self.checkpointEvery
        checkpoints.removeSubrange((k + 1)...)
        steps.removeSubrange(steps(before: k * Self.checkpointEvery)...)
        var s = checkpoints[k]
        for i in (k * Self.checkpointEvery) ..< events.count {
            if isStep(i) { steps.append(i) }
            s.apply(events[i])
            if (i + 1) % Self.checkpointEvery == 0 { checkpoints.append(s) }
        }
        head = s
    }

    /// The panes' fold after the first `n` events (clamped to `0...count`).
    public func state(after n: Int) -> RunState {
        let n = min(max(0, n), events.count)
        if n == events.count { return head }
        let k = n / Self.checkpointEvery
        var s = checkpoints[k]
        for e in events[(k * Self.checkpointEvery) ..< n] { s.apply(e) }
        return s
    }

    /// How many events happened at or before `t` (the history is in time order).
    public func count(atOrBefore t: Double) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].t <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether stepping stops at event `i`: every event but the raw stream, which repeats the output lines.
    public func isStep(_ i: Int) -> Bool {
        if case .raw = events[i].kind { return false }
        return true
    }

    /// How many step events there are, and how many of them are among the first `n` events.
    public var stepCount: Int { steps.count }
    public func steps(before n: Int) -> Int {
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid] < n { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The index just past the next step after the first `n` events (nil at the end).
    public func nextStep(after n: Int) -> Int? {
        let k = steps(before: max(0, n))
        return k < steps.count ? steps[k] + 1 : nil
    }

    /// The index just past the last step (0 when there is none).
    public var lastStepEnd: Int { steps.last.map { $0 + 1 } ?? 0 }

    /// The index just past the step before the one that ends at `n` (0 when there is none).
    public func previousStep(before n: Int) -> Int {
        let k = steps(before: min(n, events.count) - 1)
        return k > 0 ? steps[k - 1] + 1 : 0
    }
}
