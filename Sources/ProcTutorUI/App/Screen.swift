import ProcTutorCore

/// Draws a whole frame from the state: panes by layout mode, then overlays.
enum Screen {
    static func render(_ s: AppState, into buf: inout CellBuffer) {
        let layout = s.layout
        switch layout.mode {
        case .tooSmall:
            TooSmallView.render(into: &buf, area: buf.area, lang: s.lang)
            return
        case .tabs:
            if let tabs = layout.tabs { TabStrip.render(into: &buf, area: tabs, active: s.focus, lang: s.lang) }
            if let summary = layout.summary { SummaryLine.render(into: &buf, area: summary, state: s) }
            renderPanes(layout, s, into: &buf)
        case .full:
            renderPanes(layout, s, into: &buf)
        }
        if let bar = layout.timeBar { TimeBar.render(into: &buf, area: bar, state: s) }
        KeyBar.render(into: &buf, area: layout.keyBar, state: s)
        switch s.overlay {
        case .help: HelpOverlay.render(into: &buf, area: buf.area, state: s)
        case .failures: FailuresView.render(into: &buf, area: buf.area, state: s)
        case .confirmQuit:
            let text = s.isRunning ? S.confirmQuit : S.confirmQuitEnded
            ConfirmView.render(into: &buf, area: buf.area, text: text[s.lang])
        case let .confirmLeaveQuiz(quitting):
            let answered = s.quiz?.answers.compactMap { $0 }.count ?? 0
            ConfirmView.render(into: &buf, area: buf.area, text: S.confirmLeaveQuiz(answered, quitting: quitting)[s.lang])
        case .tally: TallyOverlay.render(into: &buf, area: buf.area, state: s)
        case nil: break
        }
    }

    /// Every visible pane: all borders first (the focused one last, so its highlight wins on shared edges),
    /// then titles and contents.
    static func renderPanes(_ layout: ScreenLayout, _ s: AppState, into buf: inout CellBuffer) {
        let panes = Pane.allCases.filter { layout.panes[$0] != nil && $0 != s.focus }
            + (layout.panes[s.focus] != nil ? [s.focus] : [])
        let contents = panes.map { pane in
            (pane, layout.panes[pane]!, PaneContent.make(pane, s, width: ScreenLayout.contentArea(layout.panes[pane]!).width))
        }
        for (pane, rect, content) in contents {
            BlockWidget(title: content.title, note: content.note, focused: pane == s.focus).renderBorder(into: &buf, area: rect)
        }
        for (pane, rect, content) in contents {
            BlockWidget(title: content.title, note: content.note, focused: pane == s.focus, badge: content.badge).renderTitle(into: &buf, area: rect)
            renderBody(pane, s, rect, content, focused: pane == s.focus, into: &buf)
        }
    }

    /// A pane's inside: fixed header lines, then the scrolled body with ↑/↓ marks when more is hidden.
    static func renderBody(_ pane: Pane, _ s: AppState, _ rect: Rect, _ content: PaneContent, focused: Bool,
                           into buf: inout CellBuffer) {
        let inner = ScreenLayout.contentArea(rect)
        guard !inner.isEmpty else { return }
        let header = content.header.prefix(max(0, inner.height - 1))
        for (i, line) in header.enumerated() { buf.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width) }
        let rows = inner.height - header.count
        guard rows > 0 else { return }
        let markStyle = focused ? Theme.borderFocused : Theme.border
        if let rowsOf = content.rowsOf {
            let last = Scrolling.maxOffset(rows: rows, count: content.count, rowsOf: rowsOf)
            let (visible, above, below) = wrappedRows(rowsOf, count: content.count, rows: rows, last: last,
                offset: Scrolling.offset(s, pane, rows: rows, count: content.count, maxOffset: last))
            for (i, line) in visible.enumerated() {
                buf.put(line, x: inner.x, y: inner.y + header.count + i, maxWidth: inner.width)
            }
            if above { buf.put("↑", x: rect.right - 1, y: inner.y + header.count, style: markStyle) }
            if below { buf.put("↓", x: rect.right - 1, y: inner.bottom - 1, style: markStyle) }
            return
        }
        let offset = Scrolling.offset(s, pane, rows: rows, count: content.count)
        let visible = offset..<min(content.count, offset + rows)
        for (i, line) in content.body(visible).enumerated() {
            buf.put(line, x: inner.x, y: inner.y + header.count + i, maxWidth: inner.width)
        }
        if offset > 0 { buf.put("↑", x: rect.right - 1, y: inner.y + header.count, style: markStyle) }
        if visible.upperBound < content.count { buf.put("↓", x: rect.right - 1, y: inner.bottom - 1, style: markStyle) }
    }

    /// The screen rows of a pane whose lines wrap: from line `offset` down, or — at the last line, where the
    /// output pane follows — the last rows that fit, filled from the bottom up. Only visible lines are wrapped.
    static func wrappedRows(_ rowsOf: (Int) -> [StyledLine], count: Int, rows: Int, last: Int, offset: Int)
        -> (rows: [StyledLine], above: Bool, below: Bool)
    {
        guard count > 0, rows > 0 else { return ([], false, false) }
        var out: [StyledLine] = []
        if offset >= last {
            var i = count - 1
            while i >= 0 && out.count < rows {
                out.insert(contentsOf: rowsOf(i), at: 0)
                i -= 1
            }
            let cut = out.count > rows
            if cut { out.removeFirst(out.count - rows) }
            return (out, i >= 0 || cut, false)
        }
        var i = offset
        while i < count && out.count < rows {
            out += rowsOf(i)
            i += 1
        }
        let below = i < count || out.count > rows
        return (Array(out.prefix(rows)), offset > 0, below)
    }
}
