import Foundation
import Testing

/// The tutorial as a student uses it, in a real terminal: lesson 2, its demo, the process table against what
/// the demo printed about itself, the quiz, and quitting back to a normal terminal.
@Suite("Lesson 2 end to end", .timeLimit(.minutes(1)))
struct LessonTwoTests {
    @Test("run lesson 2's demo, check PIDs and PPIDs against its own words, answer the quiz, quit")
    func lessonTwo() throws {
        let t = try TutorialHarness(["learn", "2", "--lessons", Paths.lessons, "--lang", "zh"])
        defer { t.close() }
        try t.waitForScreen(containing: "multiprocessing.Process")
        try t.tmux.keys("r")

        // The demo prints `父进程N`, then each child `testK子进程运行中，pid=P，父进程：Q`.
        let said = #/test([12])子进程运行中，pid=(\d+)，父进程：(\d+)/#
        let screen = try t.tmux.waitFor("both children's own report and the main process's") { screen in
            screen.matches(of: said).count == 2 && screen.firstMatch(of: #/父进程(\d+)/#) != nil
        }
        let mainPID = try #require(screen.firstMatch(of: #/父进程(\d+)/#)).1
        for match in screen.matches(of: said) {
            let (pid, ppid) = (String(match.2), String(match.3))
            #expect(ppid == mainPID, "test\(match.1) says its parent is \(ppid), the main process said \(mainPID)")
            // The process table has a row `PID  PPID  NAME …` for it (maybe tree-indented).
            let row = try Regex("(^|[^0-9])\(pid) +\(ppid) ")
            #expect(screen.split(separator: "\n").contains { $0.contains(row) },
                    "no process-table row with PID \(pid) and PPID \(ppid) in:\n\(screen)")
        }
        let mainRow = try Regex("(^|[^0-9])\(mainPID) +[0-9]+ +MainProcess")
        #expect(screen.split(separator: "\n").contains { $0.contains(mainRow) }, "no row for the main process")

        // Let the demo finish (p2.join() returns after 2 s), then the quiz: the first question is a prediction
        // (3 processes under fork), checked against a real run.
        try t.tmux.waitFor("the demo's last line") { $0.contains("p2是否在运行： False") }
        try t.tmux.keys("Q")
        try t.tmux.waitFor("the first quiz question") { $0.contains("测验 1/") }
        try t.tmux.type("3")
        try t.tmux.keys("Enter")
        try t.tmux.waitFor("the prediction checked against the run") { $0.contains("✓ 正确") }

        try t.tmux.keys("Escape")
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
        let progress = try String(contentsOf: t.stateDirectory.appendingPathComponent("proctutor/progress.json"),
                                  encoding: .utf8)
        #expect(progress.contains("02-process"), "the lesson the student was on is saved: \(progress)")
    }
}
