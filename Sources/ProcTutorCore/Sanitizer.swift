/// Makes program output safe to show on a terminal: no raw control character or escape sequence ever passes.
///
/// Invalid UTF-8 becomes U+FFFD; C0 controls and DEL become their visible Control Pictures (ESC → `␛`);
/// C1 controls become `\u{9b}`-style text; tabs expand to the next multiple of `tabWidth` columns
/// (counted in characters: the plain printer's columns, the UI re-measures widths itself).
public enum Sanitizer {
    /// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD. Control characters are kept.
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: Array(bytes), as: UTF8.self)
    }

    /// The same without a copy first (every raw line of a run passes here).
    public static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The visible, terminal-safe form of one line of text.
    public static func sanitize(_ text: String, tabWidth: Int = 8) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        var column = 0
        for u in text.unicodeScalars {
            switch u.value {
            case 0x09:
                let n = tabWidth - column % tabWidth
                out.append(contentsOf: repeatElement(" ", count: n))
                column += n
                continue
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + u.value)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80..<0xA0:
                let hex = String(u.value, radix: 16)
                out.append(contentsOf: "\\u{\(hex)}".unicodeScalars)
                column += 4 + hex.count
                continue
            default:
                out.append(u)
            }
            column += 1
        }
        return String(out)
    }

    /// No C0 control (tab included), DEL or C1 control: nothing to replace. Most lines are like this, and a byte
    /// scan is much cheaper than rebuilding the string scalar by scalar. C1 controls are U+0080–U+009F, in UTF-8
    /// the byte 0xC2 followed by 0x80–0x9F.
    static func isClean(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b < 0x20 || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { return false }
            previous = b
        }
        return true
    }

    /// Bytes to a safe line: decode, then sanitise.
    public static func sanitize<C: Collection>(bytes: C, tabWidth: Int = 8) -> String where C.Element == UInt8 {
        sanitize(decode(bytes), tabWidth: tabWidth)
    }
}
