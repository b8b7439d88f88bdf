import Foundation
import Testing

/// The first frame waits for the lesson it shows only: the other lessons load right after it, the tokenizer
/// starts then, and nothing on screen waits for the tokenizer (docs/terminal.md, "The loop").
@Suite("The first frame", .timeLimit(.minutes(1)))
struct FirstFrameTests {
    /// An interpreter that takes `seconds` to start, then is python3: the tokenizer run (which starts with it)
    /// is still going while the test looks. One process throughout, so stopping it leaves nothing behind.
    func slowPython(seconds: Int) throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proctutor-slow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("python3").path
        try """
            #!/bin/sh
            exec python3 -c 'import os, sys, time; time.sleep(\(seconds)); os.execvp("python3", ["python3"] + sys.argv[1:])' "$@"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return (path, folder)
    }

    @Test("every lesson's code is there at once, before the tokenizer has coloured any of it")
    func otherLessonsCodeDoesNotWaitForTheTokenizer() throws {
        let slow = try slowPython(seconds: 15)
        defer { try? FileManager.default.removeItem(at: slow.folder) }
        let t = try TutorialHarness(["learn", "1", "--lessons", Paths.lessons, "--lang", "en"],
                                    environment: ["PROCTUTOR_PYTHON": slow.path])
        defer { t.close() }
        let started = Date()
        let first = try t.waitForScreen(containing: "1/5", timeout: 5)
        // The position and the lesson keys are in the first frame, counted before the other lessons loaded.
        #expect(first.contains("←→ lesson"), "\(first)")
        try t.tmux.keys("Right")
        // Well inside the tokenizer's 15 s: code that waited for it would not be there yet.
        let second = try t.tmux.waitFor("lesson 2 with its demo's code", timeout: 5) {
            $0.contains("2/5") && $0.contains("from multiprocessing import Process")
        }
        #expect(!second.contains("(source not loaded)"), "\(second)")
        try t.tmux.keys("4")
        let fourth = try t.tmux.waitFor("lesson 4 with its demo's code", timeout: 5) {
            $0.contains("4/5") && $0.contains("Pool")
        }
        #expect(!fourth.contains("(source not loaded)"), "\(fourth)")
        // The tokenizer is still asleep in its 15 s: quitting stops it, and nothing is left running.
        #expect(Date().timeIntervalSince(started) < 12, "the checks above must run while the tokenizer sleeps")
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        #expect(try t.leakedProcesses().isEmpty)
        try t.expectTerminalRestored()
    }
}
