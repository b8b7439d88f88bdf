import Foundation
import Testing

/// Issue 17's `z` in a real terminal: the focused process pane fills the screen while a demo runs, and `z` again
/// brings back the layout it came from.
@Suite("zoom", .timeLimit(.minutes(1)))
struct ZoomTests {
    @Test("z zooms the process pane of a running demo to the whole 120×40 screen, z again brings the panes back")
    func zoomTheProcessPaneAndBack() throws {
        let t = try TutorialHarness(TutorialHarness.fixture(), width: 120, height: 40)
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        try t.tmux.keys("r")
        _ = try t.demoProcesses(count: 4)
        try t.tmux.waitFor("four processes alive in the table", timeout: 30) { $0.contains("4 alive") }

        // Tab: lesson → code → processes.
        try t.tmux.keys("Tab", "Tab")
        try t.tmux.keys("z")
        let zoomed = try t.tmux.waitFor("the zoomed process pane", timeout: 30) { $0.contains("z unzoom") }
        let rows = zoomed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows.count >= 40, "\(zoomed)")
        // One box, the whole width, from the top row down to the key bar, titled Processes.
        #expect(rows[0].hasPrefix("┌") && rows[0].hasSuffix("┐") && rows[0].contains("Processes"), "\(zoomed)")
        #expect(rows[38].hasPrefix("└") && rows[38].hasSuffix("┘"), "\(zoomed)")
        #expect(rows[1..<38].allSatisfy { $0.hasPrefix("│") && $0.hasSuffix("│") }, "\(zoomed)")
        #expect(zoomed.contains("MainProcess") && zoomed.contains("PID"), "\(zoomed)")
        #expect(!zoomed.contains("Long-running") && !zoomed.contains("Output") && !zoomed.contains("Timeline"),
                "no other pane while zoomed:\n\(zoomed)")

        try t.tmux.keys("z")
        let back = try t.tmux.waitFor("every pane again", timeout: 30) { $0.contains("z zoom") }
        #expect(back.contains("Long-running") && back.contains("Output") && back.contains("Timeline")
                && back.contains("MainProcess"), "\(back)")

        try t.tmux.keys("C-c")
        try t.waitForExit()
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
    }
}
