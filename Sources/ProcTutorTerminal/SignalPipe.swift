@preconcurrency import Glibc
import CNcursesShim

/// The self-pipe: signal handlers write the signal's number as one byte, the loop polls the read end.
///
/// Nothing but that `write` happens in a handler (see terminal_guard.c); curses and Swift code run in the loop.
final class SignalPipe {
    /// The signals the loop handles: resize, the three ways to be told to go, and job control.
    static let signals: [Int32] = [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT]

    let readFD: Int32
    private let writeFD: Int32

    init() throws(LoopError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .setup("pipe: \(String(cString: strerror(errno)))") }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            // Non-blocking: a handler must never block on a full pipe, the loop never on an empty one.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        // A write to a closed pipe (a dead demo's stdin, a broken terminal) must be an error, not our death.
        signal(SIGPIPE, SIG_IGN)
        guard Self.install(writeFD) else { throw .setup("sigaction failed") }
    }

    private static func install(_ fd: Int32) -> Bool {
        signals.withUnsafeBufferPointer { pt_signal_pipe_install(fd, $0.baseAddress, Int32($0.count)) }
    }

    /// Puts the handlers back (after SIGTSTP was set to its default to really stop).
    func reinstall() {
        _ = Self.install(writeFD)
    }

    /// The signals that arrived since the last call, in order (duplicates kept).
    func drain() -> [Int32] {
        var result: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            result += buffer[0..<n].map { Int32($0) }
        }
        return result
    }

    deinit {
        for sig in Self.signals { pt_signal_default(sig) }
        close(readFD)
        close(writeFD)
    }
}

/// Why the loop could not be set up.
public enum LoopError: Error, Equatable, CustomStringConvertible {
    case setup(String)

    public var description: String {
        switch self {
        case .setup(let what): "cannot set up the terminal loop: \(what)"
        }
    }
}
