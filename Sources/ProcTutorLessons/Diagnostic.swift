/// One problem found in a lessons folder, printed as `path:line:col: message`.
///
/// `line` and `column` are 1-based and present wherever the file has them (YAML nodes, Markdown blocks,
/// Python syntax errors); a problem about a whole file or folder has neither.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Equatable, Sendable {
        /// Makes `proctutor check` fail.
        case error
        /// Reported; fails `proctutor check` only with `--strict`.
        case warning
    }

    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var severity: Severity

    public init(path: String, line: Int? = nil, column: Int? = nil, _ message: String, severity: Severity = .error) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// `path:line:col: message`; warnings say so after the position.
    public var description: String {
        var s = path
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        s += ": "
        if severity == .warning { s += "warning: " }
        return s + message
    }
}
