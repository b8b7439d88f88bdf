/// Lesson text after CommonMark parsing: a small tree of pure values that widgets render.
/// Only the constructs lessons use are kept; anything else is flattened to text by the loader.
public indirect enum Block: Equatable, Sendable {
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    /// `start` is the first number of an ordered list, nil for a bullet list. Each item is a list of blocks.
    case list(start: Int?, items: [[Block]])
    /// A fenced or indented code block; `info` is the fence's info string (e.g. `python`), possibly empty.
    case code(info: String, text: String)
    case quote([Block])
    case thematicBreak
}

public indirect enum Inline: Equatable, Sendable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case code(String)
    case link(url: String, [Inline])
    /// A line break in the source that renders as a space (or nothing between CJK characters).
    case softBreak
    case hardBreak
}

/// A parsed lesson text.
public struct Document: Equatable, Sendable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }
}
