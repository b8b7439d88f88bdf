extension TextWidth {
    /// Wraps text into lines of at most `width` columns.
    ///
    /// Latin text breaks at spaces; CJK text may break between any two characters, except before closing
    /// punctuation (`，。、）」` …) and after opening punctuation (`（「` …). A word longer than the line is cut
    /// at a character boundary; a wide character is never split. Newlines in `text` end lines. The spaces at a
    /// break are dropped.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let chars = Array(paragraph)
            for r in breakLines(chars, widths: chars.map(of), width: width) {
                lines.append(String(chars[r]))
            }
        }
        return lines
    }

    /// Line ranges for `chars` (one paragraph, no newlines) wrapped at `width` columns; the rules of `wrap`.
    /// Styled text wraps through this too, so that plain and styled wrapping agree.
    public static func breakLines(_ chars: [Character], widths: [Int], width: Int) -> [Range<Int>] {
        let n = chars.count
        guard n > 0 else { return [0..<0] }
        let width = max(1, width)
        var lines: [Range<Int>] = []
        var start = 0, i = 0, w = 0
        var breakEnd = -1, breakNext = 0  // the last place the current line may end, and where the next begins

        while i < n {
            if chars[i] == " " {
                var j = i
                while j < n && chars[j] == " " { j += 1 }
                if i > start { breakEnd = i; breakNext = j }
                if w + (j - i) > width && i > start {
                    lines.append(start..<i)
                    start = j; i = j; w = 0; breakEnd = -1
                    continue
                }
                w += j - i
                i = j
                continue
            }
            if i > start && canBreak(between: chars[i - 1], and: chars[i], widths[i - 1], widths[i]) {
                breakEnd = i; breakNext = i
            }
            if w + widths[i] > width && i > start {
                if breakEnd > start {
                    lines.append(start..<breakEnd)
                    start = breakNext
                    w = widths[start..<i].reduce(0, +)
                } else {
                    lines.append(start..<i)
                    start = i; w = 0
                }
                breakEnd = -1
                continue
            }
            w += widths[i]
            i += 1
        }
        if start < n || lines.isEmpty { lines.append(start..<n) }
        return lines
    }

    /// Whether a line may end between `a` and `b` (neither a space).
    static func canBreak(between a: Character, and b: Character, _ wa: Int, _ wb: Int) -> Bool {
        guard wa == 2 || wb == 2 else { return false }  // Latin words stay whole
        return !noBreakBefore.contains(b) && !noBreakAfter.contains(a)
    }

    /// Characters that must not start a line (kinsoku): CJK closing punctuation and Latin punctuation that
    /// follows a word.
    public static let noBreakBefore: Set<Character> = Set("，。、；：！？）」』】〕〉》’”…‥·・ーゝゞヽヾ々〻ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:!?)]}%")
    /// Characters that must not end a line: opening brackets.
    public static let noBreakAfter: Set<Character> = Set("（「『【〔〈《‘“([{")
}
