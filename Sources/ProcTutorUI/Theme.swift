import ProcTutorCore

/// The styles of the tutorial, by meaning. Every style that matters carries an attribute (bold, dim, reverse,
/// underline) as well as its colour, so a monochrome or `NO_COLOR` terminal still shows the difference.
public enum Theme {
    public static let text = Style.plain
    public static let border = Style(dim: true)
    public static let borderFocused = Style(fg: .cyan, bold: true)
    public static let title = Style(bold: true)
    public static let titleFocused = Style(fg: .cyan, bold: true, reverse: true)
    public static let heading = Style(fg: .yellow, bold: true)
    public static let emphasis = Style(underline: true)
    public static let strong = Style(bold: true)
    public static let inlineCode = Style(fg: .green, bold: true)
    public static let codeBlock = Style(fg: .green)
    public static let quote = Style(fg: .blue, dim: false)
    public static let link = Style(fg: .blue, underline: true)
    public static let hint = Style(dim: true)
    public static let key = Style(fg: .cyan, bold: true)
    public static let keyBar = Style.plain
    public static let selected = Style(reverse: true)
    public static let tabActive = Style(fg: .cyan, bold: true, reverse: true)
    public static let tabInactive = Style(dim: true)
    public static let newRow = Style(fg: .green, bold: true)
    /// Plain, not dim: dim text washes out on a projector, and the STATE column (`exit 0`, `killed SIGTERM`)
    /// and ALIVE (`no`) already say the process is gone.
    public static let exitedRow = Style.plain
    public static let zombie = Style(fg: .magenta, bold: true)
    public static let stopped = Style(fg: .yellow, bold: true)
    public static let error = Style(fg: .red, bold: true)
    /// A run's start method on the processes pane's title when it is not the interpreter's default.
    public static let badge = Style(fg: .yellow, bold: true, reverse: true)
    public static let alarm = Style(fg: .white, bg: .red, bold: true, reverse: false)
    public static let ok = Style(fg: .green, bold: true)
    public static let wrong = Style(fg: .red, bold: true)
    public static let lineNumber = Style(dim: true)
    /// The replay line: reverse video, so that nobody mistakes the past for the live run.
    public static let timeBar = Style(fg: .yellow, bold: true, reverse: true)
    /// The time cursor's column on the timeline.
    public static let cursor = Style(fg: .yellow, bold: true)

    /// Colours that tell processes apart (output tags, timeline lanes), cycled by birth order.
    public static let processColors: [Color] = [.cyan, .green, .yellow, .magenta, .blue, .red]

    public static func process(_ order: Int) -> Style {
        Style(fg: processColors[order % processColors.count])
    }
}
