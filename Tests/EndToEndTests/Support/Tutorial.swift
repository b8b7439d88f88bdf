import Foundation
import Testing

/// A `proctutor` session in a tmux window: start it, wait for its screen, and check what it leaves behind.
struct TutorialHarness {
    let tmux: TmuxSession
    let stateDirectory: URL
    let pidFile: URL
    let binary: String

    static let fixtureLessons = Paths.root.appendingPathComponent("Tests/EndToEndFixtures/lessons").path

    /// A fresh terminal with its own progress directory and demo pid file.
    init(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        binary = try Paths.binary()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        stateDirectory = scratch.appendingPathComponent("state")
        pidFile = scratch.appendingPathComponent("pids")
        var env = ["XDG_STATE_HOME": stateDirectory.path, "PROCTUTOR_TEST_PIDFILE": pidFile.path]
        env.merge(environment) { $1 }
        tmux = try TmuxSession(width: width, height: height, environment: env)
    }

    /// Types `proctutor ARGS` at the shell prompt.
    func launch(_ arguments: String, environment: String = "") throws {
        let prefix = environment.isEmpty ? "" : environment + " "
        try tmux.run("clear; \(prefix)\(TmuxSession.quote(binary)) \(arguments); echo \"EXIT-STATUS=$?\"")
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

    /// The running proctutor's PID: the child of the pane's shell running our binary.
    func proctutorPID() throws -> Int32 {
        guard let shell = try tmux.panePID() else { throw E2EError.missing("no pane pid") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in entries.compactMap(Int32.init) where Processes.stat(pid)?.ppid == shell {
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
            if exe.hasSuffix("/proctutor") { return pid }
        }
        throw E2EError.missing("proctutor is not running under the pane's shell \(shell)")
    }

    /// Waits for proctutor to be gone and the shell back; returns proctutor's exit status.
    @discardableResult
    func waitForExit(timeout: Double = 20) throws -> Int {
        let screen = try tmux.waitFor("proctutor to exit", timeout: timeout) { $0.contains("EXIT-STATUS=") }
        let status = screen.components(separatedBy: "EXIT-STATUS=").last?.prefix { $0.isNumber } ?? ""
        return Int(status) ?? -1
    }

    /// Checks the terminal is back in its normal mode: main screen, cursor visible, no mouse reporting, and
    /// (asked from the shell itself) canonical input with echo.
    func expectTerminalRestored(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor still hidden", sourceLocation: sourceLocation)
        #expect(try tmux.format("#{mouse_any_flag}") == "0", "mouse reporting still on", sourceLocation: sourceLocation)
        // The marker is split in the typed command so only the command's output matches it.
        try tmux.run("clear; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo STTY-''DONE")
        let screen = try tmux.waitFor("stty output", timeout: 10) { $0.contains("STTY-DONE") }
        let line = screen.split(separator: "\n").first { $0.contains("STTY-DONE") }.map(String.init) ?? ""
        let modes = Set(line.replacingOccurrences(of: "STTY-DONE", with: "").split(separator: " ").map(String.init))
        #expect(modes == ["icanon", "echo"], "terminal modes after exit: \(line)", sourceLocation: sourceLocation)
    }

    /// Kills the tmux server and removes the scratch files.
    func close() {
        tmux.close()
        try? FileManager.default.removeItem(at: stateDirectory.deletingLastPathComponent())
    }
}
