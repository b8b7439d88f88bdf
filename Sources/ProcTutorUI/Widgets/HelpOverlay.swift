import ProcTutorCore

/// `?`: every key of the tutorial, in a box over the panes: the rows of the key table (`KeyTable.rows`) that
/// apply here, then what the marks on screen mean. Any key but those that scroll closes it.
public enum HelpOverlay {
    /// What the marks in the panes mean (not keys).
    static let legend: [KeyRow] = [
        KeyRow("PPID (N)", "N：不同于内核父进程的逻辑父进程（forkserver）", "N: logical parent where it differs (forkserver)"),
        KeyRow("█ ▒", "时间线：存活、僵尸（已退出，还没被 wait）", "timeline: alive, zombie (exited, not waited for)"),
        KeyRow("3 12 · ✗", "时间线：任务号（放不下时为 ·）、失败的任务", "timeline: task number (· where it does not fit), failed"),
    ]

    /// Every row of help in any state: (keys, what they do), groups split by a blank entry.
    static var entries: [(Localized, Localized)] {
        (KeyTable.rows + [.gap] + legend).map { ($0.keys, $0.text) }
    }

    /// The rows help shows in `s`, with their text for this lesson; no gap first, last or twice.
    static func rows(_ s: AppState) -> [(keys: String, text: String)] {
        var out: [(keys: String, text: String)] = []
        for row in KeyTable.rows + [.gap] + legend where row.shown(s) {
            if row.isGap {
                if let last = out.last, !last.keys.isEmpty || !last.text.isEmpty { out.append(("", "")) }
                continue
            }
            out.append((row.keys[s.lang], row.text[s.lang] + (row.detail?(s)?[s.lang] ?? "")))
        }
        if out.last?.keys.isEmpty == true { out.removeLast() }
        return out
    }

    /// The help as lines: keys in their column, then what they do.
    static func lines(_ s: AppState) -> [StyledLine] {
        let rows = rows(s)
        let keyW = keyWidth(rows)
        return rows.map { keys, what in
            var line = StyledLine(TextWidth.pad(keys, to: keyW), Theme.key)
            line.append(what)
            return line
        }
    }

    static func keyWidth(_ rows: [(keys: String, text: String)]) -> Int { (rows.map { TextWidth.of($0.keys) }.max() ?? 0) + 2 }

    static func contentWidth(_ s: AppState) -> Int {
        let rows = rows(s)
        return keyWidth(rows) + (rows.map { TextWidth.of($0.text) }.max() ?? 0) + 1
    }

    /// The box over the panes; at 80×24 it scrolls (↑↓), with marks on its edge where more is.
    public static func render(into buf: inout CellBuffer, area: Rect, state s: AppState) {
        ScrollBox.render(into: &buf, area: area, title: "\(S.help[s.lang]) — ?", note: "↑↓ · Esc", lines: lines(s),
                         contentWidth: contentWidth(s), offset: s.overlayScroll)
    }
}
