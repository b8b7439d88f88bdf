import ProcTutorCore

/// A program with line numbers, coloured from its tokens (Python's own tokenizer; see `SourceCode`).
public enum CodeView {
    public static func style(_ kind: SourceToken.Kind) -> Style {
        switch kind {
        case .keyword: Style(fg: .magenta, bold: true)
        case .builtin: Style(fg: .cyan)
        case .definition: Style(fg: .blue, bold: true)
        case .name: .plain
        case .string: Style(fg: .green)
        case .number: Style(fg: .yellow)
        case .comment: Style(fg: .blue, dim: true)
        case .op: .plain
        case .decorator: Style(fg: .magenta)
        }
    }

    /// The source lines, each starting with its right-aligned line number; a line longer than `width` wraps,
    /// its continuation indented past the numbers (nothing is cut off, even at 100×30).
    public static func lines(_ source: SourceCode, width: Int = .max) -> [StyledLine] {
        var text = source.text
        if text.hasSuffix("\n") { text.removeLast() }
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        // Styles per code point, line by line (tokenize columns count code points).
        var styles = rows.map { Array(repeating: Style.plain, count: $0.count) }
        for t in source.tokens {
            let st = style(t.kind)
            guard st != .plain else { continue }
            for line in t.startLine...max(t.startLine, t.endLine) where line - 1 < rows.count && line >= 1 {
                let from = line == t.startLine ? t.startColumn : 0
                let to = line == t.endLine ? t.endColumn : rows[line - 1].count
                for c in max(0, from)..<min(max(from, to), rows[line - 1].count) { styles[line - 1][c] = st }
            }
        }
        let numberWidth = max(2, "\(rows.count)".count)
        let indent = StyledLine(String(repeating: " ", count: numberWidth) + "↪", Theme.lineNumber)
        return rows.enumerated().flatMap { i, scalars in
            var line = StyledLine(TextWidth.pad("\(i + 1)", to: numberWidth, alignRight: true) + " ", Theme.lineNumber)
            var run = String.UnicodeScalarView()
            var runStyle = Style.plain
            for (k, sc) in scalars.enumerated() {
                if styles[i][k] != runStyle && !run.isEmpty {
                    line.append(screenSafe(String(run), tabWidth: 4), runStyle)
                    run = String.UnicodeScalarView()
                }
                runStyle = styles[i][k]
                run.append(sc)
            }
            if !run.isEmpty { line.append(screenSafe(String(run), tabWidth: 4), runStyle) }
            return line.width > width ? line.wrapped(width: width, indent: indent) : [line]
        }
    }
}

/// The code pane: the variant picker, then the demo that `r` runs (or a predict question's, while it runs).
/// Its title is that program's label (`demo.py · fork`), the same words the run's panes use for their run.
enum CodePane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        guard let lesson = s.lesson, let (demo, _) = s.codeDemo, let label = s.codeLabel else {
            return PaneContent(title: S.code[s.lang], lines: [])
        }
        let note = s.replayOnly ? "" : S.mStartMethod[s.lang]
        let title = label.text(s.lang)
        var header: [StyledLine] = []
        if lesson.demos.count > 1 { header.append(picker(lesson, chosen: demo, width: width, lang: s.lang)) }
        let path = lesson.path(of: demo)
        guard let source = s.sources[path] else {
            return PaneContent(title: title, note: note, header: header,
                               lines: [StyledLine(S.noSource[s.lang], Theme.hint)])
        }
        return PaneContent(title: title, note: note, header: header,
                           lines: layouts.lines(source, width: width, layout: CodeView.lines))
    }

    /// Every variant of a lesson at two widths: `v` and `m` switch among them without laying one out again.
    static let layouts = LayoutMemo<SourceCode>(capacity: 12)

    /// The variant picker: every variant with the chosen one marked; when they do not fit on one line, only
    /// the chosen one with its position (`v ‹2/3› title`).
    static func picker(_ lesson: Lesson, chosen: Demo, width: Int, lang: Lang) -> StyledLine {
        var line = StyledLine("v ", Theme.key)
        for d in lesson.demos {
            let isChosen = d.name == chosen.name
            line.append(isChosen ? "▸" : " ", isChosen ? Theme.key : Theme.hint)
            line.append(" \(d.title[lang]) ", isChosen ? Theme.selected.adding(bold: true) : Theme.hint)
            line.append(" ")
        }
        guard line.width > width else { return line }
        let index = lesson.demos.firstIndex { $0.name == chosen.name } ?? 0
        var compact = StyledLine("v ", Theme.key)
        compact.append("‹\(index + 1)/\(lesson.demos.count)› ", Theme.hint)
        compact.append(" \(chosen.title[lang]) ", Theme.selected.adding(bold: true))
        return compact
    }
}
