import ProcTutorCore

/// A centred box of lines that scrolls (help, the failed tasks): ↑↓, PgUp PgDn, Home End move it, `↑`/`↓`
/// on its edge say that more is above or below.
enum ScrollBox {
    /// The box for `lines` (each at most `contentWidth` wide) on `area`, and how many lines fit inside.
    static func box(area: Rect, contentWidth: Int, lineCount: Int) -> Rect {
        let w = min(area.width - 2, contentWidth + 4)
        let h = min(area.height - 2, lineCount + 2)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// The first line shown for a wanted offset (clamped).
    static func offset(_ wanted: Int, lineCount: Int, rows: Int) -> Int {
        min(max(0, wanted), max(0, lineCount - rows))
    }

    static func render(into buf: inout CellBuffer, area: Rect, title: String, note: String, lines: [StyledLine],
                       contentWidth: Int, offset wanted: Int) {
        let box = box(area: area, contentWidth: contentWidth, lineCount: lines.count)
        buf.fill(box)
        let inner = BlockWidget(title: title, note: note, focused: true).render(into: &buf, area: box)
        let rows = max(0, inner.height)
        let offset = offset(wanted, lineCount: lines.count, rows: rows)
        for (i, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
            buf.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1)
        }
        if offset > 0 { buf.put("↑", x: box.right - 1, y: inner.y, style: Theme.borderFocused) }
        if offset + rows < lines.count { buf.put("↓", x: box.right - 1, y: inner.bottom - 1, style: Theme.borderFocused) }
    }

    /// The rows inside the box at this screen size (for scrolling by a page).
    static func rows(area: Rect, contentWidth: Int, lineCount: Int) -> Int {
        max(1, box(area: area, contentWidth: contentWidth, lineCount: lineCount).height - 2)
    }
}

/// `e`: every failed pool task of the run on screen — id, worker pid, the call, its error, whether anyone
/// fetched the result — so that none of them is hidden behind the output pane's "… +5".
enum FailuresView {
    static func call(_ f: TaskInfo) -> String {
        f.args.hasPrefix("(") ? f.function + f.args : "\(f.function)(\(f.args))"
    }

    static func failed(_ run: RunState) -> [TaskInfo] {
        run.tasks.filter { $0.status == .failed }.sorted { $0.id < $1.id }
    }

    static func contentWidth(_ area: Rect) -> Int { max(20, min(100, area.width - 6)) }

    static func lines(_ run: RunState, width: Int, lang: Lang) -> [StyledLine] {
        var out: [StyledLine] = []
        for f in failed(run) {
            var head = StyledLine("#\(f.id)", Theme.key)
            head.append("  \(S.colPID[lang]) \(f.pid)  ", Theme.hint)
            head.append(screenSafe(call(f)), Theme.strong)
            head.append(f.retrieved ? "  " + S.fRetrieved[lang] : "  " + S.fNotRetrieved[lang],
                        f.retrieved ? Theme.hint : Theme.error)
            out += head.wrapped(width: width, indent: StyledLine("    "))
            let error = StyledLine("  " + screenSafe(f.error ?? "?"), Theme.error)
            out += error.wrapped(width: width, indent: StyledLine("    "))
        }
        return out
    }

    static func render(into buf: inout CellBuffer, area: Rect, state s: AppState) {
        guard let run = s.shown else { return }
        let width = contentWidth(area)
        let lines = lines(run, width: width - 1, lang: s.lang)
        let count = failed(run).count
        ScrollBox.render(into: &buf, area: area, title: "\(S.fTitle[s.lang]) (\(count)) — e",
                         note: "↑↓ · Esc", lines: lines, contentWidth: width, offset: s.overlayScroll)
    }

    static func lineCount(_ s: AppState, area: Rect) -> Int {
        guard let run = s.shown else { return 0 }
        return lines(run, width: contentWidth(area) - 1, lang: s.lang).count
    }
}
