import ProcTutorCore
import ProcTutorUI

/// A frame the backend can draw. `CellBuffer` is one; the loop needs nothing else from it.
public protocol CellGrid {
    var width: Int { get }
    var height: Int { get }
    subscript(x: Int, y: Int) -> Cell { get }
}

/// A running demo as the loop sees it: an fd to poll, events to drain, and the controls. `SupervisedRun` is one.
public protocol DemoRun: AnyObject {
    /// Readable whenever `drain()` has something (or the run ended).
    var fd: Int32 { get }
    /// Every event that arrived since the last call, in order.
    func drain() -> [Event]
    /// True once the last event (the summary) has been drained.
    var isFinished: Bool { get }
    /// Stops the whole tree and waits until it is gone.
    func stop()
    func pause()
    func resume()
}

/// The pure app and the side effects the loop cannot do by itself, supplied by the `proctutor` executable.
public struct TutorialHooks {
    /// `App.update` on the app's state.
    public var update: (AppMsg) -> [AppCommand]
    /// `App.view` of the current state, at the size of the last `.resize` message.
    public var view: () -> any CellGrid
    /// Starts a run (`.startRun`).
    public var startRun: (RunRequest) throws -> any DemoRun
    /// Persists the progress in the app's state (`.saveProgress`, and once more on any way out).
    public var saveProgress: () -> Void
    /// Whether the app wants `.frame` messages now (a replay plays): the loop then wakes once a frame, and
    /// not at all otherwise.
    public var wantsFrames: () -> Bool = { false }
    /// Told once the terminal is set up, before the first frame: whether colours are drawn (false on a
    /// monochrome terminal or with `NO_COLOR`), so the app can lean on bold, dim and reverse instead.
    public var started: (_ colored: Bool) -> Void = { _ in }
    /// Messages sent once the screen's size is known, before the first frame, as if the student had typed
    /// them: `proctutor watch` starts its run with `r`.
    public var opening: [AppMsg] = []
    /// Work started before the first frame that the first frame must not wait for (the code's colours): each
    /// fd joins the loop's one poll, and the loop redraws after each wake-up.
    public var background: [BackgroundWork] = []
    /// Work the first frame must not wait for, done once, as soon as that frame is on the terminal and before
    /// the first key is read (keys typed meanwhile wait in the terminal): the tutorial loads its other lessons
    /// and starts colouring the code here. Its jobs join `background`; the loop redraws after it.
    public var afterFirstFrame: () -> [BackgroundWork] = { [] }
    /// Runs $EDITOR on the file (`.openEditor`) while the loop has given the terminal back; returns when it exits.
    public var openEditor: (_ path: String) -> Void = { _ in }

    public init(update: @escaping (AppMsg) -> [AppCommand], view: @escaping () -> any CellGrid,
                startRun: @escaping (RunRequest) throws -> any DemoRun,
                saveProgress: @escaping () -> Void) {
        self.update = update
        self.view = view
        self.startRun = startRun
        self.saveProgress = saveProgress
    }
}

/// A side job whose fd joins the loop's poll: `readable` is called when it is ready and returns true once the
/// job is done (the loop then forgets it); `cancel` is called if the loop ends first.
public struct BackgroundWork {
    public var fd: Int32
    public var readable: () -> Bool
    public var cancel: () -> Void
    /// Messages for the app after `readable` (a watched file was saved), sent as if they had arrived.
    public var messages: () -> [AppMsg] = { [] }

    public init(fd: Int32, readable: @escaping () -> Bool, cancel: @escaping () -> Void) {
        self.fd = fd
        self.readable = readable
        self.cancel = cancel
    }
}

/// How the loop ended.
public enum LoopExit: Equatable, Sendable {
    /// The app asked to quit.
    case quit
    /// A signal told us to go (SIGINT/Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) or the terminal went away.
    case signal(Int32)
    /// The student asked for this lesson's exercise (`x`): the caller opens it, then the tutorial again.
    case openExercise(String)

    /// The conventional exit status: 0, or 128 + the signal.
    public var exitCode: Int32 {
        switch self {
        case .quit, .openExercise: 0
        case .signal(let sig): 128 + sig
        }
    }
}
