/// A program's text with its tokens, for the code pane. Tokens come from Python's own `tokenize` module
/// (ProcTutorLessons.PythonTokens), never from regular expressions.
public struct SourceCode: Equatable, Sendable {
    public var text: String
    /// Tokens in source order; gaps between them (spaces, newlines) are plain text.
    public var tokens: [SourceToken]

    public init(text: String, tokens: [SourceToken] = []) {
        self.text = text
        self.tokens = tokens
    }
}

/// One token of a program. Positions are as `tokenize` reports them: 1-based lines, 0-based columns counted
/// in code points; a token may span lines (a triple-quoted string).
public struct SourceToken: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case keyword, builtin, definition, name, string, number, comment, op, decorator
    }

    public var kind: Kind
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(kind: Kind, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.kind = kind
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }
}
