import CProcShim
import Glibc

/// Children and other processes: waiting for them, signalling them, watching them end.
public enum Child {
    /// Waits for `pid` to end and reaps it; its wait status.
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// Waits for a program that shares our terminal and process group (an editor), as system(3) does: SIGINT,
    /// SIGQUIT and SIGTSTP are ignored here meanwhile (Ctrl-C and Ctrl-Z are the editor's), and when the editor
    /// stops itself (Ctrl-Z in vim) this process stops too, so the shell sees the job stop; once continued (fg), it
    /// continues the editor. Its wait status at the end.
    public static func waitSharingTerminal(_ pid: pid_t) -> Int32 {
        let signals = [SIGINT, SIGQUIT, SIGTSTP]
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        let none = sigaction()
        var saved: [sigaction] = Array(repeating: none, count: signals.count)
        for (i, sig) in signals.enumerated() { sigaction(sig, &ignore, &saved[i]) }
        defer { for (i, sig) in signals.enumerated() { sigaction(sig, &saved[i], nil) } }
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, WUNTRACED) < 0 {
                if errno == EINTR { continue }
                return status
            }
            guard status & 0xFF == 0x7F else { return status }  // ended, not stopped
            kill(getpid(), SIGSTOP)
            kill(pid, SIGCONT)
        }
    }

    /// Reaps `pid` if it has ended; its wait status, or nil while it runs.
    public static func reapIfEnded(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? status : nil
    }

    /// What one `reapAny` found.
    public enum Reaped: Equatable, Sendable {
        /// A child that had ended, now reaped, with its wait status.
        case child(pid_t, status: Int32)
        /// Children are left, none has ended.
        case none
        /// No child is left at all.
        case noChildren
    }

    /// Reaps any one child that has ended, without waiting.
    public static func reapAny() -> Reaped {
        var status: Int32 = 0
        let pid = waitpid(-1, &status, WNOHANG)
        if pid > 0 { return .child(pid, status: status) }
        return pid < 0 && errno == ECHILD ? .noChildren : .none
    }

    /// Sends `signal` to `pid` (a negative pid: to that process group). False if it could not be sent.
    @discardableResult
    public static func send(_ signal: Int32, to pid: pid_t) -> Bool {
        kill(pid, signal) == 0
    }

    /// Whether `pid` leads its own session (it was started with one).
    public static func leadsSession(_ pid: pid_t) -> Bool {
        getsid(pid) == pid
    }

    /// A descriptor that becomes readable when `pid` ends (Linux 5.3+), or nil.
    public static func endDescriptor(_ pid: pid_t) -> Int32? {
        let fd = procshim_pidfd_open(pid)
        return fd >= 0 ? fd : nil
    }

    /// fork(), for a caller that has checked it is the only thread (Swift marks fork unavailable).
    public static func forkSingleThreaded() -> pid_t {
        procshim_fork()
    }

    /// The number of threads of this process, or -1 if unknown.
    public static func threadCount() -> Int32 {
        procshim_thread_count()
    }
}

/// Splits a wait status into an exit code or a signal number.
public func decodeWaitStatus(_ status: Int32) -> (code: Int?, signal: Int?) {
    let low = status & 0x7F
    if low == 0 { return (Int((status >> 8) & 0xFF), nil) }
    if low != 0x7F { return (nil, Int(low)) }
    return (nil, nil)
}
