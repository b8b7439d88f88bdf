/// The reviewable text form of a frame, for snapshot tests: the text grid, then a style mask of the same shape.
///
/// Rows are quoted (so trailing blanks show). The mask has one character a column: `.` for plain, a letter for
/// each other style in order of first appearance, both halves of a wide character alike; the legend names the
/// letters. Text and mask line up column for column, so a reviewer sees at a glance which cells are bold or
/// reversed, and a style change shows as a changed mask row rather than renumbered coordinates (after
/// ratatui's `Buffer` debug form, with the style runs folded into a grid).
///
/// ```
/// "┌ Lesson ──┐"
/// "│ 你好     │"
/// styles:
/// "aaaaaaaa...."
/// "..bbbb......"
///   a: bold fg=cyan
///   b: reverse
/// ```
extension CellBuffer {
    public var snapshot: String {
        var out = (0..<height).map { "\"" + rowText($0) + "\"" }
        out.append("styles:")
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        for y in 0..<height {
            var mask = ""
            var current: Character = "."
            for x in 0..<width {
                let cell = self[x, y]
                // A wide character's trailing half takes the letter of its leading half.
                if cell.width != 0 {
                    current = Self.maskLetter(for: cell.style, letters: &letters, legend: &legend)
                }
                mask.append(current)
            }
            out.append("\"" + mask + "\"")
        }
        out.append(contentsOf: legend)
        return out.joined(separator: "\n") + "\n"
    }

    /// Letters a–z, A–Z, then 0–9 and further symbols: a frame has a handful of styles, never that many.
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#%&*+=@^~")

    private static func maskLetter(for style: Style, letters: inout [Style: Character],
                                   legend: inout [String]) -> Character {
        if style == .plain { return "." }
        if let letter = letters[style] { return letter }
        let letter = letters.count < alphabet.count ? alphabet[letters.count] : "?"
        letters[style] = letter
        legend.append("  \(letter): \(style.snapshotName)")
        return letter
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
