import Foundation
import Testing

/// The tutorial stops a run at its demo's own `timeout` from lesson.yaml.
@Suite("demo time limit in the tutorial", .timeLimit(.minutes(1)))
struct DemoTimeoutTests {
    /// Two demos share one sleeping program; only the second sets `timeout: 1`. The limit must follow the demo
    /// chosen, not the file (lesson 5's `original` and `original-spawn` are such a pair).
    @Test("a demo with timeout: 1 is stopped after 1 s, though another demo of the same file has none")
    func demoTimeout() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-timeout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let lesson = dir.appendingPathComponent("01-sleeper")
        try FileManager.default.createDirectory(at: lesson, withIntermediateDirectories: true)
        try "import time\nprint('asleep', flush=True)\ntime.sleep(600)\n"
            .write(to: lesson.appendingPathComponent("sleep.py"), atomically: false, encoding: .utf8)
        for lang in ["zh", "en"] {
            try "# Sleeper\n".write(to: lesson.appendingPathComponent("text.\(lang).md"), atomically: false, encoding: .utf8)
        }
        try """
            id: 01-sleeper
            number: 1
            title: { zh: "睡", en: "Sleeper" }
            demos:
              - { name: long, file: sleep.py, title: { zh: "长", en: "long" } }
              - { name: short, file: sleep.py, title: { zh: "短", en: "short" }, timeout: 1 }
            text: { zh: text.zh.md, en: text.en.md }
            """.write(to: lesson.appendingPathComponent("lesson.yaml"), atomically: false, encoding: .utf8)

        let t = try TutorialHarness(["learn", "1", "--lessons", dir.path, "--lang", "en"])
        defer { t.close() }
        try t.waitForScreen(containing: "sleep.py")
        try t.tmux.keys("v")   // the second demo: `short`
        try t.tmux.keys("r")
        try t.tmux.waitFor("the run stopped at the demo's 1 s limit", timeout: 30) { screen in
            // The sentence may wrap in the output pane: its start is enough.
            screen.contains("stopped: the run took longer than its time limit of 1")
        }
        // The stop is shown as soon as it begins; the run has ended once its summary is in (else `q` asks first).
        try t.tmux.waitFor("the run to end") { $0.contains("finished") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        #expect(try t.leakedProcesses().isEmpty)
    }
}
