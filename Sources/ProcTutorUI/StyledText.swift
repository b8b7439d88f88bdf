import ProcTutorCore

/// A run of text in one style.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line of styled text (no newlines).
public struct StyledLine: Equatable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    public init(_ text: String, _ style: Style = .plain) {
        spans = [Span(text, style)]
    }

    public var text: String { spans.map(\.text).joined() }
    public var width: Int { spans.reduce(0) { $0 + TextWidth.of($1.text) } }

    public mutating func append(_ text: String, _ style: Style = .plain) {
        if let last = spans.last, last.style == style {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text, style))
        }
    }

    /// Wraps the line to `width` columns with the rules of `TextWidth.wrap` (CJK-aware), keeping styles.
    /// Continuation lines start with `indent` (a hanging indent for list items and quotes).
    public func wrapped(width: Int, indent: StyledLine = StyledLine()) -> [StyledLine] {
        var chars: [Character] = []
        var styles: [Style] = []
        for span in spans {
            for c in span.text { chars.append(c); styles.append(span.style) }
        }
        let widths = chars.map(TextWidth.of)
        let restWidth = max(1, width - indent.width)
        // Two passes at most, so a paragraph wraps in linear time: the first line at the full width, then the
        // remainder once at the narrower width (the old loop re-broke the whole remainder after every line).
        var ranges = TextWidth.breakLines(chars, widths: widths, width: width)
        if ranges.count > 1 && restWidth != width {
            let offset = ranges[1].lowerBound
            ranges = [ranges[0]] + TextWidth.breakLines(Array(chars[offset...]), widths: Array(widths[offset...]),
                                                       width: restWidth).map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        }
        return ranges.enumerated().map { n, r in
            var line = n == 0 ? StyledLine() : indent
            var k = r.lowerBound
            while k < r.upperBound {
                // One append per run of equal style, not one per character.
                var end = k + 1
                while end < r.upperBound && styles[end] == styles[k] { end += 1 }
                line.append(String(chars[k..<end]), styles[k])
                k = end
            }
            return line
        }
    }
}

extension StyledLine {
    /// Cuts the line every `width` columns as a terminal does (a wide character never split), continuation
    /// lines starting with `indent`: for program output, where a word-wrap would move text a terminal keeps.
    public func hardWrapped(width: Int, indent: StyledLine = StyledLine()) -> [StyledLine] {
        var out: [StyledLine] = []
        var line = StyledLine()
        var used = 0
        for span in spans {
            var run = ""
            for c in span.text {
                let w = TextWidth.of(c)
                if used + w > width && used > indent.width {
                    if !run.isEmpty { line.append(run, span.style); run = "" }
                    out.append(line)
                    line = indent
                    used = indent.width
                }
                run.append(c)
                used += w
            }
            if !run.isEmpty { line.append(run, span.style) }
        }
        out.append(line)
        return out
    }
}

/// Core's `Sanitizer.sanitize`, skipped for the common text that has no control character in it (a frame
/// sanitises every string it draws; most of them are clean).
func screenSafe(_ text: String, tabWidth: Int = 8) -> String {
    text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
        ? Sanitizer.sanitize(text, tabWidth: tabWidth) : text
}
