import Foundation
import Testing

/// A real terminal for end-to-end tests: one tmux server on a private socket, one window running a plain shell.
///
/// Each test makes its own (a unique `-L` socket name), so tests never see each other's panes, and `close()`
/// kills that server only — call it in a `defer` so a failing test leaves nothing behind.
final class TmuxSession {
    let socket = "proctutor-test-\(UUID().uuidString.prefix(8))"
    /// The prompt the shell prints: how a test knows the shell (not proctutor) has the terminal.
    static let prompt = "PT-READY$ "

    /// Starts a shell in a detached `width` × `height` window. `environment` is added to the shell's.
    init(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        var env = ["PS1": Self.prompt, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                   "HISTFILE": "/dev/null"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // tmux sets TERM itself inside the pane; the shell command re-exports ours after that.
        let shell = "env \(exports) bash --norc --noprofile"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", shell])
        try tmux(["set-option", "-g", "status", "off"])
        _ = try waitFor("the shell prompt", timeout: 10) { $0.contains(Self.prompt) }
    }

    /// Types a command line and presses Enter.
    func run(_ commandLine: String) throws {
        try tmux(["send-keys", "-l", commandLine])
        try tmux(["send-keys", "Enter"])
    }

    /// Sends tmux key names (`q`, `Enter`, `C-c`, `BTab`, `Up`…).
    func keys(_ names: String...) throws {
        try tmux(["send-keys"] + names)
    }

    /// Sends text literally, character by character as a paste would arrive.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// The visible screen as lines of text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p"])
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The PID of the pane's foreground process group leader, as tmux reports it (the program the shell runs).
    func panePID() throws -> Int32? {
        Int32(try format("#{pane_pid}"))
    }

    /// Polls the screen until `condition` holds, or fails the test with the last screen after `timeout` seconds.
    /// A deadline, not a measurement: how long it took is never asserted.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
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

/// Runs a helper program (tmux, ps) and returns its standard output.
enum Shell {
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw E2EError.command(([path] + arguments).joined(separator: " "), status: process.terminationStatus,
                                   output: text)
        }
        return text
    }
}
