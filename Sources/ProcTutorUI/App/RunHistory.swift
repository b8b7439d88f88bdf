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

    /// Every event in arrival order; output and raw texts emptied (a raw text keeps only its newlines).
    public private(set) var events: [Event] = []
    /// `checkpoints[k]` is the structural fold of `events[0 ..< k * checkpointEvery]`.
    private var checkpoints: [RunState]
    /// The structural fold of all of `events`.
    private var head: RunState
    public private(set) var isTruncated = false
    /// Indices of the events a step stops at, ascending.
    private var steps: [Int] = []
    /// The output lines in time order, as their arrival numbers (the live run keeps them in arrival order).
    public private(set) var outputOrder: [Int] = []
    private var outputArrivals = 0

    /// A history for the run that `template` (a fresh `RunState`) starts.
    public init(_ template: RunState) {
        head = template.structural()
        checkpoints = [head]
    }

    public var count: Int { events.count }
    public var isEmpty: Bool { events.isEmpty }
    /// The time of the last event (0 before any).
    public var lastTime: Double { events.last?.t ?? 0 }

    /// Adds an event in time order and returns where it went. Events arrive almost in order: a line is stamped
    /// when it was written but can reach the supervisor after the writer's exit, and a replay must show the
    /// line before the death, so a late event is put back where its time says (an amortised short walk back).
    @discardableResult
    public mutating func append(_ e: Event) -> Int {
        guard events.count < Self.maxEvents else { isTruncated = true; return events.count }
        let kept: Event
        switch e.kind {
        case let .output(pid, stream, _): kept = Event(t: e.t, .output(pid: pid, stream: stream, text: ""))
        case let .raw(stream, text):
            let newlines = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            kept = Event(t: e.t, .raw(stream: stream, text: String(repeating: "\n", count: newlines)))
        default: kept = e
        }
        var at = events.count
        var outputsAfter = 0
        while at > 0 && events[at - 1].t > kept.t {
            at -= 1
            if case .output = events[at].kind { outputsAfter += 1 }
        }
        if case .output = kept.kind {
            outputOrder.insert(outputArrivals, at: outputOrder.count - outputsAfter)
            outputArrivals += 1
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
