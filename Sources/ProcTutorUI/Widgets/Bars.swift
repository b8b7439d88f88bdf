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
        guard let run = s.run else { return (S.noRun[s.lang], Theme.hint) }
        let t = run.table
        let zombies = t.records.filter { $0.isZombie && !run.ended }.count
        let state = run.ended ? S.finished[s.lang] : run.paused ? S.paused[s.lang] : S.running[s.lang]
        var parts = ["\(run.ended ? "■" : run.paused ? "❚❚" : "▶") \(state) \(Format.seconds(run.clock))",
                     "\(t.distinctPIDs) \(S.procs[s.lang])", "\(t.aliveCount) \(S.alive[s.lang])"]
        if zombies > 0 { parts.append("\(zombies) \(S.zombies[s.lang])") }
        if let sum = run.summary { parts.append("\(S.exitCode[s.lang]) \(sum.exitCode)") }
        if let stop = run.stopped { parts.append("\(S.stoppedBy[s.lang]): \(stop.reason.rawValue)") }
        let failures = run.unretrievedFailures.count
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
    static func keys(_ s: AppState) -> [(String, String)] {
        let l = s.lang
        if s.overlay == .help { return [("Esc", S.kClose[l])] }
        if s.overlay == .confirmQuit { return [("y", S.kQuit[l]), ("n", S.kClose[l])] }
        if let quiz = s.quiz { return Quiz.keys(quiz, s) }
        var keys: [(String, String)] = []
        if s.isRunning {
            keys += [("r", S.kRerun[l]), ("s", S.kStop[l]), ("p", s.run?.paused == true ? S.kResume[l] : S.kPause[l])]
        } else {
            keys.append(("r", s.run == nil ? S.kRun[l] : S.kRerun[l]))
        }
        keys += [("←→", S.kLesson[l]), ("Tab", S.kPane[l]), ("↑↓", S.kScroll[l])]
        if (s.lesson?.demos.count ?? 0) > 1 { keys.append(("v", S.kVariant[l])) }
        keys += [("m", S.kMethod[l]), ("o", S.kOutput[l]), ("Q", S.kQuiz[l]), ("?", S.kHelp[l]), ("q", S.kQuit[l])]
        return keys
    }

    static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        buf.fill(area)
        var x = area.x + 1
        for (key, what) in keys(state) {
            let need = TextWidth.of(key) + TextWidth.of(what) + 3
            guard x + need <= area.right else { break }
            x += buf.put(key, x: x, y: area.y, style: Theme.key)
            x += buf.put(" " + what + "  ", x: x, y: area.y, style: Theme.keyBar)
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
