import Foundation
import Glibc
import Testing

/// A `proctutor` session in a tmux window: start it, wait for its screen, and check what it leaves behind.
struct TutorialHarness {
    let tmux: TmuxSession
    let stateDirectory: URL
    private let scratch: URL
    let pidFile: URL
    let binary: String
    /// Put in the environment of everything this test starts, to find leaked processes by it.
    let marker = "PROCTUTOR_E2E_MARK=\(UUID().uuidString)"

    static let fixtureLessons = Paths.root.appendingPathComponent("Tests/EndToEndFixtures/lessons").path

    /// Starts `proctutor ARGUMENTS` in a fresh terminal with its own progress directory and demo pid file.
    /// Pass another test's `stateDirectory` to continue with its progress.
    init(_ arguments: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:],
         stateDirectory: URL? = nil) throws {
        binary = try Paths.binary()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        self.stateDirectory = stateDirectory ?? scratch.appendingPathComponent("state")
        self.scratch = scratch
        pidFile = scratch.appendingPathComponent("pids")
        let mark = marker.split(separator: "=", maxSplits: 1).map(String.init)
        var env = ["XDG_STATE_HOME": self.stateDirectory.path, "PROCTUTOR_TEST_PIDFILE": pidFile.path, mark[0]: mark[1]]
        env.merge(environment) { $1 }
        tmux = try TmuxSession(width: width, height: height, environment: env, command: [binary] + arguments)
    }

    /// `learn N` on the test fixture lessons (the long-running demo), in English.
    static func fixture(_ extra: [String] = []) -> [String] {
        ["learn", "1", "--lessons", fixtureLessons, "--lang", "en"] + extra
    }

    /// Waits until proctutor has the alternate screen and shows `text`.
    @discardableResult
    func waitForScreen(containing text: String, timeout: Double = 20) throws -> String {
        try tmux.waitFor("the tutorial screen showing \(text.debugDescription)", timeout: timeout) { screen in
            screen.contains(text) && (try? tmux.format("#{alternate_on}")) == "1"
        }
    }

    /// The fixture demo's processes as it reported them (pid, ppid, sid), once `count` have reported.
    func demoProcesses(count: Int, timeout: Double = 20) throws -> [(pid: Int32, ppid: Int32, sid: Int32)] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOf: pidFile, encoding: .utf8)) ?? ""
            let rows = text.split(separator: "\n").compactMap { line -> (Int32, Int32, Int32)? in
                let f = line.split(separator: " ").compactMap { Int32($0) }
                return f.count == 3 ? (f[0], f[1], f[2]) : nil
            }
            if rows.count >= count { return rows.map { (pid: $0.0, ppid: $0.1, sid: $0.2) } }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError.timeout(what: "\(count) demo processes in \(pidFile.path)", screen: try tmux.screen())
    }

    /// The running proctutor's PID: the child of the pane's `sh` running our binary.
    func proctutorPID() throws -> Int32 {
        guard let shell = try tmux.panePID() else { throw E2EError.missing("no pane pid") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in entries.compactMap(Int32.init) where Processes.stat(pid)?.ppid == shell {
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
            if exe.hasSuffix("/proctutor") { return pid }
        }
        throw E2EError.missing("proctutor is not running under the pane's sh \(shell)")
    }

    /// Waits for proctutor to be gone and the shell back; returns proctutor's exit status.
    @discardableResult
    func waitForExit(timeout: Double = 20) throws -> Int {
        let marker = TmuxSession.exitMarker
        let screen = try tmux.waitFor("proctutor to exit", timeout: timeout, joined: true) { $0.contains(marker) }
        // The status ends at ";": keys typed ahead of the shell echo right after it (a storm's backlog), and
        // a joined screen has no line break to stop the digits.
        guard let after = screen.components(separatedBy: marker).last, let end = after.firstIndex(of: ";") else { return -1 }
        return Int(after[..<end]) ?? -1
    }

    /// Checks the terminal is back in its normal mode: main screen, cursor visible, no mouse reporting, no
    /// application keypad, and (read from outside with `stty -F`) canonical input with echo.
    func expectTerminalRestored(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor still hidden", sourceLocation: sourceLocation)
        #expect(try tmux.format("#{mouse_any_flag}") == "0", "mouse reporting still on", sourceLocation: sourceLocation)
        #expect(try tmux.format("#{keypad_cursor_flag}") == "0", "keypad still in application mode",
                sourceLocation: sourceLocation)
        let modes = try TerminalModes.read(tty: tmux.paneTTY())
        #expect(modes.contains("icanon") && modes.contains("echo") && !modes.contains("-icanon") && !modes.contains("-echo"),
                "terminal modes after exit: \(modes.sorted())", sourceLocation: sourceLocation)
    }

    /// Processes started by this test (they carry its marker in their environment) that are still alive,
    /// apart from the pane's shell: after proctutor has exited, every one of them is a leak.
    func leakedProcesses(timeout: Double = 5) throws -> [Int32] {
        let shell = try tmux.panePID()
        let deadline = Date().addingTimeInterval(timeout)
        var leaked: [Int32] = []
        repeat {
            leaked = Processes.withEnvironmentEntry(marker).filter { $0 != shell && $0 != getpid() }
            if leaked.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return leaked
    }

    /// Kills the tmux server and removes the scratch files.
    func close() {
        tmux.close()
        try? FileManager.default.removeItem(at: scratch)
    }
}

/// A terminal's line-discipline settings, as `stty -a` names them (`icanon` or `-icanon`, …).
enum TerminalModes {
    static func read(tty: String) throws -> Set<String> {
        let text = try Shell.run("/usr/bin/env", ["stty", "-a", "-F", tty])
        return Set(text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\n" }).map(String.init))
    }
}
