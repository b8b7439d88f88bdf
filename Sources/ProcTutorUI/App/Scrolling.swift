/// Scrolling the panes, clamped to their content so that scrolling back never has to undo overshoot.
enum Scrolling {
    /// Visible body rows and total body lines of `pane` at the current size (nil when the pane is not shown).
    static func metrics(_ s: AppState, _ pane: Pane) -> (rows: Int, count: Int)? {
        guard let (rows, content) = measured(s, pane) else { return nil }
        return (rows, content.count)
    }

    static func measured(_ s: AppState, _ pane: Pane) -> (rows: Int, content: PaneContent)? {
        guard let rect = s.layout.panes[pane] else { return nil }
        let inner = ScreenLayout.contentArea(rect)
        let content = PaneContent.make(pane, s, width: inner.width)
        return (max(1, inner.height - min(content.header.count, max(0, inner.height - 1))), content)
    }

    static func page(_ s: AppState, _ pane: Pane) -> Int {
        max(1, (metrics(s, pane)?.rows ?? 2) - 1)
    }

    /// The largest first visible line: the start of the last page. For wrapping lines (`rowsOf`), the line
    /// at the top of the last screenful, filled from the bottom up (only those lines are wrapped).
    static func maxOffset(rows: Int, count: Int, rowsOf: ((Int) -> [StyledLine])? = nil) -> Int {
        guard let rowsOf, count > 0 else { return max(0, count - rows) }
        var i = count - 1, filled = 0
        while true {
            filled += rowsOf(i).count
            if filled >= rows || i == 0 { return i }
            i -= 1
        }
    }

    /// The first visible line, clamped (the output pane sticks to its end while following).
    static func offset(_ s: AppState, _ pane: Pane, rows: Int, count: Int, maxOffset: Int? = nil) -> Int {
        let maxOffset = maxOffset ?? Self.maxOffset(rows: rows, count: count)
        if pane == .output && s.followOutput { return maxOffset }
        let wanted = pane == .lesson && s.quiz != nil ? s.quiz!.scroll : s.scroll(pane)
        return min(max(0, wanted), maxOffset)
    }

    static func scroll(_ s: inout AppState, _ pane: Pane, by delta: Int, fromWheel: Bool = false) -> [AppCommand] {
        guard let (rows, content) = measured(s, pane) else { return [] }
        let count = content.count
        let maxOffset = maxOffset(rows: rows, count: count, rowsOf: content.rowsOf)
        let current = offset(s, pane, rows: rows, count: count, maxOffset: maxOffset)
        // Stepping past the end of the lesson text opens the quiz (the last line says so). Not by wheel:
        // a flick of the wheel should not start a quiz.
        if pane == .lesson && s.quiz == nil && delta > 0 && current >= maxOffset && !fromWheel {
            return Quiz.open(&s)
        }
        let next = min(max(0, current + delta), maxOffset)
        if pane == .lesson && s.quiz != nil { s.quiz!.scroll = next } else { s.scroll[pane] = next }
        if pane == .output { s.followOutput = next >= maxOffset }
        return []
    }
}
