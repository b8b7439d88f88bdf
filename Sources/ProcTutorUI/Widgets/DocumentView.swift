import ProcTutorCore

/// Lays out a parsed CommonMark `Document` as styled lines for a given width: headings, emphasis, strong,
/// inline code, links, lists with a hanging indent, code blocks, quotes and thematic breaks, wrapped with the
/// CJK rules of `TextWidth.wrap`. The lesson pane scrolls through these lines.
public enum DocumentView {
    public static func lines(_ doc: Document, width: Int) -> [StyledLine] {
        blocks(doc.blocks, width: max(4, width))
    }

    static func blocks(_ blocks: [Block], width: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        for (i, b) in blocks.enumerated() {
            if i > 0 { out.append(StyledLine()) }
            out += block(b, width: width)
        }
        return out
    }

    static func block(_ b: Block, width: Int) -> [StyledLine] {
        switch b {
        case let .heading(level, inl):
            let base = level == 1 ? Theme.heading.adding(underline: true) : level == 2 ? Theme.heading : Theme.strong
            var out: [StyledLine] = []
            for para in paragraphs(inl, base) { out += para.wrapped(width: width) }
            return out
        case let .paragraph(inl):
            return paragraphs(inl, Theme.text).flatMap { $0.wrapped(width: width) }
        case let .list(start, items):
            var out: [StyledLine] = []
            let last = (start ?? 1) + items.count - 1
            let markerWidth = start == nil ? 2 : "\(last)".count + 2
            for (i, item) in items.enumerated() {
                let marker = start.map { TextWidth.pad("\($0 + i).", to: markerWidth) } ?? "• "
                let inner = blocks(item, width: max(1, width - markerWidth))
                for (j, line) in inner.enumerated() {
                    var l = StyledLine(j == 0 ? marker : String(repeating: " ", count: markerWidth),
                                       j == 0 ? Theme.strong : Theme.text)
                    l.spans += line.spans
                    out.append(l)
                }
            }
            return out
        case let .code(_, text):
            var out: [StyledLine] = []
            var body = text
            if body.hasSuffix("\n") { body.removeLast() }
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                out += codeLine(screenSafe(String(line), tabWidth: 4), width: width)
            }
            return out
        case let .quote(inner):
            return blocks(inner, width: max(1, width - 2)).map { line in
                var l = StyledLine("│ ", Theme.quote)
                l.spans += line.spans
                return l
            }
        case .thematicBreak:
            return [StyledLine(String(repeating: "─", count: width), Theme.hint)]
        }
    }

    /// One line of a code block, indented by two, wrapped only where a token ends: after a space, or after
    /// `,` `(` `[` `{` `:` `=` — never inside a name or before a closing bracket (`str(i` / `d),))` was the
    /// old word-wrap's cut). The continuation starts under the line's own indent with `↪`. A token wider than
    /// the whole line (none in the lessons) is cut, and its cut is the `↪` too.
    static func codeLine(_ text: String, width: Int) -> [StyledLine] {
        let chars = Array(text)
        let lead = chars.prefix { $0 == " " }.count
        let mark = String(repeating: " ", count: 2 + min(lead, max(0, width / 2))) + "↪ "
        var out: [StyledLine] = []
        var start = 0
        var first = true
        while true {
            let prefixWidth = first ? 2 : TextWidth.of(mark)
            let room = max(1, width - prefixWidth)
            // The end of this piece: everything, or the last token boundary that fits.
            var w = 0, end = start
            while end < chars.count && w + TextWidth.of(chars[end]) <= room { w += TextWidth.of(chars[end]); end += 1 }
            if end < chars.count {
                var cut = end
                while cut > start && !canBreakCode(chars, at: cut) { cut -= 1 }
                if cut > start { end = cut }
            }
            var line = first ? StyledLine("  ", Theme.codeBlock) : StyledLine(mark, Theme.hint)
            line.append(String(chars[start..<end]), Theme.codeBlock)
            out.append(line)
            if end >= chars.count { return out }
            start = end
            while start < chars.count && chars[start] == " " { start += 1 }
            if start >= chars.count { return out }
            first = false
        }
    }

    /// A code line may break before `chars[i]`: after a space (not inside leading indent) or after an opening
    /// bracket, a comma, a colon or `=`, unless a closing bracket or more punctuation follows.
    static func canBreakCode(_ chars: [Character], at i: Int) -> Bool {
        guard i > 0, i < chars.count else { return false }
        let before = chars[i - 1], after = chars[i]
        if ")]},:;.".contains(after) { return false }
        if before == " " { return chars[..<i].contains { $0 != " " } }
        return ",([{:=".contains(before) && after != "="
    }

    /// Inline content as lines (split at hard breaks), soft breaks resolved by `TextWidth.softBreak`: a space
    /// between Latin words, nothing between two CJK characters or next to CJK punctuation.
    static func paragraphs(_ inl: [Inline], _ base: Style) -> [StyledLine] {
        var pieces: [(String, Style)] = []
        flatten(inl, base, &pieces)
        var lines: [StyledLine] = [StyledLine()]
        for (k, (text, style)) in pieces.enumerated() {
            switch text {
            case "\u{2028}":
                lines.append(StyledLine())
            case "\u{2029}":
                let before = lines[lines.count - 1].text.last
                let after = pieces[(k + 1)...].first { !$0.0.isEmpty }?.0.first
                let separator = TextWidth.softBreak(between: before, and: after)
                if !separator.isEmpty { lines[lines.count - 1].append(separator, style) }
            default:
                lines[lines.count - 1].append(screenSafe(text), style)
            }
        }
        return lines
    }

    // Hard and soft breaks travel as the line/paragraph separator characters, which never occur in lesson text.
    static func flatten(_ inl: [Inline], _ style: Style, _ out: inout [(String, Style)]) {
        for i in inl {
            switch i {
            case let .text(t): out.append((t, style))
            case let .emphasis(c): flatten(c, style.adding(underline: true), &out)
            case let .strong(c): flatten(c, style.adding(bold: true), &out)
            case let .code(t): out.append((t, Theme.inlineCode))
            case let .link(_, c): flatten(c, Theme.link, &out)
            case .softBreak: out.append(("\u{2029}", style))
            case .hardBreak: out.append(("\u{2028}", style))
            }
        }
    }
}

extension Style {
    /// This style with extra attributes switched on.
    func adding(bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) -> Style {
        var s = self
        s.bold = s.bold || bold
        s.dim = s.dim || dim
        s.reverse = s.reverse || reverse
        s.underline = s.underline || underline
        return s
    }
}
