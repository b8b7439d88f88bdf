extension TextWidth {
    /// Makes untrusted text (a demo's output, a file name) safe to draw: nothing in it can reach a terminal as a
    /// control sequence.
    ///
    /// C0 controls become their Unicode control pictures (ESC → `␛`, NUL → `␀`), DEL becomes `␡`, C1 controls
    /// (which some terminals obey as CSI and friends) become U+FFFD, tabs expand to the next multiple of
    /// `tabWidth` columns. Newlines are kept only when `keepNewlines` is set (multi-line text); otherwise they
    /// become `␊`. Invalid UTF-8 was already turned into U+FFFD when the bytes were decoded.
    public static func sanitize(_ text: String, tabWidth: Int = 8, keepNewlines: Bool = false) -> String {
        // Fast path: most text has nothing to replace.
        if !text.unicodeScalars.contains(where: needsReplacing) { return text }
        var out = String.UnicodeScalarView()
        var column = 0
        for s in text.unicodeScalars {
            let v = s.value
            switch v {
            case 0x09:
                let n = tabWidth - column % tabWidth
                out.append(contentsOf: repeatElement(" ", count: n))
                column += n
            case 0x0A where keepNewlines:
                out.append(s)
                column = 0
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + v)!)
                column += 1
            case 0x7F:
                out.append("\u{2421}")
                column += 1
            case 0x80..<0xA0:
                out.append("\u{FFFD}")
                column += 1
            default:
                out.append(s)
                column += of(scalar: s)
            }
        }
        return String(out)
    }

    private static func needsReplacing(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)
    }
}
