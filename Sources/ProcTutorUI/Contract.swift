import ProcTutorCore

// The contract between the pure UI (this target) and the terminal backend (ProcTutorTerminal).
// The backend turns the world into `AppMsg`s, calls `App.update`, executes the returned `AppCommand`s,
// and draws `App.view` into the terminal. Nothing here touches a terminal or a process.

/// The 8 ANSI colours plus the terminal's default. Monochrome and NO_COLOR backends ignore colours.
public enum Color: UInt8, Equatable, Sendable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

/// One screen cell. A double-width character occupies its cell (width 2) and the next one,
/// which is a continuation cell (width 0, empty text) that backends skip.
public struct Cell: Equatable, Sendable {
    /// One grapheme cluster, already sanitised (never a control character); " " for blank.
    public var text: String
    /// 1 for normal, 2 for the first half of a wide character, 0 for the continuation half.
    public var width: UInt8
    public var style: Style

    public init(text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    public static let continuation = Cell(text: "", width: 0)
}

/// A key or mouse event, decoded by the backend.
public enum Key: Equatable, Sendable {
    case char(Character)
    case ctrl(Character)
    case enter, escape, backspace, tab, backTab
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
    case click(x: Int, y: Int)
}

/// Which run a message is about. The app numbers the runs it asks for, so the last events of a run it replaced
/// (re-run, another lesson) are told from the new run's by their id alone, in whatever order they arrive.
public struct RunID: Hashable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(_ number: Int) { self.number = number }

    public var description: String { "run \(number)" }
}

/// A run the app asks for: all the backend needs to start it, limit it and label its recording.
public struct RunRequest: Equatable, Sendable {
    public var id: RunID
    /// The program's absolute path.
    public var program: String
    /// The lesson and demo variant the run header names; nil for a program that is not a lesson's demo
    /// (`proctutor watch`'s script, an exercise's file).
    public var lessonID: String?
    public var variant: String
    /// A forced start method; nil: the program's own or the interpreter's default.
    public var startMethod: StartMethod?
    /// Seconds until the whole tree is stopped; nil: the backend's default.
    public var timeout: Double?
    /// The program's command-line arguments (`proctutor watch FILE -- ARGS`).
    public var arguments: [String]

    public init(id: RunID, program: String, lessonID: String?, variant: String, startMethod: StartMethod?,
                timeout: Double?, arguments: [String] = []) {
        self.id = id
        self.program = program
        self.lessonID = lessonID
        self.variant = variant
        self.startMethod = startMethod
        self.timeout = timeout
        self.arguments = arguments
    }
}

/// Everything that can happen to the app.
public enum AppMsg: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// One event of a run, in that run's arrival order.
    case run(RunID, Event)
    /// That run's event stream ended (the summary was the last event, or the supervisor was lost).
    case runEnded(RunID)
    /// A clock tick of the run that is going (the newest, not asked to stop); `now` is seconds since it started.
    case tick(now: Double)
    /// `proctutor exercise`: the student's file was saved (or came back), or removed.
    case exerciseFileSaved
    case exerciseFileRemoved
    /// The saved file does not compile: Python's own message and position (the run still shows the traceback).
    case exerciseFileProblem(String)
    /// A frame of a replay that plays (sent about 30 times a second while `App.wantsFrames`); `wall` is any
    /// monotonic clock in seconds.
    case frame(wall: Double)
}

/// What the app asks the backend to do; the backend reports back with `AppMsg`s.
public enum AppCommand: Equatable, Sendable {
    /// Start a run under the tracer; its events come back as `.run(request.id, …)`, then `.runEnded(request.id)`.
    case startRun(RunRequest)
    /// Stop that run's whole tree; its last events and its end still arrive.
    case stopRun(RunID)
    /// Freeze (SIGSTOP) or thaw (SIGCONT) every process of the run that is going.
    case pauseRun
    case resumeRun
    /// Persist progress (the backend owns the progress store).
    case saveProgress
    /// Give the terminal to $EDITOR on this file, take it back when the editor exits.
    case openEditor(path: String)
    /// Leave the tutorial to open this lesson's exercise (`x`); the tutorial comes back after it.
    case openExercise(lessonID: String)
    case quit
}
