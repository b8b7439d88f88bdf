import Foundation
import Testing

/// Lesson 5's `original-spawn` variant starts a new spawn worker for every task, forever (about 1,200 in its
/// 10 s): the processes pane must count them and show the few alive ones at the top, not its first, long
/// exited rows.
@Suite("Churn end to end", .timeLimit(.minutes(1)))
struct ChurnTests {
    @Test("lesson 5 under spawn: the processes title counts every process and the alive rows come first")
    func churnShowsTotalAndAliveRowsFirst() throws {
        let t = try TutorialHarness(["learn", "5", "--lessons", Paths.lessons, "--lang", "en"])
        defer { t.close() }
        try t.waitForScreen(containing: "A broken Pool program")
        try t.tmux.keys("v")  // original → original-spawn
        try t.tmux.waitFor("the spawn variant chosen") { $0.contains("original.py · spawn") }
        try t.tmux.keys("r")
        let counts = #/([0-9][0-9,]*) started · ([0-9]+) alive · ([0-9][0-9,]*) exited/#
        // Past `foldAbove` (20) processes the table stops being a tree; 40 is reached in a few seconds here.
        let screen = try t.tmux.waitFor("more than 40 processes started", timeout: 30) { screen in
            guard let m = screen.firstMatch(of: counts) else { return false }
            return Int(m.1.replacing(",", with: ""))! > 40
        }
        let lines = screen.split(separator: "\n").map(String.init)
        // The title names the run and its start method, in a badge beside the pane's name or alone.
        #expect(lines.contains { $0.contains("original.py · spawn") && $0.contains(counts) }, "\(screen)")
        // The first row under the table's header is a live process (the main process is alive all along).
        let header = try #require(lines.firstIndex { $0.contains("PID") && $0.contains("PPID") && $0.contains("ALIVE") },
                                  "no table header in:\n\(screen)")
        #expect(lines[header + 1].contains(#/ yes /#), "the first row is not alive:\n\(screen)")
        #expect(lines[header + 1].contains("MainProcess"), "\(screen)")
        print(lines[max(0, header - 1)...min(lines.count - 1, header + 9)].joined(separator: "\n"))
        // At the end of the table, the exited rows past the latest few are one count line.
        try t.tmux.keys("Tab", "Tab", "G")
        let end = try t.tmux.waitFor("the folded exited rows") { $0.contains("more exited earlier (folded") }
        print(end.split(separator: "\n").filter { $0.contains("more exited earlier") }.joined(separator: "\n"))
        try t.tmux.keys("s")
        // The tree takes a moment to go: until the run has ended (`s stop` leaves the key bar), `q` would ask
        // first, and the run's end would close that question again.
        try t.tmux.waitFor("the run ended") { $0.contains("stopped") && !$0.contains(" s stop") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        #expect(try t.leakedProcesses().isEmpty)
    }
}
