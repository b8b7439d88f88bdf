extension Lang {
    /// The language the locale asks for: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX precedence);
    /// a value starting with `zh` means Chinese, anything else English.
    public static func preferred(environment: [String: String]) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty {
                return v.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}
