import ProcTutorCore

/// A lesson as plain wrapped text, for terminals that cannot show the full-screen tutorial (`TERM=dumb`, a pipe,
/// a screen reader's line mode): the text, then the plain commands that do the rest.
///
/// Pure: the caller prints the lines. Every line is sanitised (no control characters) and at most `width`
/// columns wide, counting CJK characters as two.
public enum PlainLesson {
    public static func render(_ lesson: Lesson, of total: Int, lang: Lang, width: Int) -> [String] {
        let width = max(20, width)
        var out: [String] = []
        // The position and title; the text's own first heading follows, so no underline here.
        out += TextWidth.wrap(clean("\(lesson.number)/\(total) · \(lesson.title[lang])"), width: width)
        out.append("")
        let document = lesson.text[lang] ?? lesson.text.values.first ?? Document(blocks: [])
        for block in document.blocks {
            out += render(block, width: width)
            out.append("")
        }
        out += footer(lesson, isLast: lesson.number >= total, lang: lang, width: width)
        return out
    }

    /// What to do without the full screen: run the demo and take the quiz as plain commands. Each command is
    /// on a line of its own and never wrapped, so it can be copied whole.
    static func footer(_ lesson: Lesson, isLast: Bool, lang: Lang, width: Int) -> [String] {
        let n = lesson.number
        var items: [(Localized, Localized)] = []
        func same(_ command: String) -> Localized { Localized(zh: command, en: command) }
        items.append((Localized(zh: "运行本课的演示：", en: "Run this lesson's demo:"), same("proctutor run \(n)")))
        if lesson.demos.count > 1 {
            let names = lesson.demos.map(\.name)
            items.append((Localized(zh: "选择演示版本（\(names.joined(separator: "、"))）：",
                                    en: "Choose a demo variant (\(names.joined(separator: ", "))):"),
                          Localized(zh: "proctutor run \(n) --variant 名称", en: "proctutor run \(n) --variant NAME")))
        }
        items.append((Localized(zh: "做本课的测验：", en: "Take this lesson's quiz:"), same("proctutor quiz \(n) --plain")))
        if !isLast { items.append((Localized(zh: "下一课：", en: "Next lesson:"), same("proctutor learn \(n + 1)"))) }

        let note = Localized(
            zh: "这个终端无法显示全屏教程（TERM=dumb，或输出不是终端），因此以纯文本显示。",
            en: "This terminal cannot show the full-screen tutorial (TERM=dumb, or output is not a terminal), so here is the plain text.")
        var lines = TextWidth.wrap(note[lang], width: width)
        for (label, command) in items {
            lines += TextWidth.wrap(label[lang], width: width)
            lines.append("    " + command[lang])
        }
        return lines
    }

    static func render(_ block: Block, width: Int) -> [String] {
        switch block {
        case let .heading(level, inlines):
            let text = clean(flatten(inlines))
            let lines = TextWidth.wrap(text, width: width)
            guard level <= 2 else { return lines }
            let rule = level == 1 ? "=" : "-"
            return lines + [String(repeating: rule, count: min(width, lines.map(TextWidth.of).max() ?? 0))]
        case let .paragraph(inlines):
            return TextWidth.wrap(clean(flatten(inlines)), width: width)
        case let .list(start, items):
            var lines: [String] = []
            for (i, item) in items.enumerated() {
                let marker = start.map { "\($0 + i). " } ?? "- "
                let pad = String(repeating: " ", count: marker.count)
                let body = item.flatMap { render($0, width: width - marker.count) + [] }
                for (j, line) in body.enumerated() where !(line.isEmpty && j == body.count - 1) {
                    lines.append((j == 0 ? marker : pad) + line)
                }
            }
            return lines
        case let .code(_, text):
            // Code keeps its lines (wrapping would change its meaning); only controls are neutralised.
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + clean(String($0)) }
                .reversed().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.reversed()
        case let .quote(blocks):
            return blocks.flatMap { render($0, width: width - 2) }.map { "> " + $0 }
        case .thematicBreak:
            return [String(repeating: "-", count: min(width, 40))]
        }
    }

    /// Inline markup as plain text: emphasis keeps its words, code its backquotes, links their address.
    static func flatten(_ inlines: [Inline]) -> String {
        var text = ""
        var pendingBreak = false
        func append(_ piece: String) {
            if pendingBreak {
                // The same rule as the screen: nothing between CJK characters or next to CJK punctuation.
                text += TextWidth.softBreak(between: text.last, and: piece.first)
                pendingBreak = false
            }
            text += piece
        }
        for inline in inlines {
            switch inline {
            case .text(let s): append(s)
            case .emphasis(let inner), .strong(let inner): append(flatten(inner))
            case .code(let s): append("`\(s)`")
            case let .link(url, inner):
                let label = flatten(inner)
                append(label == url ? url : "\(label) (\(url))")
            case .softBreak: pendingBreak = true
            case .hardBreak: pendingBreak = false; text += "\n"
            }
        }
        return text
    }

    /// Terminal-safe text (Core's `Sanitizer`), keeping the line breaks that wrapping honours.
    private static func clean(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.sanitize(String($0)) }.joined(separator: "\n")
    }
}
