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
        // (4 processes under spawn: the ResourceTracker too), checked against a real run.
        try t.tmux.waitFor("the demo's last line") { $0.contains("p2是否在运行： False") }
        try t.tmux.keys("Q")
        try t.tmux.waitFor("the first quiz question") { $0.contains("测验 1/") }
        try t.tmux.type("4")
        try t.tmux.keys("Enter")
        try t.tmux.waitFor("the prediction checked against the run", timeout: 40) { $0.contains("✓ 正确") }

        // One answer given: leaving the quiz asks first (issue 17).
        try t.tmux.keys("Escape")
        try t.tmux.waitFor("the leave-quiz question") { $0.contains("确定离开吗") }
        try t.tmux.keys("y")
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
        let progress = try String(contentsOf: t.stateDirectory.appendingPathComponent("proctutor/progress.json"),
                                  encoding: .utf8)
        #expect(progress.contains("02-process"), "the lesson the student was on is saved: \(progress)")
    }

    /// Time in the student's hands: after the run, step back event by event to the moment Process-1 had ended
    /// but nobody had waited for it yet, and see it as a zombie in the table, with the replay line saying so.
    @Test("step back through lesson 2's finished run to the moment Process-1 is a zombie")
    func stepBackToAZombie() throws {
        let t = try TutorialHarness(["learn", "2", "--lessons", Paths.lessons, "--lang", "zh"])
        defer { t.close() }
        try t.waitForScreen(containing: "multiprocessing.Process")
        try t.tmux.keys("r")
        try t.tmux.waitFor("the run's end") { $0.contains("已结束") && $0.contains("p2是否在运行： False") }
        let zombieRow = #/Process-1 +僵尸/#
        var found: String?
        for _ in 0..<40 where found == nil {
            try t.tmux.keys(",")
            Thread.sleep(forTimeInterval: 0.05)
            let screen = try t.tmux.screen()
            if screen.contains(zombieRow) { found = screen }
        }
        let last = try t.tmux.screen()
        let screen = try #require(found, "no step showed Process-1 as a zombie:\n\(last)")
        #expect(screen.contains("回放已暂停"), "the screen must say it shows the past:\n\(screen)")
        // Multiprocessing reaps Process-1 only at the program's exit: it is a zombie from its last line on.
        // Its last line is in the output pane (`PID │ line`); the code pane shows the source's string too.
        let lastLine = #/\d+ +│ test1执行时间/#
        #expect(screen.contains(lastLine))
        // Further back, before its last line, Process-1 is alive (sleeping in time.sleep).
        var earlier: String?
        for _ in 0..<40 where earlier == nil {
            try t.tmux.keys(",")
            Thread.sleep(forTimeInterval: 0.05)
            let screen = try t.tmux.screen()
            if !screen.contains(lastLine) { earlier = screen }
        }
        let before = try t.tmux.screen()
        let moment = try #require(earlier, "no earlier step came before Process-1's last line:\n\(before)")
        #expect(moment.contains(#/Process-1 +(睡眠|运行) +是/#), "Process-1 alive before its last line:\n\(moment)")
        try t.tmux.keys("$")
        try t.tmux.waitFor("the live view again") { !$0.contains("回放已暂停") && $0.contains("p2是否在运行： False") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        #expect(try t.leakedProcesses().isEmpty)
        // The run was recorded as it went: the supervisor's lines, a `run` header first, the summary last.
        let folder = t.stateDirectory.appendingPathComponent("proctutor/runs/02-process")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ndjson") }
        #expect(files.count == 1, "\(files)")
        let text = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(text.hasPrefix("{\"t\":0.0,\"event\":\"run\""))
        #expect(text.contains("\"event\":\"summary\""))
        #expect(text.contains("test1执行时间"))
    }
}
