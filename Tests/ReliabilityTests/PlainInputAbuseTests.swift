import Foundation
import Glibc
import Testing
import TestSupport

/// Garbage typed or piped into the line-mode commands (issue 5, input abuse without a terminal): random bytes,
/// escape sequences, invalid UTF-8, NUL and a 1 MB line, then a real answer. No crash, and nothing unsafe is
/// echoed back to the terminal.
@Suite("Plain-mode input abuse", .serialized, .timeLimit(.minutes(1)))
struct PlainInputAbuseTests {
    @Test("proctutor quiz --plain survives garbage answers and echoes nothing raw")
    func quizGarbage() throws {
        let lessons = try QuizLessons.make(count: 1)
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        var rng = SplitMix64(seed: FuzzSettings.seed)
        var input: [UInt8] = []
        for _ in 0..<200 {
            let n = Int.random(in: 0...120, using: &rng)
            input += (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }.filter { $0 != 0x0A } + [0x0A]
        }
        input += Array("\u{1B}]52;c;aGVsbG8=\u{7}\n\u{1B}[2J\n\u{9B}31m\n".utf8) + [0xFF, 0xFE, 0x0A, 0x00, 0x0A]
        input += [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + [0x0A]
        input += Array("b\n".utf8)
        let answers = lessons + "/answers"
        TestFile.write(answers, Data(input))
        let p = try Spawned.proctutor(["quiz", "1", "--plain", "--lessons", lessons],
                                      environment: ["XDG_STATE_HOME": lessons + "/state"], stdin: answers)
        defer { p.cleanUp() }
        #expect(try p.wait() == 0, "stderr: \(p.stderr.prefix(500))")
        if let problem = TerminalSafety.firstProblem(in: p.stdout) { Issue.record("quiz stdout: \(problem)") }
        if let problem = TerminalSafety.firstProblem(in: Data(p.stderr.utf8)) { Issue.record("quiz stderr: \(problem)") }
        #expect(p.peakMiB < 96, "peak RSS \(p.peakMiB) MiB")
    }

    @Test("proctutor run into a pipe that closes early (| head -1) leaves no process behind")
    func closedPipe() throws {
        let dir = try Paths.scratch("pipe")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = "\"$0\" run \"$1\" --plain -- 50 lines | head -n 1"
        let p = try Spawned(["/bin/sh", "-c", script, try Paths.binary(), Paths.fixture("hostile/flood.py")],
                            directory: dir)
        defer { p.cleanUp() }
        try p.wait(timeout: 60)
        let left = p.survivors(after: 2)
        #expect(left.isEmpty, "processes left after the reader went away: \(left)")
        #expect(p.stdoutText.split(separator: "\n").count == 1)
    }
}
