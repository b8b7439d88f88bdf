/// Foundation's whitespace sets as plain Swift: `trimmingCharacters(in:)` bridged every lesson text through
/// `NSString` (UTF-16 copies both ways), ~10% of loading the lessons.
extension Unicode.Scalar {
    /// In `CharacterSet.whitespacesAndNewlines`: Unicode White_Space, and U+200B as Foundation adds it.
    var isBlank: Bool { properties.isWhitespace || value == 0x200B }

    /// In `CharacterSet.whitespaces`: space separators (Zs), tab, and U+200B as Foundation adds it.
    var isSpaceOrTab: Bool { properties.generalCategory == .spaceSeparator || value == 0x09 || value == 0x200B }
}

extension String {
    /// Whether the text is empty or only `isBlank` scalars.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.isBlank) }

    /// The text without the scalars `drop` holds at its start and end (as `trimmingCharacters(in:)`).
    func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
              let last = scalars.lastIndex(where: { !drop($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
