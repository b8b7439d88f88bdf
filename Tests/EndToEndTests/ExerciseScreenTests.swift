import Foundation
import Testing

/// The full-screen exercise in a real terminal: the checklist beside the live panes, a save by rename (as vim
/// and VS Code do) re-running the file, passing saved; and `x` in the tutorial opening it and coming back.
@Suite("Exercise end to end", .timeLimit(.minutes(2)))
struct ExerciseScreenTests {
    @Test("lesson 2's exercise: starter fails, a rename-over save passes, h shows a hint, q quits cleanly")
    func exerciseOnTheFullScreen() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-e2e-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let t = try TutorialHarness(["exercise", "2", "--lessons", Paths.lessons, "--lang", "en"],
                                    environment: ["XDG_DATA_HOME": data.path])
        defer { t.close() }
        try t.waitForScreen(containing: "Two processes at the same time")
        try t.tmux.waitFor("the starter's checklist", timeout: 30) { $0.contains("4 of 6 checks passed") }
        let screen = try t.tmux.screen()
        #expect(screen.contains("✗ most processes alive at once ≥ 3 · observed 2"), "\(screen)")

        let file = data.appendingPathComponent("proctutor/exercises/02-process/run-together.py").path
        // A save with a syntax error: Python's message above the checks, and the watcher goes on.
        try "def broken(:\n".write(toFile: file + ".new", atomically: false, encoding: .utf8)
        #expect(rename(file + ".new", file) == 0)
        try t.tmux.waitFor("the syntax error", timeout: 30, joined: true) {
            $0.contains("The file does not compile:") && $0.contains("SyntaxError")
        }
        let solution = try String(contentsOfFile: Paths.lessons + "/02-process/exercise-solution.py", encoding: .utf8)
        try solution.write(toFile: file + ".new", atomically: false, encoding: .utf8)
        #expect(rename(file + ".new", file) == 0)
        try t.tmux.waitFor("the solution's checklist", timeout: 30) { $0.contains("All passed!") }

        try t.tmux.keys("h")
        try t.tmux.waitFor("the first hint") { $0.contains("p.join() blocks until p has ended") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
        let progress = try String(contentsOf: t.stateDirectory.appendingPathComponent("proctutor/progress.json"),
                                  encoding: .utf8)
        #expect(progress.contains("\"run-together\""), "\(progress)")
    }

    @Test("x in lesson 3 opens its exercise; q there comes back to the lesson")
    func xFromTheTutorial() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-e2e-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let t = try TutorialHarness(["learn", "3", "--lessons", Paths.lessons, "--lang", "en"],
                                    environment: ["XDG_DATA_HOME": data.path])
        defer { t.close() }
        try t.waitForScreen(containing: "x exercise")
        try t.tmux.keys("x")
        try t.tmux.waitFor("the exercise", timeout: 30) { $0.contains("Really in another process") && $0.contains("checks passed") }
        try t.tmux.keys("q")
        try t.tmux.waitFor("the lesson again") { $0.contains("3/5") && !$0.contains("Really in another process") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        #expect(try t.leakedProcesses().isEmpty)
    }
}
