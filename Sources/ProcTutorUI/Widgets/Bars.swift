import ProcTutorCore

/// The tab strip of the 80×24 layout: Lesson · Code · Processes · Output · Timeline.
enum TabStrip {
    static func labels(_ lang: Lang) -> [(Pane, String)] {
        Pane.allCases.map { ($0, " \($0.rawValue + 1 == 1 ? "" : "")\($0.title[lang]) ") }
    }

    static func render(into buf: inout CellBuffer, area: Rect, active: Pane, lang: Lang) {
        buf.fill(area)
        var x = area.x
        for (pane, label) in labels(lang) {
            x += buf.put(label, x: x, y: area.y, style: pane == active ? Theme.tabActive : Theme.tabInactive,
                         maxWidth: area.right - x)
            x += buf.put("│", x: x, y: area.y, style: Theme.border, maxWidth: area.right - x)
        }
        buf.put(" Tab ⇥", x: x, y: area.y, style: Theme.hint, maxWidth: area.right - x)
    }

    /// The tab under column `x` (relative to the strip).
    static func pane(at x: Int, lang: Lang) -> Pane? {
        var left = 0
        for (pane, label) in labels(lang) {
            let w = TextWidth.of(label)
            if x >= left && x < left + w { return pane }
            left += w + 1
        }
        return nil
    }
}

/// The one-line summary of the run that the 80×24 layout always shows.
enum SummaryLine {
    static func text(_ s: AppState) -> (String, Style) {
        guard let run = s.shown else { return (S.noRun[s.lang], Theme.hint) }
        let t = run.table
        let zombies = t.records.filter { $0.isZombie && !run.ended }.count
        let state = run.ended ? S.finished[s.lang] : run.paused ? S.paused[s.lang] : S.running[s.lang]
        // The run's label, as the code pane and the processes pane name it ("run of …" when it is not the code's).
        let label = s.runIsForeign ? "\(S.runOfOpen[s.lang])\(run.label.text(s.lang))\(S.runOfClose[s.lang])"
            : run.label.text(s.lang)
        var parts = ["\(run.ended ? "■" : run.paused ? "❚❚" : "▶") \(state) \(Format.seconds(run.clock))", label,
                     "\(Format.count(t.records.count)) \(S.procs[s.lang])", "\(t.aliveCount) \(S.alive[s.lang])"]
        if zombies > 0 { parts.append("\(zombies) \(S.zombies[s.lang])") }
        if let sum = run.summary { parts.append("\(S.exitCode[s.lang]) \(sum.exitCode)") }
        if let stop = run.stopped { parts.append("\(S.stoppedBy[s.lang]): \(EngineWords.reasonWord(stop.reason, s.lang))") }
        let failures = run.unretrievedFailureCount
        if failures > 0 { parts.append("⚠ \(failures)") }
        return (parts.joined(separator: " · "), failures > 0 ? Theme.error : zombies > 0 ? Theme.zombie : .plain)
    }

    static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let (text, style) = text(state)
        buf.fill(area)
        buf.put(" " + text, x: area.x, y: area.y, style: style, maxWidth: area.width)
    }
}

/// The bottom line: the keys that matter now.
enum KeyBar {
    /// The keys that matter now, from the key table (`KeyTable.bar`); `priority` decides which go when the line
    /// is too short (lower goes first).
    static func keys(_ s: AppState) -> [BarItem] { KeyTable.bar(s) }

    static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        buf.fill(area)
        var keys = keys(state)
        func need(_ k: [(key: String, what: String, priority: Int)]) -> Int {
            k.reduce(1) { $0 + TextWidth.of($1.key) + TextWidth.of($1.what) + 3 }
        }
        // Drop the least important keys until the rest fit; the order on screen stays.
        while need(keys) > area.width + 2, let i = keys.indices.min(by: { keys[$0].priority < keys[$1].priority }) {
            keys.remove(at: i)
        }
        var x = area.x + 1
        for k in keys {
            x += buf.put(k.key, x: x, y: area.y, style: Theme.key, maxWidth: area.right - x)
            x += buf.put(" " + k.what + "  ", x: x, y: area.y, style: Theme.keyBar, maxWidth: area.right - x)
        }
    }
}

/// Shown instead of everything when the terminal is smaller than 80×24.
enum TooSmallView {
    static func render(into buf: inout CellBuffer, area: Rect, lang: Lang) {
        buf.fill(area)
        let w = max(1, area.width - 2)
        var lines: [(String, Style)] = TextWidth.wrap(S.tooSmallTitle[lang], width: w).map { ($0, Theme.error) }
        lines += TextWidth.wrap(S.tooSmallBody[lang], width: w).map { ($0, Theme.text) }
        lines.append(("\(S.now[lang]): \(area.width)×\(area.height)", Theme.hint))
        lines.append((S.quitHint[lang], Theme.hint))
        let top = max(0, (area.height - lines.count) / 2)
        for (i, (text, style)) in lines.enumerated() where top + i < area.height {
            let x = max(0, (area.width - TextWidth.of(text)) / 2)
            buf.put(text, x: area.x + x, y: area.y + top + i, style: style, maxWidth: area.width - x)
        }
    }
}

/// A small centred question box.
enum ConfirmView {
    static func render(into buf: inout CellBuffer, area: Rect, text: String) {
        let w = min(area.width - 4, max(30, TextWidth.of(text) + 4))
        let lines = TextWidth.wrap(text, width: w - 4)
        let h = lines.count + 2
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        buf.fill(box)
        let inner = BlockWidget(title: "", focused: true).render(into: &buf, area: box)
        for (i, l) in lines.enumerated() { buf.put(l, x: inner.x + 1, y: inner.y + i, style: Theme.strong) }
    }
}
