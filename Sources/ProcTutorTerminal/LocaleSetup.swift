@preconcurrency import Glibc
import ProcTutorCore

/// The C library's locale for the screen: the user's, or a UTF-8 one that exists when the user's cannot be used.
///
/// ncurses draws wide and non-ASCII characters only in a UTF-8 locale. `LANG=zh_CN.UTF-8` on a machine where that
/// locale is not installed makes `setlocale(LC_ALL, "")` fail, which leaves the C locale: every Chinese and
/// box-drawing character came out blank. Then `C.UTF-8` is used (then `en_US.UTF-8`), and the caller says so
/// once after the screen is gone (`note`). The lessons' language is not the C locale's: it still comes from
/// `--lang` and LANG (`Lang.preferred`).
public enum LocaleSetup {
    /// What was asked for and what is used instead.
    public struct Fallback: Equatable, Sendable {
        /// The locale the environment named (`zh_CN.UTF-8`), and the variable that named it.
        public var requested: String
        public var variable: String
        /// Set when the locale exists but is not UTF-8 (`ISO-8859-1`); nil when it cannot be set at all.
        public var codeset: String?
        /// The locale in use (`C.UTF-8`), or nil when no UTF-8 locale could be set either.
        public var used: String?
    }

    /// The locales tried, in order, when the environment's cannot be used.
    static let candidates = ["C.UTF-8", "C.utf8", "en_US.UTF-8"]

    nonisolated(unsafe) private static var done = false
    nonisolated(unsafe) private static var result: Fallback?

    /// The fallback the screen took, if it took one (after `activate`).
    public static var fallback: Fallback? { result }

    /// Sets the locale from the environment, or a UTF-8 fallback; once per process (later calls change nothing).
    @discardableResult
    public static func activate(environment: [String: String]) -> Fallback? {
        if done { return result }
        done = true
        let ok = setlocale(LC_ALL, "") != nil
        let codeset = currentCodeset()
        if ok, isUTF8(codeset) { return nil }
        let (variable, requested) = requestedLocale(environment)
        var used: String?
        for name in candidates where setlocale(LC_ALL, name) != nil && isUTF8(currentCodeset()) {
            used = name.hasPrefix("C.") ? "C.UTF-8" : name
            break
        }
        if used == nil { _ = setlocale(LC_ALL, ok ? "" : "C") }
        result = Fallback(requested: requested, variable: variable, codeset: ok ? codeset : nil, used: used)
        return result
    }

    /// The variable that decides the character set (LC_ALL, LC_CTYPE, LANG) and its value.
    static func requestedLocale(_ environment: [String: String]) -> (variable: String, value: String) {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let v = environment[key], !v.isEmpty { return (key, v) }
        }
        return ("LANG", "C")
    }

    static func currentCodeset() -> String {
        guard let p = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: p)
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let c = codeset.uppercased().filter { $0 != "-" }
        return c == "UTF8"
    }

    /// One line for stderr after the screen is gone, in the tutorial's language.
    public static func note(_ f: Fallback, lang: Lang) -> String {
        let why: String
        switch (lang, f.codeset) {
        case (.zh, nil): why = "区域设置 \(f.requested)（来自 \(f.variable)）在本机未安装"
        case let (.zh, c?): why = "区域设置 \(f.requested)（来自 \(f.variable)）的字符集是 \(c)，不是 UTF-8"
        case (.en, nil): why = "the locale \(f.requested) (from \(f.variable)) is not installed on this machine"
        case let (.en, c?): why = "the locale \(f.requested) (from \(f.variable)) uses \(c), not UTF-8"
        }
        switch (lang, f.used) {
        case let (.zh, used?):
            return "proctutor：\(why)，屏幕改用 \(used) 显示中文和边框。"
                + (f.codeset == nil ? "可安装该区域设置（如 sudo locale-gen \(f.requested)），或" : "可")
                + "把 \(f.variable) 设为 locale -a 列出的 UTF-8 区域设置。"
        case (.zh, nil):
            return "proctutor：\(why)，也找不到 C.UTF-8 或 en_US.UTF-8：中文和边框可能显示为空白。"
        case let (.en, used?):
            return "proctutor: \(why); the screen used \(used) instead. "
                + (f.codeset == nil ? "Install it (e.g. sudo locale-gen \(f.requested)) or set" : "Set")
                + " \(f.variable) to a UTF-8 locale that `locale -a` lists."
        case (.en, nil):
            return "proctutor: \(why), and neither C.UTF-8 nor en_US.UTF-8 is available: non-ASCII text and box "
                + "drawing may show blank."
        }
    }
}
