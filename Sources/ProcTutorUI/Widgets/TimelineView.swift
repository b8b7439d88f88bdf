import ProcTutorCore

/// One lane per process on a shared time axis: `█` alive, `▒` zombie (exited, not yet waited for), pool tasks
/// as segments in the worker's lane that start with their task number (`·` where it does not fit), a failed
/// task ending in `✗` (drawn last: never hidden by the next task).
public enum TimelineView {
    /// The axis and legend, and the lanes (drawn on demand: only the visible ones).
    /// - Parameters:
    ///   - span: the time the axis covers (default: the run's clock); a replay keeps the whole run's.
    ///   - cursor: the replay's moment, drawn as a vertical line.
    public static func lines(_ run: RunState, width: Int, lang: Lang, span wholeSpan: Double? = nil,
                             cursor: Double? = nil)
        -> (header: [StyledLine], count: Int, lane: (Int) -> StyledLine)
    {
        let recs = run.table.records
        let (labelW, barW) = geometry(width: width)
        let span = max(wholeSpan ?? run.clock, 0.001)
        func col(_ t: Double) -> Int { min(barW - 1, max(0, Int((t / span * Double(barW - 1)).rounded(.down)))) }

        // Axis: 0s at the left, the current time at the right, the middle in between.
        var axis = Array(repeating: Character("─"), count: barW)
        func label(_ text: String, at c: Int) {
            let chars = Array(text)
            let from = min(max(0, c), max(0, barW - chars.count))
            for (k, ch) in chars.enumerated() where from + k < barW { axis[from + k] = ch }
        }
        label("0s", at: 0)
        if barW >= 24 { label(Format.seconds(span / 2), at: barW / 2 - 2) }
        label(Format.seconds(span), at: barW - Format.seconds(span).count)
        var axisLine = StyledLine(String(repeating: " ", count: labelW + 1))
        let cursorCol = cursor.map(col)
        if let cc = cursorCol {
            axisLine.append(String(axis[..<cc]), Theme.hint)
            axisLine.append("▼", Theme.cursor)
            axisLine.append(String(axis[(cc + 1)...]), Theme.hint)
        } else {
            axisLine.append(String(axis), Theme.hint)
        }

        let tree = run.tree
        let lane = { (k: Int) -> StyledLine in
            let r = recs[tree[k].index]
            var glyphs = Array(repeating: Character(" "), count: barW)
            var styles = Array(repeating: Style.plain, count: barW)
            let lifeStyle = Theme.process(r.order)
            let exit = r.exitedAt ?? run.clock
            for c in col(r.startedAt)...col(exit) { glyphs[c] = "█"; styles[c] = lifeStyle }
            if let exited = r.exitedAt {
                let (a, b) = (col(exited), col(r.reapedAt ?? run.clock))
                if b > a {
                    for c in (a + 1)...b { glyphs[c] = "▒"; styles[c] = Theme.zombie }
                } else if r.reapedAt == nil && !run.ended {
                    glyphs[a] = "▒"; styles[a] = Theme.zombie
                }
            }
            // Pool tasks this process ran while it held its pid. Failures first: each gets a `✗` cell of its
            // own (at its end, or the nearest free cell of its segment), that nothing drawn later covers.
            let tasks = run.tasks(of: r.pid).filter { $0.startedAt >= r.startedAt && $0.startedAt <= exit }
            func span(_ task: TaskInfo) -> (Int, Int) {
                (col(task.startedAt), col(min(task.endedAt ?? run.clock, exit)))  // a task never outlives its worker
            }
            var crosses = Set<Int>()
            for task in tasks where task.status == .failed {
                let (a, b) = span(task)
                crosses.insert(stride(from: b, through: a, by: -1).first { !crosses.contains($0) } ?? b)
            }
            // Each segment starts with the task's whole number where it has the room, else `·` (a number is
            // never cut to its last digit); the rest of the segment is the bar itself (reverse video).
            for task in tasks {
                let (a, b) = span(task)
                let st = task.status == .failed ? Theme.error.adding(reverse: true) : lifeStyle.adding(reverse: true)
                let free = (a...b).filter { !crosses.contains($0) }
                for c in a...b where !crosses.contains(c) { glyphs[c] = " "; styles[c] = st }
                let number = Array("\(task.id)")
                if let first = free.first {
                    let room = free.prefix { $0 - first < number.count }.count
                    if room == number.count && free.count >= number.count {
                        for (k, ch) in number.enumerated() { glyphs[first + k] = ch }
                    } else {
                        glyphs[first] = "·"
                    }
                }
            }
            for c in crosses { glyphs[c] = "✗"; styles[c] = Theme.error.adding(reverse: true) }
            if let cc = cursorCol, glyphs[cc] == " " || glyphs[cc] == "█" || glyphs[cc] == "▒" {
                glyphs[cc] = "│"; styles[cc] = Theme.cursor
            }
            let name = screenSafe(r.name ?? r.method.rawValue)
            var line = StyledLine(TextWidth.pad("\(r.pid) \(name)", to: labelW) + " ",
                                  r.isAlive ? lifeStyle : Theme.exitedRow)
            var k = 0
            while k < barW {
                var j = k
                while j < barW && styles[j] == styles[k] { j += 1 }
                line.append(String(glyphs[k..<j]), styles[k])
                k = j
            }
            return line
        }
        // The pool's part of the legend only where there are pool tasks.
        let legendText = run.tasks.isEmpty ? S.legend[lang] : S.legend[lang] + "  " + S.legendTasks[lang]
        let legend = StyledLine(TextWidth.truncate(legendText, to: width), Theme.hint)
        return ([axisLine, legend], tree.count, lane)
    }
}

extension TimelineView {
    /// The label and bar widths of the lanes at `width` columns.
    static func geometry(width: Int) -> (label: Int, bar: Int) {
        let labelW = min(22, max(8, width * 2 / 7))
        return (labelW, max(4, width - labelW - 1))
    }

    /// The run time under column `x` of the pane's content (nil left of the bars).
    public static func time(atColumn x: Int, width: Int, span: Double) -> Double? {
        let (labelW, barW) = geometry(width: width)
        let c = x - labelW - 1
        guard c >= 0 else { return nil }
        return Double(min(c, barW - 1)) / Double(max(1, barW - 1)) * max(span, 0.001)
    }
}

/// The timeline pane.
enum TimelinePane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        guard let run = s.shown else {
            return PaneContent(title: S.timeline[s.lang], lines: [])  // the processes pane says nothing has run
        }
        let (header, count, lane) = s.cursor.map {
            TimelineView.lines(run, width: width, lang: s.lang, span: s.runEnd, cursor: $0.t)
        } ?? TimelineView.lines(run, width: width, lang: s.lang)
        let note: String
        if let c = s.cursor {
            note = "\(S.replaying[s.lang]) +\(Format.preciseSeconds(c.t)) / \(Format.preciseSeconds(s.runEnd))"
        } else {
            let state = run.ended ? S.finished[s.lang] : run.paused ? S.paused[s.lang] : S.running[s.lang]
            note = "\(state) \(Format.seconds(run.clock))"
        }
        return PaneContent(title: s.runPaneTitle(S.timeline), note: note, header: header, count: count) { $0.map(lane) }
    }
}
