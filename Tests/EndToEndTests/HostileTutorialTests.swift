import Foundation
import Glibc
import Testing

/// The full-screen tutorial against what the other exit-path and abuse tests leave out (issue 5): `kill -9` of
/// the tutorial, a demo full of terminal escape sequences (checked in the bytes actually written to the tty), and
/// a 100 MB flood (memory read from /proc, the interface answering keys meanwhile).
@Suite("Hostile demos in the tutorial", .serialized, .timeLimit(.minutes(3)))
struct HostileTutorialTests {
    /// The reliability tests' fixture lesson: demo `escapes` (variant 1) and `flood` (variant 2).
    static let hostileLessons = Paths.root.appendingPathComponent("Tests/ReliabilityTests/Fixtures/lessons").path

    static func hostile() -> [String] { ["learn", "1", "--lessons", hostileLessons, "--lang", "en"] }

    /// Copies everything the pane's program writes to the terminal into `file` (tmux pipe-pane).
    static func capture(_ t: TutorialHarness, into file: String) throws {
        try Shell.run("/usr/bin/env", ["tmux", "-L", t.tmux.socket, "pipe-pane", "-O", "cat >> " + TmuxSession.quote(file)])
    }

    @Test("kill -9 of the tutorial: no demo process survives it by more than 2 s")
    func killNine() throws {
        let t = try TutorialHarness(TutorialHarness.fixture())
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        try t.tmux.keys("r")
        let demo = try t.demoProcesses(count: 4)
        let tutorial = try t.proctutorPID()
        kill(tutorial, SIGKILL)
        // The terminal is left as it was (nobody can restore it after SIGKILL), so the exit marker may land in
        // the middle of old screen content: watch the process instead.
        #expect(Processes.waitGone([tutorial], timeout: 5).isEmpty, "proctutor survived SIGKILL")
        let survivors = Processes.waitGone(demo.map(\.pid), timeout: 2)
        #expect(survivors.isEmpty, "demo processes alive 2 s after kill -9: \(survivors)")
        #expect(Processes.inSession(demo[0].sid).isEmpty)
        #expect(try t.leakedProcesses(timeout: 2).isEmpty)
    }

    @Test("a demo's escape sequences never reach the terminal raw")
    func escapes() throws {
        let t = try TutorialHarness(Self.hostile())
        defer { t.close() }
        let bytesFile = t.stateDirectory.deletingLastPathComponent().appendingPathComponent("tty-bytes").path
        try Self.capture(t, into: bytesFile)
        try t.waitForScreen(containing: "Hostile programs")
        try t.tmux.keys("r")
        // The demo's last line; before it came everything else (names, task errors, an exec'd odd name).
        try t.tmux.waitFor("the demo to finish", timeout: 30) { $0.contains("␛[2J") && $0.contains("done") }
        Thread.sleep(forTimeInterval: 1)
        let screen = try t.tmux.screen()
        #expect(screen.contains("Hostile programs"), "the screen was not cleared by the demo:\n\(screen)")
        let title = try t.tmux.format("#{pane_title}")
        #expect(!title.contains("pwned") && !title.contains("name"), "the demo set the terminal title: \(title)")
        try t.tmux.keys("q")
        if (try? t.tmux.waitFor("the quit question", timeout: 2) { $0.lowercased().contains("quit") }) != nil {
            try t.tmux.keys("y")
        }
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()

        let bytes = [UInt8](FileManager.default.contents(atPath: bytesFile) ?? Data())
        #expect(bytes.count > 1000, "the capture saw the tutorial's drawing")
        let forbidden: [(String, [UInt8])] = [
            ("OSC 52 (clipboard)", Array("\u{1B}]52".utf8)), ("OSC 0 (title)", Array("\u{1B}]0;".utf8)),
            ("DCS", Array("\u{1B}P1$q".utf8)), ("C1 CSI", [0xC2, 0x9B]), ("C1 OSC", [0xC2, 0x9D]),
            ("the demo's clipboard payload", Array("aGVsbG8=\u{7}".utf8)), ("NUL", [0]),
            ("alternate screen off from the demo", Array("\u{1B}[?1049l \u{FFFD}".utf8)),
        ]
        for (what, needle) in forbidden {
            #expect(Self.find(needle, in: bytes) == nil, "\(what) reached the terminal")
        }
        #expect(try t.leakedProcesses().isEmpty)
    }

    @Test("100 MB of demo output: the interface keeps answering and its memory stays bounded")
    func flood() throws {
        let t = try TutorialHarness(Self.hostile())
        defer { t.close() }
        try t.waitForScreen(containing: "Hostile programs")
        let tutorial = try t.proctutorPID()
        try t.tmux.keys("v")  // the second demo: flood
        try t.tmux.waitFor("the flood variant") { $0.contains("flood") }
        try t.tmux.keys("r")
        // While the flood runs, the interface answers: help opens and closes.
        Thread.sleep(forTimeInterval: 1)
        try t.tmux.keys("?")
        try t.tmux.waitFor("help during the flood", timeout: 15) { $0.contains("Help") }
        try t.tmux.keys("Escape")
        try t.tmux.waitFor("the end of the flood", timeout: 120) { $0.contains("FLOOD-DONE") }
        var peak = 0
        for pid in [tutorial] + Processes.children(of: tutorial) {
            peak = max(peak, Processes.peakRSSKiB(pid) ?? 0)
        }
        print(String(format: "TUI flood 100 MB: peak RSS %.1f MiB", Double(peak) / 1024))
        #expect(peak > 0 && peak < 128 * 1024, "peak RSS \(peak) KiB")
        try t.tmux.keys("q")
        try t.tmux.waitFor("the quit question") { $0.lowercased().contains("quit") }
        try t.tmux.keys("y")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        Data(haystack).range(of: Data(needle)).map(\.lowerBound)
    }
}

extension Processes {
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { stat($0)?.ppid == parent }
    }

    /// VmHWM (peak resident set) of a live process, in KiB.
    static func peakRSSKiB(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ")[1])
        }
        return nil
    }
}
