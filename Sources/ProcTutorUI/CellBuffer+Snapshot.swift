/// The reviewable text form of a frame, for snapshot tests (after ratatui's `Buffer` debug form).
///
/// Rows are quoted (so trailing blanks show), then the style runs: one entry per place where the style
/// changes, in reading order, as `x,y: style`. A frame in one plain style has a single entry.
///
/// ```
/// "┌ Lesson ──┐"
/// "│ 你好     │"
/// "└──────────┘"
/// styles:
///   0,0: bold fg=cyan
///   9,0: plain
/// ```
extension CellBuffer {
    public var snapshot: String {
        var out = (0..<height).map { "\"" + rowText($0) + "\"" }
        out.append("styles:")
        var last: Style?
        for y in 0..<height {
            for x in 0..<width where self[x, y].width != 0 {
                let s = self[x, y].style
                if s != last {
                    out.append("  \(x),\(y): \(s.snapshotName)")
                    last = s
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension Style {
    /// `plain`, or the attributes that differ from plain: `bold dim reverse underline fg=red bg=blue`.
    public var snapshotName: String {
        var parts: [String] = []
        if bold { parts.append("bold") }
        if dim { parts.append("dim") }
        if reverse { parts.append("reverse") }
        if underline { parts.append("underline") }
        if fg != .default { parts.append("fg=\(fg)") }
        if bg != .default { parts.append("bg=\(bg)") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
