import ProcTutorCore

/// The process table: one row per process of the run, indented as a tree by logical parent, new rows
/// highlighted for a moment, exited rows kept (plain: the state column says they exited) (htop's tombstones, but they stay: the whole story
/// of the run remains on screen).
public enum ProcessTableView {
    /// How long a new row stays highlighted, in seconds of run time.
    static let newRowSeconds = 1.0

    struct Column {
        var title: Localized
        var width: Int
        var right = false
    }

    static func stateWord(_ state: ProcState, lang: Lang) -> String {
        switch state {
        case .running: S.stRunning[lang]
        case .sleeping: S.stSleeping[lang]
        case .stopped: S.stStopped[lang]
        case .zombie: S.stZombie[lang]
        }
    }

    public static func stateText(_ r: ProcessRecord, run: RunState, lang: Lang) -> String {
        if r.isAlive {
            if run.paused { return S.stStopped[lang] }
            return stateWord(r.state, lang: lang)
        }
        if r.isZombie && !run.ended { return S.stZombie[lang] }
        if let sig = r.exitSignal { return "\(S.stKilled[lang]) \(Format.signal(sig))" }
        if let code = r.exitCode { return "\(S.stExit[lang]) \(code)" }
        return S.stEnded[lang]
    }

    static func rowStyle(_ r: ProcessRecord, run: RunState) -> Style {
        if r.isZombie && !run.ended { return Theme.zombie }
        if !r.isAlive { return Theme.exitedRow }
        if run.paused || r.state == .stopped { return Theme.stopped }
        if run.clock - r.startedAt < newRowSeconds { return Theme.newRow }
        return .plain
    }

    /// Above this many processes the table stops being a tree: the live rows (alive, zombies) come first, then
    /// the latest exited ones, and the rest of the exited rows fold into one count line — lesson 5's spawn
    /// churn starts about 1,200 short-lived workers, and the few alive ones must not sit 1,190 rows down.
    public static let foldAbove = 20
    /// In that view, how many exited rows show (the most recently exited) before the count line.
    public static let exitedShown = 8

    /// One row of the table: a process (its index in `run.tree`) or the line that counts folded exited ones.
    enum Row: Equatable {
        case process(Int)
        case folded(Int)
    }

    /// The rows in display order: the tree for a small run; live first, latest exited next, the rest folded,
    /// for a large one.
    static func rows(_ run: RunState, tree: [(index: Int, depth: Int)]) -> (rows: [Row], isTree: Bool) {
        let recs = run.table.records
        guard tree.count > foldAbove else { return (tree.indices.map(Row.process), true) }
        func live(_ r: ProcessRecord) -> Bool { r.isAlive || (r.isZombie && !run.ended) }
        var alive: [Row] = [], exited: [Int] = []
        for k in tree.indices {
            if live(recs[tree[k].index]) { alive.append(.process(k)) } else { exited.append(k) }
        }
        exited.sort { a, b in
            let (ra, rb) = (recs[tree[a].index], recs[tree[b].index])
            return (ra.exitedAt ?? 0, ra.order) > (rb.exitedAt ?? 0, rb.order)
        }
        var rows = alive + exited.prefix(exitedShown).map(Row.process)
        if exited.count > exitedShown { rows.append(.folded(exited.count - exitedShown)) }
        return (rows, false)
    }

    /// The tree glyphs before each PID: `├ ` for a child with later siblings, `└ ` for the last one, and `│ `
    /// below an ancestor whose siblings continue (depth capped at 4 levels of indent).
    static func treePrefixes(_ tree: [(index: Int, depth: Int)]) -> [String] {
        var isLast = Array(repeating: true, count: tree.count)
        var pending: [Int: Bool] = [:]
        for k in tree.indices.reversed() {
            let d = tree[k].depth
            isLast[k] = !(pending[d] ?? false)
            pending[d] = true
            for deeper in pending.keys where deeper > d { pending[deeper] = false }
        }
        var out: [String] = []
        out.reserveCapacity(tree.count)
        var ancestors: [Bool] = []  // isLast of the ancestor at each depth, along the current path
        for k in tree.indices {
            let d = tree[k].depth
            if ancestors.count > d { ancestors.removeLast(ancestors.count - d) }
            while ancestors.count < d { ancestors.append(true) }
            var p = ""
            if d > 0 {
                for level in 1..<min(d, 4) where level < ancestors.count { p += ancestors[level] ? "  " : "│ " }
                p += isLast[k] ? "└ " : "├ "
            }
            out.append(p)
            ancestors.append(isLast[k])
        }
        return out
    }

