import Foundation
import Glibc
import Testing

/// The full-screen tutorial against what the exit-path and input-abuse tests leave out (issue 5): a demo full of
/// terminal escape sequences (checked in the bytes actually written to the tty), a 100 MB flood and a 10 MB line
/// (memory read from /proc, the interface answering keys meanwhile, the program's last line shown).
@Suite("Hostile demos in the tutorial", .serialized, .timeLimit(.minutes(3)))
struct HostileTutorialTests {
    /// The reliability tests' fixture lesson: demo `escapes` (variant 1) and `flood` (variant 2).
    static let hostileLessons = Paths.root.appendingPathComponent("Tests/ReliabilityTests/Fixtures/lessons").path

    static func hostile() -> [String] { ["learn", "1", "--lessons", hostileLessons, "--lang", "en"] }

    /// Copies everything the pane's program writes to the terminal into `file` (tmux pipe-pane).
    static func capture(_ t: TutorialHarness, into file: String) throws {
        try Shell.run("/usr/bin/env", ["tmux", "-L", t.tmux.socket, "pipe-pane", "-O", "cat >> " + TmuxSession.quote(file)])
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

    @Test("a demo's output flood: the interface keeps answering and its memory stays bounded",
          arguments: [("flood", 1, "FLOOD-DONE"), ("longline", 2, "LONGLINE-DONE")])
    func flood(variant: String, presses: Int, marker: String) throws {
        let t = try TutorialHarness(Self.hostile())
        defer { t.close() }
        try t.waitForScreen(containing: "Hostile programs")
        let tutorial = try t.proctutorPID()
        for _ in 0..<presses { try t.tmux.keys("v") }  // flood is the second demo, longline the third
        try t.tmux.waitFor("the \(variant) variant") { $0.contains(variant) }
        try t.tmux.keys("r")
        // While the flood runs, the interface answers: help opens and closes.
        Thread.sleep(forTimeInterval: 1)
        try t.tmux.keys("?")
        try t.tmux.waitFor("help during the flood", timeout: 15) { $0.contains("Help") }
        try t.tmux.keys("Escape")
        try t.tmux.waitFor("the end of the flood", timeout: 120) { $0.contains(marker) }
        var peak = 0
        for pid in [tutorial] + Processes.children(of: tutorial) {
            peak = max(peak, Processes.peakRSSKiB(pid) ?? 0)
        }
        Self.record(String(format: "tutorial, demo %@: peak RSS %.1f MiB (tutorial and supervisor, VmHWM)", variant,
                           Double(peak) / 1024))
        #expect(peak > 0 && peak < 128 * 1024, "peak RSS \(peak) KiB")
        try t.tmux.keys("q")
        if (try? t.tmux.waitFor("the quit question", timeout: 2) { $0.lowercased().contains("quit") }) != nil {
            try t.tmux.keys("y")
        }
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
    }

    /// Appends a figure to `$PROCTUTOR_FIGURES` (docs/reliability.md).
    static func record(_ line: String) {
        print(line)
        guard let path = ProcessInfo.processInfo.environment["PROCTUTOR_FIGURES"],
              let handle = FileHandle(forWritingAtPath: path) ?? {
                  _ = FileManager.default.createFile(atPath: path, contents: nil)  // then opened, or given up
                  return FileHandle(forWritingAtPath: path)
              }() else { return }
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        handle.closeFile()
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
