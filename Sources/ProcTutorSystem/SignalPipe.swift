import CProcShim
@preconcurrency import Glibc
import Synchronization

/// The self-pipe: a signal's handler writes the signal's number as one byte, the loop polls the read end and
/// does the work. The one way this program handles signals (the supervisor, which must not be interrupted at all,
/// reads them from a `SignalDescriptor` instead). One pipe at a time per process: the C handler writes to one
/// global descriptor, so a second live pipe would take the first one's signals; making one while another is
/// live is refused.
public final class SignalPipe {
    /// Whether a pipe is live (made and not yet restored) in this process.
    private static let live = Atomic<Bool>(false)

    public let readFD: Int32
    public let signals: [Int32]
    private let writeFD: Int32
    private var restored = false

    /// Takes `signals` over until `restore()` (or deinit).
    public init(signals: [Int32]) throws(RunError) {
        guard Self.live.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            throw RunError(zh: "内部错误：已经有一个信号管道在用", en: "internal error: a signal pipe is already live")
        }
        var fds: [Int32] = [-1, -1]
        guard procshim_pipe_cloexec(&fds) == 0 else {
            Self.live.store(false, ordering: .releasing)
            let reason = String(cString: strerror(errno))
            throw RunError(zh: "无法创建信号管道：\(reason)", en: "cannot create the signal pipe: \(reason)")
        }
        readFD = fds[0]
        writeFD = fds[1]
        self.signals = signals
        // Non-blocking: a handler must never block on a full pipe, the loop never on an empty one.
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        guard install() else {
            restore()
            throw RunError(zh: "无法安装信号处理程序（sigaction）", en: "cannot install the signal handlers (sigaction)")
        }
    }

    private func install() -> Bool {
        signals.withUnsafeBufferPointer {
            procshim_signal_pipe_install(writeFD, $0.baseAddress, Int32($0.count)) == 0
        }
    }

    /// The handlers again (after a signal was set to its default action).
    public func reinstall() {
        _ = install()
    }

    /// The signals that arrived since the last call, in order (duplicates kept).
    public func drain() -> [Int32] {
        var result: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            result += buffer[0..<n].map { Int32($0) }
        }
        return result
    }

    /// Ctrl-Z for real: SIGTSTP's default action, raised. Returns once the shell continues us (fg, bg), with the
    /// handlers back.
    public func stopUntilContinued() {
        procshim_signal_default(SIGTSTP)
        raise(SIGTSTP)
        reinstall()
    }

    /// Every signal back to what it did before, the pipe closed. Idempotent.
    public func restore() {
        guard !restored else { return }
        restored = true
        for sig in signals { procshim_signal_restore(sig) }
        close(readFD)
        close(writeFD)
        Self.live.store(false, ordering: .releasing)
    }

    deinit { restore() }
}

/// Signals for the supervisor: blocked, then read from a descriptor its poll watches (no handler ever runs).
public enum SignalDescriptor {
    /// Blocks `signals` in this thread and returns a non-blocking signalfd for them, or -1.
    public static func open(_ signals: [Int32]) -> Int32 {
        var list = signals + [0]
        procshim_block_signals(&list)
        return procshim_signalfd(&list)
    }

    /// One pending signal from `fd`: its number, 0 if none is pending, -1 on error.
    public static func next(_ fd: Int32) -> Int32 {
        procshim_signalfd_read(fd)
    }
}

/// Signal dispositions of this process.
public enum Signals {
    /// Ignores each of `signals` (a program we start gets default dispositions back: `Spawner.spawn`).
    public static func ignore(_ signals: [Int32]) {
        for sig in signals { procshim_signal_ignore(sig) }
    }
}
