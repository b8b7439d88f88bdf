import CProcShim
import Glibc

/// Starts processes with posix_spawn: clean signal state, chosen descriptors, optionally a new session.
public enum Spawner {
    /// What descriptor 0, 1 and 2 of the child become: an existing fd of ours, or /dev/null.
    public enum Slot: Sendable {
        case fd(Int32)
        case devNull
    }

    /// Starts `path` with `argv` (argv[0] included) and `env` (`KEY=VALUE`).
    /// The child gets default dispositions for every signal and an empty signal mask (the supervisor ignores
    /// SIGINT and blocks SIGCHLD; a Python started with SIGINT ignored would never raise KeyboardInterrupt).
    /// - Returns: the child's pid.
    /// - Throws: `RunError` with the system's reason.
    public static func spawn(path: String, argv: [String], env: [String], stdio: [Slot], newSession: Bool,
                      directory: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, slot) in stdio.enumerated() {
            switch slot {
            case let .fd(fd):
                posix_spawn_file_actions_adddup2(&actions, fd, Int32(target))
            case .devNull:
                posix_spawn_file_actions_addopen(&actions, Int32(target), "/dev/null",
                                                 target == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
        if let directory {
            procshim_spawn_addchdir(&actions, directory)
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newSession { flags |= Int32(procshim_spawn_setsid_flag()) }
        posix_spawnattr_setflags(&attr, Int16(flags))

        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        let rc = posix_spawn(&pid, path, &actions, &attr, cArgs, cEnv)
        guard rc == 0 else {
            let reason = String(cString: strerror(rc))
            throw RunError(zh: "无法启动 \(path)：\(reason)", en: "cannot start \(path): \(reason)")
        }
        return pid
    }
}

/// A pipe whose ends are close-on-exec.
public func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard procshim_pipe_cloexec(&fds) == 0 else {
        let reason = String(cString: strerror(errno))
        throw RunError(zh: "无法创建管道：\(reason)", en: "cannot create a pipe: \(reason)")
    }
    return (fds[0], fds[1])
}

/// The command socket between a run's owner and its supervisor (both ends close-on-exec). A socket, not a
/// pipe: it carries commands one way and replies the other, and `sendLine` never raises SIGPIPE.
public func makeCommandSocket() throws -> (ours: Int32, supervisors: Int32) {
    var sv: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sv) == 0 else {
        let reason = String(cString: strerror(errno))
        throw RunError(zh: "无法创建套接字对：\(reason)", en: "cannot create a socket pair: \(reason)")
    }
    return (sv[0], sv[1])
}

/// Sends one line on the command socket; a peer that is gone is not an error here (EOF tells the reader).
public func sendLine(_ fd: Int32, _ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
}

public func setNonBlocking(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
}

/// Writes all of `bytes`, retrying on EINTR and partial writes. False when the reader is gone.
@discardableResult
public func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { writeAll(fd, $0) }
}

/// Writes all of `bytes` (retrying on EINTR, waiting on EAGAIN); false on any other error.
public func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
        let n = Glibc.write(fd, base + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            if errno == EAGAIN {
                _ = Poll.wait([pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)], milliseconds: 1000)
                continue
            }
            return false
        }
        offset += n
    }
    return true
}
