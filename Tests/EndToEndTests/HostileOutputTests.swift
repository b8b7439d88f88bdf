import Foundation
import Testing

/// A demo's output can never take over the terminal, and a flood of it does not freeze the tutorial
/// (issue 5: "nothing gets in").
@Suite("Hostile output", .timeLimit(.minutes(1)))
struct HostileOutputTests {
    static func fixture() -> [String] {
        ["learn", "2", "--lessons", TutorialHarness.fixtureLessons, "--lang", "en"]
    }

    @Test("escape sequences, OSC title and clipboard, NUL and invalid UTF-8 are shown, not obeyed")
    func escapes() throws {
        let t = try TutorialHarness(Self.fixture())
        defer { t.close() }
        try t.tmux.setOption("set-clipboard", "on")  // so an OSC 52 that got through would make a tmux buffer
        try t.waitForScreen(containing: "Hostile output")
        let title = try t.tmux.format("#{pane_title}")
        try t.tmux.keys("r")
        // In the output pane (`PID │ line`), not the code pane, which shows the whole demo and its strings.
        try t.tmux.waitFor("the demo's last line") { $0.contains(#/\d+ +│ after-escapes/#) }
        // The output pane zoomed to the whole screen (z), so that every line it holds is on screen.
        try t.tmux.keys("Tab", "Tab", "Tab", "z")
        let screen = try t.tmux.waitFor("the output pane zoomed") {
            $0.contains(#/\d+ +│ after-escapes/#) && $0.hasPrefix("┌ Output")
        }
        #expect(screen.contains(#/\d+ +│ before-escapes/#), "the screen was cleared by the demo")
        #expect(screen.contains("␛]52;c;"), "the OSC 52 sequence is shown as text")
        #expect(screen.contains("␀"), "NUL is shown as a picture")
        #expect(try t.tmux.format("#{pane_title}") == title, "the demo changed the window title")
        #expect(try t.tmux.format("#{alternate_on}") == "1", "the demo took the tutorial off the alternate screen")
        #expect(try t.tmux.format("#{cursor_flag}") == "0", "the demo changed the cursor")
        #expect(!(try t.tmux.buffers()).contains("PWNED"), "the demo set the clipboard")
        try t.tmux.keys("z")
        try t.tmux.waitFor("the run to finish") { $0.contains("finished") }  // else `q` asks first
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }

    @Test("a 20 MB output flood: keys still answer while it streams, and the run ends on screen")
    func flood() throws {
        let t = try TutorialHarness(Self.fixture())
        defer { t.close() }
        try t.waitForScreen(containing: "Hostile output")
        try t.tmux.keys("v")  // the second demo: flood.py
        try t.tmux.waitFor("the flood demo chosen") { $0.contains("▸ An output flood") || $0.contains("‹2/2›  An output flood") }
        try t.tmux.keys("r")
        try t.tmux.waitFor("flood lines") { $0.contains("flood xxxxxxxx") }
        try t.tmux.keys("?")
        try t.tmux.waitFor("the help overlay, opened during the flood") { $0.contains("Help — ?") }
        try t.tmux.keys("Escape")
        try t.tmux.waitFor("the run to finish", timeout: 40) { $0.contains("finished") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
    }
}
