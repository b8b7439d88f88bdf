import ProcTutorCore

/// `n`'s tally in a box over the panes: progress, the orders of the first lines with their counts and shares,
/// exit codes, counts and durations, then every run (select one and replay it).
enum TallyOverlay {
    static func lines(_ s: AppState, width: Int) -> [StyledLine] {
        guard let r = s.repeatRuns else { return [] }
        let l = s.lang
        let tally = r.tally
        var out: [StyledLine] = []
        var progress = "\(S.tallyProgress[l]) \(r.finished.count)/\(r.total)"
        if r.cancelled { progress += " · " + S.tallyCancelled[l] }
        else if !r.isDone { progress += " · " + S.tallyRunning[l] }
        out.append(StyledLine(progress, r.isDone ? Theme.strong : Theme.stopped))
        out.append(StyledLine())
        out.append(StyledLine(S.tallyOrder[l], Theme.heading))
        for o in tally.orderings {
            let share = Int((tally.share(of: o) * 100).rounded())
            let roles = o.roles.isEmpty ? S.tallyNoOutput[l] : o.roles.map { screenSafe($0) }.joined(separator: " → ")
            var line = StyledLine(TextWidth.pad("\(o.count)\(S.tallyTimes[l])", to: 5, alignRight: true) + " ", Theme.key)
            line.append(TextWidth.pad("\(share)%", to: 5, alignRight: true) + "  ")
            line.append(roles)
            out.append(line)
        }
        out.append(StyledLine())
        out.append(StyledLine(S.tallyExit[l] + tally.exitCodes.map { "\($0.code) ×\($0.count)" }.joined(separator: ", ")))
        func ints(_ x: Tally.Spread?) -> String {
            guard let x else { return "–" }
            let median = x.median == x.median.rounded() ? "\(Int(x.median))" : "\(x.median)"
            return "\(Int(x.min))/\(median)/\(Int(x.max))"
        }
        out.append(StyledLine(S.tallyProcs[l] + ints(tally.processes) + S.tallyAlive[l] + ints(tally.maxAlive)))
        if let d = tally.duration {
            out.append(StyledLine(S.tallyDuration[l]
                + "\(Format.seconds(d.min)) / \(Format.seconds(d.median)) / \(Format.seconds(d.max))"))
        }
        if !r.finished.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine(S.tallyRuns[l], Theme.heading))
            for (i, run) in r.finished.enumerated() {
                let order = Tally.firstOutputOrder(of: run.events).map { screenSafe($0) }.joined(separator: " → ")
                let code = run.summary.map { "\(S.exitCode[l]) \($0.exitCode)" } ?? ""
                let time = run.summary.map { Format.preciseSeconds($0.duration) } ?? ""
                let text = "#\(i + 1)  \(time)  \(code)  \(order)"
                let chosen = i == r.selected
                out.append(StyledLine((chosen ? "▸ " : "  ") + text, chosen ? Theme.selected : .plain))
            }
        }
        return out.flatMap { $0.width > width ? $0.wrapped(width: width) : [$0] }
    }

    static func render(into buf: inout CellBuffer, area: Rect, state s: AppState) {
        let w = min(area.width - 4, 90)
        let body = lines(s, width: w - 4)
        let h = min(area.height - 2, body.count + 2)
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        buf.fill(box)
        let title = "\(S.tallyTitle[s.lang]) — n"
        let inner = BlockWidget(title: title, note: "Esc", focused: true).render(into: &buf, area: box)
        // Keep the selected run visible: scroll the list so that it is on the last rows when needed.
        let selectedRow = body.firstIndex { $0.spans.first?.text.hasPrefix("▸") ?? false } ?? 0
        let offset = max(0, min(body.count - inner.height, selectedRow - inner.height + 1))
        for (i, line) in body.dropFirst(offset).prefix(inner.height).enumerated() {
            buf.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1)
        }
    }
}