    /// Header and rows for `run` at `width` columns; rows are formatted on demand (only the visible ones).
    public static func lines(_ run: RunState, width: Int, lang: Lang)
        -> (header: StyledLine, count: Int, row: (Int) -> StyledLine)
    {
        let tree = run.tree
        let recs = run.table.records
        let (order, isTree) = rows(run, tree: tree)
        let prefixes = isTree ? treePrefixes(tree) : []
        // Columns as wide as their widest value (one space between), so that NAME gets the rest.
        func pidText(_ k: Int) -> String {
            (isTree ? prefixes[k] : "") + "\(recs[tree[k].index].pid)"
        }
        // The kernel parent, then the logical (multiprocessing) parent where it differs: forkserver children.
        func ppidText(_ r: ProcessRecord) -> String {
            r.parent.map { $0 == r.ppid ? "\(r.ppid)" : "\(r.ppid) (\($0))" } ?? "\(r.ppid)"
        }
        func widest(_ header: Localized, _ values: [String]) -> Int {
            (values + [header[lang]]).map(TextWidth.of).max()! + 1
        }
        let pidW = widest(S.colPID, tree.indices.map(pidText))
        let ppidW = widest(S.colPPID, recs.map(ppidText))
        let stateW = widest(S.colState, recs.map { stateText($0, run: run, lang: lang) })
        let aliveW = widest(S.colAlive, [S.yes[lang], S.no[lang]])
        let startW = 8, timeW = 7
        // START goes first when room is short: the timeline shows start times too, names matter more.
        let showStart = width >= pidW + ppidW + stateW + aliveW + timeW + startW + 17
        let fixed = pidW + ppidW + stateW + aliveW + timeW + (showStart ? startW : 0)
        // NAME as wide as the longest name, not the rest of the line: at 200 columns the rest is ~76 blanks
        // between a name and its state.
        let namesW = widest(S.colName, recs.map { screenSafe($0.name ?? $0.method.rawValue) }) + 1
        let nameW = max(6, min(width - fixed, namesW))

        func cells(_ pid: String, _ ppid: String, _ name: String, _ state: String, _ alive: String, _ start: String,
                   _ time: String) -> String {
            var s = TextWidth.pad(pid, to: pidW) + TextWidth.pad(ppid, to: ppidW) + TextWidth.pad(name, to: nameW - 1)
                + " " + TextWidth.pad(state, to: stateW) + TextWidth.pad(alive, to: aliveW)
            if showStart { s += TextWidth.pad(start, to: startW, alignRight: true) }
            s += TextWidth.pad(time, to: timeW, alignRight: true)
            return s
        }
        let header = StyledLine(cells(S.colPID[lang], S.colPPID[lang], S.colName[lang], S.colState[lang],
                                      S.colAlive[lang], S.colStart[lang], S.colTime[lang]), Theme.title.adding(underline: true))
        let row = { (i: Int) -> StyledLine in
            let k: Int
            switch order[i] {
            case let .folded(n):
                return StyledLine(TextWidth.truncate("… \(Format.count(n))\(S.foldedExited[lang])", to: width), Theme.hint)
            case let .process(p):
                k = p
            }
            let r = recs[tree[k].index]
            let name = screenSafe(r.name ?? r.method.rawValue)
            let alive = r.isAlive ? S.yes[lang] : S.no[lang]
            let end = r.exitedAt ?? run.clock
            let text = cells(pidText(k), ppidText(r), name, stateText(r, run: run, lang: lang), alive,
                             "+" + Format.seconds(r.startedAt), Format.seconds(end - r.startedAt))
            return StyledLine(text, rowStyle(r, run: run))
        }
        return (header, order.count, row)
    }
}

/// The processes pane. Its title names the run it shows (`Processes · demo.py · fork`, a non-default start
/// method in a badge), its note counts every process the run started, alive and exited.
enum ProcessPane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        guard let run = s.shown else {
            // The one "nothing has run yet" on screen: here, or on the summary line where there is one.
            let hint = s.layout.summary == nil ? [StyledLine(S.noRun[s.lang], Theme.hint)] : []
            return PaneContent(title: S.processes[s.lang], lines: hint)
        }
        let l = s.lang
        let started = run.table.records.count, alive = run.table.aliveCount
        let short = "\(Format.count(started)) \(S.started[l]) · \(Format.count(alive)) \(S.alive[l])"
        let full = short + " · \(Format.count(started - alive)) \(S.exited[l])"
        var extra = ""
        if let c = s.cursor { extra = " · \(S.replaying[l]) +\(Format.preciseSeconds(c.t))" }
        else if run.paused { extra = " · \(S.frozen[l])" }
        // The whole count and the pane's name when they fit beside the run's label; else the count before the
        // name (the columns say what the pane is), else the count without the exited (started − alive).
        let named = titled(S.processes[l], run.label, lang: l), bare = titled("", run.label, lang: l)
        func fits(_ t: (String, String), _ note: String) -> Bool {
            TextWidth.of(t.0) + 2 + (t.1.isEmpty ? 0 : TextWidth.of(t.1) + 1) + 3 + TextWidth.of(note) <= width
        }
        let (title, badge, note) = fits(named, full + extra) ? (named.0, named.1, full + extra)
            : fits(bare, full + extra) ? (bare.0, bare.1, full + extra)
            : (named.0, named.1, short + extra)
        let (header, count, row) = ProcessTableView.lines(run, width: width, lang: l)
        var content = PaneContent(title: title, note: note, header: [header], count: count) { $0.map(row) }
        content.badge = badge
        return content
    }

    /// A pane title with the run's label: `Processes · demo.py · default`, or `Processes · demo.py ·` and the
    /// method as a badge when it is not the interpreter's default (that changes what the program does).
    static func titled(_ pane: String, _ label: RunLabel, lang: Lang) -> (String, String) {
        let head = pane.isEmpty ? "" : "\(pane) · "
        if label.startMethod == nil { return (head + label.text(lang), "") }
        return (head + "\(screenSafe(label.file)) ·", label.method(lang))
    }
}
