/// Display width of text on a terminal, in columns, per grapheme cluster.
///
/// Widths come from `WidthTable` (generated from Unicode data by `scripts/gen-width-table.py`): East Asian Wide
/// and Fullwidth characters take 2 columns, combining and format characters 0, everything else 1. A cluster
/// takes the width of its first scalar, except that an emoji presentation selector (U+FE0F) or a flag (a pair
/// of regional indicators) makes it 2. Control characters count 0 here: sanitise untrusted text first
/// (`Sanitizer.sanitize`), which turns them into visible 1-column pictures.
public enum TextWidth {
    /// Columns taken by one code point on its own.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }  // ASCII fast path
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if contains(WidthTable.zero, v) { return 0 }
        if contains(WidthTable.wide, v) { return 2 }
        return 1
    }

    /// Columns taken by one grapheme cluster.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(scalar: first) }
        var base = of(scalar: first)
        for s in scalars.dropFirst() {
            if s.value == 0xFE0F { return 2 }  // emoji presentation
            if base == 0 { base = of(scalar: s) }  // a cluster that starts with a zero-width scalar
        }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }  // a flag: two regional indicators
        return base
    }

    /// Columns taken by a string (a single line; newlines count 0).
    public static func of(_ s: String) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    static func contains(_ table: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        if hi < 0 || v < table[0].0 || v > table[hi].1 { return false }
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < table[mid].0 { hi = mid - 1 } else if v > table[mid].1 { lo = mid + 1 } else { return true }
        }
        return false
    }
}

// MARK: - Truncation

extension TextWidth {
    /// The longest prefix of `text` that fits in `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let budget = width - of(ellipsis)
        guard budget >= 0 else { return prefix(text, width: width) }
        return prefix(text, width: budget) + ellipsis
    }

    /// The longest prefix of `text` that fits in `width` columns (a wide character that would cross is dropped).
    public static func prefix(_ text: String, width: Int) -> String {
        var out = ""
        var w = 0
        for c in text {
            let cw = of(c)
            if w + cw > width { break }
            out.append(c)
            w += cw
        }
        return out
    }

    /// `text` padded with spaces (or truncated with an ellipsis) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let t = truncate(text, to: width)
        let fill = String(repeating: " ", count: max(0, width - of(t)))
        return alignRight ? fill + t : t + fill
    }
}
