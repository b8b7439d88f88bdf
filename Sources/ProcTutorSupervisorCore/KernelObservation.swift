import ProcTutorCore

/// What the supervisor learned from the kernel about one process.
public enum KernelObservation: Equatable, Sendable {
    /// The supervisor started the program's main process.
    case spawned(pid: PID, ppid: PID)
    /// A descendant found by walking `/proc` that nobody announced yet. `python` says whether its executable is a
    /// Python interpreter (which will announce itself through the tracer shortly).
    case discovered(pid: PID, ppid: PID, command: String, python: Bool)
    /// The scheduler state `/proc/PID/stat` shows for a live process.
    case state(pid: PID, state: ProcState)
    /// The process has ended (its pidfd became readable). `zombie`: `/proc` still shows it, with this status;
    /// otherwise somebody already collected it and the status must come from the tracer.
    case ended(pid: PID, code: Int?, signal: Int?, zombie: Bool)
    /// The supervisor itself collected the status (its own child or an orphan it adopted as subreaper).
    case waited(pid: PID, code: Int?, signal: Int?)
}
