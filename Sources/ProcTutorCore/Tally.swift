/// What repeated runs of one program (`proctutor run --repeat N`) had in common and where they differed: the
/// order in which the processes wrote their first line, exit codes, process counts and durations.
///
/// Processes are compared by *role*, since their pids change from run to run: the multiprocessing name where a
/// process has one that no other process of the run has (`MainProcess`, `Process-1`, `ForkPoolWorker-2`), else
/// its position in the tree — `main`, `main.1`, `main.1.2` — numbered by birth order among its siblings
/// (parents as multiprocessing sees them: a forkserver child is its requester's).
///
/// ```swift
/// var tally = Tally()
/// for run in runs { tally.add(run.events) }
/// tally.orderings.first?.roles   // ["MainProcess", "main.1"]
/// ```
public struct Tally: Equatable, Sendable {
    /// One order of first output lines and how many runs had it.
    public struct Ordering: Equatable, Sendable {
        public var roles: [String]
        public var count: Int
    }

    public struct ExitCount: Equatable, Sendable {
        public var code: Int
        public var count: Int
    }

    /// The smallest, middle (the mean of the two middle values for an even count) and largest of a measure.
    public struct Spread: Equatable, Sendable {
        public var min: Double
        public var median: Double
        public var max: Double

        public init(min: Double, median: Double, max: Double) {
            self.min = min
            self.median = median
            self.max = max
        }

