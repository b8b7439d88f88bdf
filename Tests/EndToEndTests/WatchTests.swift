import Foundation
import Testing

/// `proctutor watch FILE.py`: the student's own script in the tutorial's live panes, in a real terminal.
@Suite("proctutor watch end to end", .timeLimit(.minutes(1)))
struct WatchTests {
    static let script = Paths.root.appendingPathComponent("Tests/EndToEndFixtures/watch/two_processes.py").path

    @Test("watch a two-process script: both PIDs in the process table, its arguments, r re-runs, q quits clean")
    func watchTwoProcesses() throws {
        let t = try TutorialHarness(["watch", Self.script, "--lang", "en", "--", "hello", "world"])
        defer { t.close() }
        // The run starts by itself; each process reports its own PID (and the child its parent's).
        let screen = try t.tmux.waitFor("both processes' own report") { screen in
            screen.contains("Watching two_processes.py") && screen.firstMatch(of: #/child pid=\d+ ppid=\d+/#) != nil
                && screen.firstMatch(of: #/main pid=\d+/#) != nil
        }
        let mainPID = String(try #require(screen.firstMatch(of: #/main pid=(\d+)/#)).1)
        let child = try #require(screen.firstMatch(of: #/child pid=(\d+) ppid=(\d+)/#))
        let (childPID, childParent) = (String(child.1), String(child.2))
        #expect(childParent == mainPID)
        #expect(screen.contains("args=['hello', 'world']"), "the arguments after -- reach the script:\n\(screen)")
        let rows = screen.split(separator: "\n")
        let mainRow = try Regex("(^|[^0-9])\(mainPID) +[0-9]+ +MainProcess")
        let childRow = try Regex("(^|[^0-9])\(childPID) +\(mainPID) +Process-1")
        #expect(rows.contains { $0.contains(mainRow) }, "no process-table row for the main process:\n\(screen)")
        #expect(rows.contains { $0.contains(childRow) }, "no process-table row for the child:\n\(screen)")

        // `r` after the run ended: a new run, new PIDs.
        try t.tmux.waitFor("the run to finish") { $0.contains("finished") }
        try t.tmux.keys("r")
        try t.tmux.waitFor("a second run with another main PID") { screen in
            screen.matches(of: #/main pid=(\d+)/#).contains { $0.1 != mainPID }
        }

        try t.tmux.keys("q")
        try t.tmux.keys("y")  // in case the second run is still going
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
        // The script is not a lesson: nothing is recorded as progress.
        let progress = t.stateDirectory.appendingPathComponent("proctutor/progress.json")
        #expect(!FileManager.default.fileExists(atPath: progress.path))
    }
}

/// `proctutor quiz LESSON` without `--plain` in a terminal: the tutorial, opened in that lesson's quiz.
@Suite("proctutor quiz full screen", .timeLimit(.minutes(1)))
struct QuizScreenTests {
    @Test("quiz 2 opens the tutorial at lesson 2's first question; Esc shows the lesson; q quits")
    func quizOpensFullScreen() throws {
        let t = try TutorialHarness(["quiz", "2", "--lessons", Paths.lessons, "--lang", "en"])
        defer { t.close() }
        try t.waitForScreen(containing: "Quiz 1/")
        try t.tmux.keys("Escape")
        try t.waitForScreen(containing: "multiprocessing.Process")
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }
}
