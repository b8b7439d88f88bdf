import ProcTutorCore

/// The process table: one row per process of the run, indented as a tree by logical parent, new rows
/// highlighted for a moment, exited rows kept and dimmed (htop's tombstones, but they stay: the whole story
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

    /// Header and rows for `run` at `width` columns; rows are formatted on demand (only the visible ones).
    public static func lines(_ run: RunState, width: Int, lang: Lang)
        -> (header: StyledLine, count: Int, row: (Int) -> StyledLine)
    {
        let tree = run.tree
        let recs = run.table.records
        // Columns as wide as their widest value (one space between), so that NAME gets the rest.
        func pidText(_ k: Int) -> String {
            let depth = min(tree[k].depth, 4)
            return (depth > 0 ? String(repeating: " ", count: (depth - 1) * 2) + "└ " : "") + "\(recs[tree[k].index].pid)"
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
        let nameW = max(6, width - fixed)

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
        let row = { (k: Int) -> StyledLine in
            let r = recs[tree[k].index]
            let name = screenSafe(r.name ?? r.method.rawValue)
            let alive = r.isAlive ? S.yes[lang] : S.no[lang]
            let end = r.exitedAt ?? run.clock
            let text = cells(pidText(k), ppidText(r), name, stateText(r, run: run, lang: lang), alive,
                             "+" + Format.seconds(r.startedAt), Format.seconds(end - r.startedAt))
            return StyledLine(text, rowStyle(r, run: run))
        }
        return (header, tree.count, row)
    }
}

/// The processes pane.
enum ProcessPane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        let title = S.processes[s.lang]
        guard let run = s.shown else {
            return PaneContent(title: title, lines: [StyledLine(S.noRun[s.lang], Theme.hint)])
        }
        var note = "\(run.table.aliveCount) \(S.alive[s.lang])"
        if let c = s.cursor { note += " · \(S.replaying[s.lang]) +\(Format.preciseSeconds(c.t))" }
        else if run.paused { note += " · \(S.frozen[s.lang])" }
        let (header, count, row) = ProcessTableView.lines(run, width: width, lang: s.lang)
        return PaneContent(title: title, note: note, header: [header], count: count) { $0.map(row) }
    }
}