        public init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let s = values.sorted()
            let mid = s.count / 2
            self.init(min: s[0], median: s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s[s.count - 1])
        }
    }

    /// How many runs were added.
    public private(set) var runs = 0
    /// Distinct orders, the most frequent first (ties: the one seen first).
    public private(set) var orderings: [Ordering] = []
    /// Exit codes, the most frequent first (ties: the smaller code).
    public var exitCodes: [ExitCount] {
        codeCounts.map { ExitCount(code: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }
    public var processes: Spread? { Spread(processCounts) }
    public var maxAlive: Spread? { Spread(aliveCounts) }
    public var duration: Spread? { Spread(durations) }

    private var codeCounts: [Int: Int] = [:]
    private var processCounts: [Double] = []
    private var aliveCounts: [Double] = []
    private var durations: [Double] = []

    public init() {}

    /// Adds one finished run (its events; the summary gives exit code, counts and duration).
    public mutating func add(_ events: [Event]) {
        runs += 1
        let order = Self.firstOutputOrder(of: events)
        if let i = orderings.firstIndex(where: { $0.roles == order }) {
            orderings[i].count += 1
            // Keep the most frequent first; a stable move up past those now counted less.
            var j = i
            while j > 0, orderings[j - 1].count < orderings[j].count {
                orderings.swapAt(j - 1, j)
                j -= 1
            }
        } else {
            orderings.append(Ordering(roles: order, count: 1))
        }
        let summary = events.reversed().lazy.compactMap { e -> Summary? in
            if case let .summary(s) = e.kind { return s } else { return nil }
        }.first
        if let s = summary {
            codeCounts[s.exitCode, default: 0] += 1
            processCounts.append(Double(s.processes))
            aliveCounts.append(Double(s.maxAlive))
            durations.append(s.duration)
        }
    }

    /// The share of runs with this order (0…1).
    public func share(of ordering: Ordering) -> Double {
        runs == 0 ? 0 : Double(ordering.count) / Double(runs)
    }

    /// The roles of the processes in the order of their first output line (stdout or stderr; lines nobody can be
    /// told to have written are left out).
    public static func firstOutputOrder(of events: [Event]) -> [String] {
        let tree = Tree(events)
        return tree.firstWriters.map { tree.role(of: $0) }
    }

    /// Every process of a run with its role, in birth order (for tests and explanations).
    public static func roles(of events: [Event]) -> [(pid: PID, role: String)] {
        let tree = Tree(events)
        return tree.records.indices.map { (tree.records[$0].pid, tree.role(of: $0)) }
    }

    /// A run's processes as born (a reused pid is another process), and who wrote first.
    struct Tree {
        struct Record {
            var pid: PID
            var name: String?
            var isMain: Bool
            var parent: Int?
            var children: [Int] = []
        }

        var records: [Record] = []
        var firstWriters: [Int] = []
        var roles: [String] = []

        init(_ events: [Event]) {
            var current: [PID: Int] = [:]
            var wrote = Set<Int>()
            var ended = Set<Int>()
            var births: [(t: Double, index: Int)] = []
            for e in events {
                switch e.kind {
                case let .start(pid, ppid, name, method, parent):
                    if let i = current[pid], !ended.contains(i) {
                        if records[i].name == nil { records[i].name = name }  // a second report of a live process
                        continue
                    }
                    let i = records.count
                    let parentIndex = current[parent ?? ppid]
                    records.append(Record(pid: pid, name: name, isMain: method == .main, parent: parentIndex))
                    current[pid] = i
                    births.append((e.t, i))
                case let .output(pid?, _, _):
                    if let i = current[pid], !wrote.contains(i) {
                        wrote.insert(i)
                        firstWriters.append(i)
                    }
                case let .exit(pid, _, _):
                    if let i = current[pid] { ended.insert(i) }
                default:
                    break
                }
            }
            // Siblings by birth time (events from different processes may arrive a little out of order).
            let order = births.sorted { $0.t != $1.t ? $0.t < $1.t : $0.index < $1.index }.map(\.index)
            var orphans: [Int] = []
            for i in order {
                if let p = records[i].parent { records[p].children.append(i) } else if !records[i].isMain { orphans.append(i) }
            }
            var names: [String: Int] = [:]
            for r in records { if let n = r.name { names[n, default: 0] += 1 } }
            var position = [String](repeating: "", count: records.count)
            func label(_ i: Int, _ path: String) {
                position[i] = path
                for (k, c) in records[i].children.enumerated() { label(c, path + ".\(k + 1)") }
            }
            for i in order where records[i].isMain && records[i].parent == nil { label(i, "main") }
            for (k, i) in orphans.enumerated() { label(i, "?.\(k + 1)") }
            roles = records.indices.map { i in
                if let n = records[i].name, names[n] == 1 { return n }
                return position[i].isEmpty ? "?" : position[i]
            }
        }

        func role(of i: Int) -> String { roles[i] }
    }

    // MARK: - Output

    /// The `--json` form: one object, `{"t":…,"event":"tally",…}` (fields in the README).
    public func json(t: Double, interrupted: Bool = false) -> String {
        var w = EventJSON.Writer()
        w.raw("{\"t\":")
        w.number(t)
        w.field("event", "tally")
        w.field("runs", runs)
        w.field("interrupted", interrupted)
        w.raw(",\"orderings\":[")
        for (k, o) in orderings.enumerated() {
            w.raw(k == 0 ? "{" : ",{")
            w.raw("\"roles\":[")
            for (j, r) in o.roles.enumerated() {
                if j > 0 { w.raw(",") }
                w.string(r)
            }
            w.raw("]")
            w.field("count", o.count)
            w.raw(",\"share\":")
            w.number(share(of: o))
            w.raw("}")
        }
        w.raw("],\"exit_codes\":[")
        for (k, c) in exitCodes.enumerated() {
            w.raw(k == 0 ? "{" : ",{")
            w.raw("\"code\":\(c.code)")
            w.field("count", c.count)
            w.raw("}")
        }
        w.raw("]")
        func spread(_ name: String, _ s: Spread?, integral: Bool) {
            w.key(name)
            guard let s else { w.raw("null"); return }
            w.raw("{\"min\":")
            if integral { w.raw(String(Int(s.min))) } else { w.number(s.min) }
            w.raw(",\"median\":")
            w.number(s.median)
            w.raw(",\"max\":")
            if integral { w.raw(String(Int(s.max))) } else { w.number(s.max) }
            w.raw("}")
        }
        spread("processes", processes, integral: true)
        spread("max_alive", maxAlive, integral: true)
        spread("duration", duration, integral: false)
        w.raw("}")
        return w.out
    }

    /// The `--plain` form: a few readable, terminal-safe lines.
    public func plainLines(interrupted: Bool = false, lang: Lang = .en) -> [String] {
        let counted = interrupted
            ? Localized(zh: "统计：\(runs) 次运行（被中断：没跑完的那一次不计入）",
                        en: "tally: \(runs) run\(runs == 1 ? "" : "s") (interrupted: the unfinished run is not counted)")
            : Localized(zh: "统计：\(runs) 次运行", en: "tally: \(runs) run\(runs == 1 ? "" : "s")")
        var lines = [counted[lang]]
        lines.append(Localized(zh: "  各进程第一行输出的先后顺序（按角色）：", en: "  order of first output lines, by role:")[lang])
        for o in orderings {
            let roles = o.roles.isEmpty ? Localized(zh: "（没有输出）", en: "(no output)")[lang]
                : o.roles.map { Sanitizer.sanitize($0) }.joined(separator: " → ")
            lines.append("    \(o.count)× (\(Int((share(of: o) * 100).rounded()))%)  \(roles)")
        }
        lines.append(Localized(zh: "  退出码：", en: "  exit codes: ")[lang]
                     + exitCodes.map { "\($0.code) ×\($0.count)" }.joined(separator: ", "))
        func ints(_ s: Spread?) -> String {
            guard let s else { return "-" }
            let median = s.median == s.median.rounded() ? "\(Int(s.median))" : "\(s.median)"
            return "\(Int(s.min)) / \(median) / \(Int(s.max))"
        }
        lines.append(Localized(zh: "  进程数（最少 / 中位 / 最多）：\(ints(processes))；同时存活最多：\(ints(maxAlive))",
                               en: "  processes (min / median / max): \(ints(processes)); at most alive: \(ints(maxAlive))")[lang])
        if let d = duration {
            let range = "\(PlainFormat.seconds(d.min)) / \(PlainFormat.seconds(d.median)) / \(PlainFormat.seconds(d.max))"
            lines.append(Localized(zh: "  时长（最短 / 中位 / 最长）：\(range) 秒", en: "  duration (min / median / max): \(range) s")[lang])
        }
        return lines
    }
}
