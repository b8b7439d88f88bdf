import Foundation
import Testing

/// A program's output, names, task arguments and errors full of escape sequences, NUL bytes and invalid UTF-8
/// (issue 5): none of it reaches the terminal raw from `proctutor run`, in `--plain` (with and without `--raw`)
/// or in `--json` (where JSON escapes it and a JSON reader gets the text back exactly).
@Suite("Terminal injection", .serialized, .timeLimit(.minutes(1)))
struct TerminalInjectionTests {
    let fixture = Paths.fixture("hostile/escapes.py")

    @Test("--plain writes only printable text", arguments: [[], ["--raw"]])
    func plain(extra: [String]) throws {
        let p = try Spawned.proctutor(["run", fixture, "--plain"] + extra)
        defer { p.cleanUp() }
        #expect(try p.wait() == 0, "stderr: \(p.stderr)")
        let text = p.stdoutText
        #expect(text.contains("done"), "the run finished: \(text.suffix(500))")
        #expect(text.contains("␛[2J"), "escape sequences are shown as visible text")
        if let problem = TerminalSafety.firstProblem(in: p.stdout) { Issue.record("stdout: \(problem)") }
        if let problem = TerminalSafety.firstProblem(in: Data(p.stderr.utf8)) { Issue.record("stderr: \(problem)") }
    }

    @Test("--json escapes every control character and keeps the text")
    func json() throws {
        let p = try Spawned.proctutor(["run", fixture, "--json", "--raw"])
        defer { p.cleanUp() }
        #expect(try p.wait() == 0, "stderr: \(p.stderr)")
        if let problem = TerminalSafety.firstProblem(in: p.stdout) { Issue.record("--json stdout: \(problem)") }
        let run = try JSONRun(p.stdout)
        let texts = run.of("output").compactMap { $0["text"] as? String }
        #expect(texts.contains { $0.contains("\u{1B}]52;c;aGVsbG8=\u{7}") }, "the OSC 52 sequence survives, escaped")
        #expect(texts.contains { $0.contains("\u{FFFD}") }, "invalid UTF-8 became U+FFFD")
        let names = run.of("start").compactMap { $0["name"] as? String }
        #expect(names.contains { $0.hasPrefix("evil\u{1B}") }, "the process name is kept: \(names)")
    }
}
