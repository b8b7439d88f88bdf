extension TextWidth {
    /// What a CommonMark soft line break (a newline inside a paragraph) becomes between two characters.
    ///
    /// Nothing between two wide (CJK) characters, or next to wide CJK punctuation (`，。（）「」`): Chinese uses
    /// no spaces, and a source line may end anywhere in a sentence. One space everywhere else, including between
    /// a Latin word or code and a CJK character: that is CSS Text 3's segment-break rule (Firefox; Chrome always
    /// uses a space), and the lessons write that space inside their lines too (`` `kwargs` 是``). Nothing at the
    /// start or end of a paragraph. Every renderer of `Inline.softBreak` uses this one rule.
    public static func softBreak(between before: Character?, and after: Character?) -> String {
        guard let before, let after else { return "" }
        let wide = { (c: Character) in of(c) == 2 }
        let tight = { (c: Character) in wide(c) && (noBreakBefore.contains(c) || noBreakAfter.contains(c)) }
        if wide(before) && wide(after) { return "" }
        if tight(before) || tight(after) { return "" }
        return " "
    }
}
