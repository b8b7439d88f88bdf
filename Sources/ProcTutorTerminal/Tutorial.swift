@preconcurrency import Glibc
import ProcTutorSystem

/// Entry point of the full-screen tutorial: decides curses or plain mode, owns setup and teardown.
public enum Tutorial {
    /// Whether the terminal can take the full-screen tutorial: stdin and stdout are terminals and `TERM` names
    /// a terminal with cursor addressing. Otherwise (`TERM=dumb`, a pipe, a screen reader's line mode) the caller
    /// prints the plain form instead, and never starts curses.
    public static func canRunFullScreen(environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb", term != "unknown" else { return false }
        return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Runs the tutorial until the student quits or a signal ends it, and gives the terminal back in every case
    /// the process survives (a crash is covered by the fatal-signal handlers installed at start).
    ///
    /// - Throws: `TerminalError` if curses cannot start (the terminal is left as it was), `LoopError` if the
    ///   signal pipe cannot be made.
    public static func run(hooks: TutorialHooks, environment: [String: String]) throws -> LoopExit {
        // Handlers first: curses then leaves SIGWINCH/SIGTSTP/SIGINT to us instead of installing its own.
        let signals: SignalPipe
        do { signals = try SignalPipe(signals: TutorialLoop.signals) } catch { throw LoopError.setup(error.description) }
        // A write to a closed pipe (a dead demo's stdin, a broken terminal) must be an error, not our death.
        Signals.ignore([SIGPIPE])
        let screen = CursesScreen()
        try screen.start(environment: environment)
        defer { screen.stop() }
        hooks.started(screen.colored)
        let loop = TutorialLoop(hooks: hooks, screen: screen, signals: signals,
                                crashAfter: CrashHook.delay(in: environment))
        return loop.runUntilExit()
    }
}
