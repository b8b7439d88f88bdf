import ProcTutorCore

/// Texts of the key table (`KeyTable.rows`) beyond the help lines written there.
enum SK {
    /// After "next demo variant" when the lesson has one demo.
    static let onlyOneVariant = Localized(zh: "（本课只有一个版本）", en: " (this lesson has only one)")
    /// The key column of the help row for the help and failures boxes.
    static let boxKeys = Localized(zh: "↑↓ PgUp PgDn", en: "↑↓ PgUp PgDn")
}
