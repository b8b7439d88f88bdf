/// When each process of a run was born and ended, on one clock, and the most that were alive at once.
///
/// The count is taken from the times, not from the order in which the events went out: a start can go out after
/// an exit that happened later (a start held for its name, a record read in the next batch), and counting in
/// stream order then misses a process that really coexisted (a double-fork daemon: the middle process exits
/// right after its fork, and the grandchild's own report of its birth comes later than the kernel's word of its
/// parent's end). One rule of the kernel corrects what the clocks cannot: a process is born while its parent is
/// alive, so a birth reported after the parent's end is placed at that end, before it.
public struct Lifespans: Equatable, Sendable {
    public struct Span: Equatable, Sendable {
        public var birth: Double
        public var end: Double?
        /// Index of the kernel parent's span, where the parent is a process of the run.
        public var parent: Int?

        public init(birth: Double, end: Double? = nil, parent: Int? = nil) {
            self.birth = birth
            self.end = end
            self.parent = parent
        }
    }

    public private(set) var spans: [Span] = []
    /// The span of the current holder of each pid (a pid reused after its first owner ended gets a new span).
    private var current: [PID: Int] = [:]

    public init() {}

    public init(_ spans: [Span]) { self.spans = spans }

    /// A process was born at `t` (a second report of a live one is ignored).
    public mutating func born(_ pid: PID, parent ppid: PID, at t: Double) {
        if let i = current[pid], spans[i].end == nil { return }
        let parent = current[ppid]
        current[pid] = spans.count
        spans.append(Span(birth: t, parent: parent))
    }

    /// A process ended (exited, or was reaped before its exit was seen) at `t`.
    public mutating func ended(_ pid: PID, at t: Double) {
        guard let i = current[pid], spans[i].end == nil else { return }
        spans[i].end = t
    }

    /// The most processes alive at the same instant (a process is alive from its birth to its end; a zombie
    /// is not alive). Ties: an end before a birth at the same time, except a birth placed at its parent's end.
    public var maxAlive: Int { Self.maxAlive(spans) }

    public static func maxAlive(_ spans: [Span]) -> Int {
        // (time, order): 0 a birth placed at its parent's end, 1 an end, 2 a birth.
        var points: [(t: Double, order: Int, delta: Int)] = []
        points.reserveCapacity(spans.count * 2)
        for s in spans {
            var birth = s.birth
            var clamped = false
            if let p = s.parent, let parentEnd = spans[p].end, parentEnd <= birth {
                birth = parentEnd
                clamped = true
            }
            points.append((birth, clamped ? 0 : 2, 1))
            if let end = s.end { points.append((max(end, birth), 1, -1)) }
        }
        points.sort { $0.t != $1.t ? $0.t < $1.t : $0.order < $1.order }
        var alive = 0, most = 0
        for p in points {
            alive += p.delta
            most = max(most, alive)
        }
        return most
    }
}
