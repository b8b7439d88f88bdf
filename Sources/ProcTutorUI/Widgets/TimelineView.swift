import ProcTutorCore

/// One lane per process on a shared time axis: `█` alive, `▒` zombie (exited, not yet waited for), pool tasks
/// as segments labelled with their task number in the worker's lane, a failed task ending in `✗`.
public enum TimelineView {
    /// The axis and legend, and the lanes (drawn on demand: only the visible ones).
    public static func lines(_ run: RunState, width: Int, lang: Lang)
        -> (header: [StyledLine], count: Int, lane: (Int) -> StyledLine)
    {
        let recs = run.table.records
        let labelW = min(22, max(8, width * 2 / 7))
        let barW = max(4, width - labelW - 1)
        let span = max(run.clock, 0.001)
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
        axisLine.append(String(axis), Theme.hint)

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
            // Pool tasks this process ran while it held its pid.
            for task in run.tasks(of: r.pid) where task.startedAt >= r.startedAt && task.startedAt <= exit {
                let end = min(task.endedAt ?? run.clock, exit)  // a task never outlives its worker
                let digit = Character("\(task.id % 10)")
                let failed = task.status == .failed
                let st = failed ? Theme.error.adding(reverse: true) : lifeStyle.adding(reverse: true)
                let (a, b) = (col(task.startedAt), col(end))
                for c in a...b { glyphs[c] = digit; styles[c] = st }
                if failed { glyphs[b] = "✗" }
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
        let legend = StyledLine(TextWidth.truncate(S.legend[lang], to: width), Theme.hint)
        return ([axisLine, legend], tree.count, lane)
    }
}

/// The timeline pane.
enum TimelinePane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        guard let run = s.run else {
            return PaneContent(title: S.timeline[s.lang], lines: [StyledLine(S.noRun[s.lang], Theme.hint)])
        }
        let (header, count, lane) = TimelineView.lines(run, width: width, lang: s.lang)
        let state = run.ended ? S.finished[s.lang] : run.paused ? S.paused[s.lang] : S.running[s.lang]
        return PaneContent(title: S.timeline[s.lang], note: "\(state) \(Format.seconds(run.clock))",
                           header: header, count: count) { $0.map(lane) }
    }
}
