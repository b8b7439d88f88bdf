/// What is known about one process of a run, folded from the run log.
public struct ProcessRecord: Equatable, Sendable {
    public var pid: PID
    /// Kernel parent at birth.
    public var ppid: PID
    /// Logical multiprocessing parent where it differs from `ppid` (forkserver), else nil.
    public var parent: PID?
    public var name: String?
    public var method: StartMethod
    public var startedAt: Double
    /// Last scheduler state seen while alive.
    public var state: ProcState
    public var exitedAt: Double?
    public var exitCode: Int?
    public var exitSignal: Int?
    public var reapedAt: Double?
    public var reapedBy: PID?
    /// Position in the order of births (0 = first process seen).
    public var order: Int

    /// Alive means not yet exited (a zombie has exited: it is dead but not yet waited for).
    public var isAlive: Bool { exitedAt == nil }
    /// Exited but nobody has waited for it yet.
    public var isZombie: Bool { exitedAt != nil && reapedAt == nil }
    /// The parent to draw the tree by: the logical one where known.
    public var treeParent: PID { parent ?? ppid }
}

/// The processes of a run: a pure fold over its events.
public struct ProcessTable: Equatable, Sendable {
    /// Records in birth order. A pid reused after its first owner was reaped gets a second record.
    public private(set) var records: [ProcessRecord] = []
    /// Index into `records` of the current holder of each pid.
    private var current: [PID: Int] = [:]
    public private(set) var aliveCount = 0
    /// Births and ends at the events' times, for `maxAlive`.
    public private(set) var lifespans = Lifespans()
    /// The most processes alive at once, from the births and ends at the events' times (`Lifespans`). The
    /// engine's summary counts on the times the facts happened, before any was raised for the stream's order.
    public var maxAlive: Int { lifespans.maxAlive }

    public init() {}

    public init<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { apply(e) }
    }

    /// The current record of `pid`, if it was seen.
    public subscript(pid: PID) -> ProcessRecord? {
        current[pid].map { records[$0] }
    }

    public var distinctPIDs: Int { Set(records.map(\.pid)).count }

    public mutating func apply(_ event: Event) {
        switch event.kind {
        case let .start(pid, ppid, name, method, parent):
            if let i = current[pid], records[i].isAlive {
                // Duplicate report of a live process: keep the first, fill in what it lacked.
                if records[i].name == nil { records[i].name = name }
                return
            }
            let rec = ProcessRecord(pid: pid, ppid: ppid, parent: parent, name: name, method: method,
                                    startedAt: event.t, state: .running, order: records.count)
            current[pid] = records.count
            records.append(rec)
            aliveCount += 1
            lifespans.born(pid, parent: ppid, at: event.t)
        case let .state(pid, state):
            guard let i = current[pid] else { return }
            if state == .zombie {
                records[i].state = .zombie
            } else if records[i].isAlive {
                records[i].state = state
            }
        case let .exit(pid, code, signal):
            guard let i = current[pid], records[i].isAlive else { return }
            records[i].exitedAt = event.t
            records[i].exitCode = code
            records[i].exitSignal = signal
            aliveCount -= 1
            lifespans.ended(pid, at: event.t)
        case let .reaped(pid, by):
            guard let i = current[pid], records[i].reapedAt == nil else { return }
            if records[i].isAlive {
                records[i].exitedAt = event.t
                aliveCount -= 1
                lifespans.ended(pid, at: event.t)
            }
            records[i].reapedAt = event.t
            records[i].reapedBy = by
        default:
            break
        }
    }
}
