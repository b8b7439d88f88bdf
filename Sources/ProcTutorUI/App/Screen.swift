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
            for (pane, rect) in layout.panes { renderPane(pane, s, rect, focused: true, into: &buf) }
        case .full:
            for pane in Pane.allCases {
                if let rect = layout.panes[pane] { renderPane(pane, s, rect, focused: false, into: &buf) }
            }
            // The focused pane last, so that its highlighted border wins on shared edges.
            if let rect = layout.panes[s.focus] { renderPane(s.focus, s, rect, focused: true, into: &buf) }
        }
        KeyBar.render(into: &buf, area: layout.keyBar, state: s)
        switch s.overlay {
        case .help: HelpOverlay.render(into: &buf, area: buf.area, lang: s.lang)
        case .confirmQuit: ConfirmView.render(into: &buf, area: buf.area, text: S.confirmQuit[s.lang])
        case nil: break
        }
    }

    /// A pane: its block, fixed header lines, then the scrolled body with ↑/↓ marks when more is hidden.
    static func renderPane(_ pane: Pane, _ s: AppState, _ rect: Rect, focused: Bool, into buf: inout CellBuffer) {
        let inner = ScreenLayout.contentArea(rect)
        let content = PaneContent.make(pane, s, width: inner.width)
        buf.fill(rect.inset(1))
        BlockWidget(title: content.title, note: content.note, focused: focused).render(into: &buf, area: rect)
        guard !inner.isEmpty else { return }
        let header = content.header.prefix(max(0, inner.height - 1))
        for (i, line) in header.enumerated() { buf.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width) }
        let rows = inner.height - header.count
        guard rows > 0 else { return }
        let offset = Scrolling.offset(s, pane, rows: rows, count: content.count)
        let visible = offset..<min(content.count, offset + rows)
        for (i, line) in content.body(visible).enumerated() {
            buf.put(line, x: inner.x, y: inner.y + header.count + i, maxWidth: inner.width)
        }
        let markStyle = focused ? Theme.borderFocused : Theme.border
        if offset > 0 { buf.put("↑", x: rect.right - 1, y: inner.y + header.count, style: markStyle) }
        if visible.upperBound < content.count { buf.put("↓", x: rect.right - 1, y: inner.bottom - 1, style: markStyle) }
    }
}
