import Foundation
import Glibc
import Testing

/// A real terminal for end-to-end tests: one tmux server on a private socket, one window running one program.
///
/// Each test makes its own (a unique `-L` socket name), so tests never see each other's panes, and `close()`
/// kills that server only — call it in a `defer` so a failing test leaves nothing behind.
///
/// There is no interactive shell in the pane on purpose: the program runs under a small `bash -c` script with
/// job control (so Ctrl-Z stops it as in a real shell; the script prints `PROCTUTOR-STOPPED` and resumes it with
/// `fg` when it reads a line), which at the end prints `EXIT-STATUS=N` and sleeps holding the terminal. Keys sent
/// after the program ended reach nobody instead of being run as shell commands, and the terminal's modes are
/// read from outside with `stty -F`.
final class TmuxSession {
    let socket = "proctutor-test-\(UUID().uuidString.prefix(8))"
    static let exitMarker = "EXIT-STATUS="
    /// Environment variables that change what proctutor shows or does.
    static let influential = ["NO_COLOR", "COLUMNS", "LINES", "LANGUAGE", "LC_MESSAGES", "PROCTUTOR_LESSONS",
                              "PROCTUTOR_TEST_CRASH_AFTER_MS", "SWIFT_BACKTRACE", "TERMINFO"]
    static let stoppedMarker = "PROCTUTOR-STOPPED"

    /// Runs `command` (program and arguments) in a detached `width` × `height` window with `environment` added.
    init(width: Int = 120, height: Int = 40, environment: [String: String] = [:], command: [String]) throws {
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { Self.quote("\($0.key)=\($0.value)") }.joined(separator: " ")
        // What the test runner's own environment may carry (`swift test --parallel` sets NO_COLOR, for one)
        // must not decide the outcome: unset whatever changes proctutor unless this test sets it.
        let unset = Self.influential.filter { env[$0] == nil }.map { "-u \($0)" }.joined(separator: " ")
        let script = """
            set -m; "$0" "$@"; s=$?
            while [ "$s" -eq 148 ]; do echo \(Self.stoppedMarker); read -r _; fg >/dev/null; s=$?; done
            echo "\(Self.exitMarker)$s;"; exec sleep 3600
            """
        // tmux sets TERM itself inside the pane; `env` puts ours back for the program.
        let line = "env \(unset) \(exports) bash -c \(Self.quote(script)) " + command.map(Self.quote).joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", line])
        try tmux(["set-option", "-g", "status", "off"])
    }

    /// Sends tmux key names (`q`, `Enter`, `C-c`, `BTab`, `Up`…).
    func keys(_ names: String...) throws {
        try tmux(["send-keys"] + names)
    }

    /// Sends text literally, character by character as a paste would arrive.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Pastes text the way a terminal paste arrives: one burst of bytes.
    func paste(_ text: String) throws {
        let name = "abuse"
        try tmux(["set-buffer", "-b", name, "--", text])
        try tmux(["paste-buffer", "-d", "-b", name])
    }

    /// The visible screen as lines of text. `joined`: lines the terminal wrapped are joined back (`-J`).
    func screen(joined: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (joined ? ["-J"] : []))
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Names and contents of tmux's paste buffers (where an OSC 52 clipboard write would land).
    func buffers() throws -> String {
        try tmux(["list-buffers", "-F", "#{buffer_name} #{buffer_sample}"])
    }

    func setOption(_ name: String, _ value: String) throws {
        try tmux(["set-option", "-g", name, value])
    }

    /// The visible screen with its attributes as SGR escape sequences (`capture-pane -e`).
    func screenWithAttributes() throws -> String {
        try tmux(["capture-pane", "-p", "-e"])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The PID of the pane's first process (the `sh` that runs the program).
    func panePID() throws -> Int32? {
        Int32(try format("#{pane_pid}"))
    }

    /// The pane's terminal device, e.g. `/dev/pts/7`.
    func paneTTY() throws -> String {
        try format("#{pane_tty}")
    }

    /// Polls the screen until `condition` holds, or fails the test with the last screen after `timeout` seconds.
    /// A deadline, not a measurement: how long it took is never asserted.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, joined: Bool = false, _ condition: (String) -> Bool) throws
        -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(joined: joined)
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError.timeout(what: what, screen: last)
    }

    /// Kills this test's tmux server and everything running in it.
    func close() {
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Shell.run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
    }

    static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(what: String, screen: String)
    case command(String, status: Int32, output: String)
    case missing(String)

    var description: String {
        switch self {
        case let .timeout(what, screen): "timed out waiting for \(what); the screen was:\n\(screen)"
        case let .command(cmd, status, output): "\(cmd) exited \(status): \(output)"
        case let .missing(what): what
        }
    }
}

/// Runs a helper program (tmux, stty) and returns its standard output and error.
///
/// posix_spawn and waitpid rather than Foundation's `Process`, whose `waitUntilExit` can miss a child's exit
/// when called off the main thread (it hung here). Output goes to a file, not a pipe: `tmux new-session` leaves a
/// server running that would hold a pipe's write end open forever.
enum Shell {
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-e2e-out-\(UUID().uuidString)").path
        defer { unlink(file) }
        let out = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw E2EError.missing("cannot create \(file)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out, 1)
        posix_spawn_file_actions_adddup2(&actions, out, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // A clean signal state: this thread may have signals blocked (Swift's worker threads do), and a blocked
        // mask is inherited through exec — the tmux server and everything in its panes would get it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        close(out)
        guard spawned == 0 else { throw E2EError.missing("cannot run \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitCode == 0 else {
            throw E2EError.command(([path] + arguments).joined(separator: " "), status: exitCode, output: text)
        }
        return text
    }
}
