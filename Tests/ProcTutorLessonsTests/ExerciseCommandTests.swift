import Foundation
import Glibc
import ProcTutorCore
import Testing
@testable import ProcTutorLessons

/// `proctutor exercise` driven through the real binary against real Python: `--check`'s exit codes and
/// output, hostile student files, the built-in exercises on every interpreter, and the watcher.
@Suite struct ExerciseCommandTests {
    static let lessons = Fixture.root + "/exercise"
    static let folder = lessons + "/01-hello"

    func check(_ file: String, _ more: [String] = [], lessons: String = lessons, lesson: String = "1")
        throws -> CommandTests.Result {
        try CommandTests.run(["exercise", lesson, "--lessons", lessons, "--check", file, "--lang", "en"] + more)
    }

    @Test func exitCodesOfCheck() throws {
        let good = try check(Self.folder + "/demo.py")
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.hasSuffix("all 4 checks passed\n"))
        #expect(good.stdout.contains("✓ children of the main process = 1 · observed 1: "))

        let bad = try check(Self.folder + "/start.py")
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("✗ children of the main process = 1 · observed 0\n    0 children: \n"))
        #expect(bad.stdout.hasSuffix("1 of 4 checks passed\n"))

        let json = try check(Self.folder + "/start.py", ["--json"])
        #expect(json.status == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(obj["passed"] as? Bool == false)
        #expect((obj["checks"] as? [[String: Any]])?.count == 4)
        #expect((obj["checks"] as? [[String: Any]])?.last?["start_method"] as? String == "spawn")

        let zh = try CommandTests.run(["exercise", "1", "--lessons", Self.lessons, "--check", Self.folder + "/start.py",
                                       "--lang", "zh"])
        #expect(zh.stdout.contains("✗ 主进程的子进程 = 1 · 实际 0"))
    }

    @Test func badInputIsExitTwo() throws {
        let unknownLesson = try check(Self.folder + "/demo.py", lesson: "9")
        #expect(unknownLesson.status == 2)
        #expect(unknownLesson.stderr.contains("no lesson '9'"))

        let unknownExercise = try CommandTests.run(["exercise", "1", "nope", "--lessons", Self.lessons,
                                                    "--check", Self.folder + "/demo.py"])
        #expect(unknownExercise.status == 2)
        #expect(unknownExercise.stderr.contains("lesson 01-hello has no exercise 'nope' (it has: fork-one)"))

        let missing = try check("/no/such/file.py")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/file.py: no such file"))

        let dir = Fixture.tempDir("exercise")
        let broken = dir + "/broken.py"
        try "import os\nif True\n    os.fork()\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let syntax = try check(broken)
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("\(broken):2:8: SyntaxError: "), "\(syntax.stderr)")
        #expect(syntax.stdout.isEmpty)
    }

    /// A file that never ends is stopped at the exercise's timeout, one that forks without end at the process
    /// limit; either way the whole tree is gone and the report says why.
    @Test func hostileFilesAreStopped() throws {
        let dir = Fixture.tempDir("exercise")
        try FileManager.default.copyItem(atPath: Self.folder, toPath: dir + "/01-hello")
        let yaml = dir + "/01-hello/lesson.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8).replacingOccurrences(of: "timeout: 10", with: "timeout: 2")
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)

        let forever = dir + "/forever.py"
        try "import time\nwhile True:\n    time.sleep(0.1)\n".write(toFile: forever, atomically: true, encoding: .utf8)
        let start = Date()
        let r = try check(forever, lessons: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("! the program did not end within 2 s: its whole process tree was stopped\n"))
        #expect(r.stdout.contains("! the program did not end within 2 s: its whole process tree was stopped (spawn)\n"))
        #expect(Date().timeIntervalSince(start) < 15)

        let bomb = dir + "/bomb.py"
        try """
            import os, time
            for i in range(10000):
                if os.fork() == 0:
                    time.sleep(5)
                    os._exit(0)
            """.write(toFile: bomb, atomically: true, encoding: .utf8)
        let b = try check(bomb, lessons: dir)
        #expect(b.status == 1)
        #expect(b.stdout.contains("! more than \(Exercise.processLimit) processes were alive at once: the whole tree was stopped"))
        // Nothing of the bomb is left: no process runs its file.
        usleep(300_000)
        let left = try CommandTests.run(["-f", bomb], executable: "/usr/bin/pgrep")
        #expect(left.stdout.isEmpty, "left behind: \(left.stdout)")
    }

    /// `check` runs each exercise: a solution that fails a check and a starter that passes them all are errors
    /// at the place in lesson.yaml; the fixture as it is passes.
    @Test func checkRunsSolutionsAndStarters() throws {
        let good = try CommandTests.run(["check", Self.lessons])
        #expect(good.status == 0, "\(good.stdout)")
        let dir = Fixture.tempDir("exercise")
        try FileManager.default.copyItem(atPath: Self.folder, toPath: dir + "/01-hello")
        let yaml = dir + "/01-hello/lesson.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
            .replacingOccurrences(of: "    starter: start.py\n    solution: demo.py", with: "    starter: demo.py\n    solution: start.py")
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        let r = try CommandTests.run(["check", dir])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("01-hello/lesson.yaml:56:5: the starter demo.py of exercise 'fork-one' passes every check; a starter must fail at least one, or the exercise asks nothing") },
                "\(r.stdout)")
        #expect(lines.contains { $0.contains("01-hello/lesson.yaml:66:9: the solution start.py of exercise 'fork-one' fails this check: children of the main process = 1, observed 0 (0 children: )") },
                "\(r.stdout)")
        #expect(lines.last == "checked 1 lesson in \(dir): 4 errors, 0 warnings", "\(r.stdout)")
        let skipped = try CommandTests.run(["check", "--skip-exercises", dir])
        #expect(skipped.status == 0)
    }

    /// The interpreters to run the built-in exercises on: every pyenv 3.8–3.13 found, else python3.
    static let interpreters: [String] = {
        let root = NSHomeDirectory() + "/.pyenv/versions"
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { v in
            ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"].contains { v.hasPrefix($0 + ".") }
        }.sorted().map { root + "/" + $0 + "/bin/python3" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
        return found.isEmpty ? ["python3"] : found
    }()

    /// Every built-in exercise: the solution passes every check and the starter fails one, on each interpreter.
    @Test(arguments: interpreters)
    func builtInExercises(python: String) throws {
        let library = try LessonLibrary(directory: Fixture.builtIn)
        for lesson in library.lessons {
            for e in lesson.exercises {
                let solution = try CommandTests.run(["exercise", lesson.id, e.id, "--lessons", Fixture.builtIn,
                                                     "--python", python, "--check", lesson.path(of: e.solution)])
                #expect(solution.status == 0, "\(python) \(lesson.id)/\(e.id) solution:\n\(solution.stdout)\(solution.stderr)")
                let starter = try CommandTests.run(["exercise", lesson.id, e.id, "--lessons", Fixture.builtIn,
                                                    "--python", python, "--check", lesson.path(of: e.starter)])
                #expect(starter.status == 1, "\(python) \(lesson.id)/\(e.id) starter:\n\(starter.stdout)\(starter.stderr)")
            }
        }
    }

    /// The plain watch mode: the starter is copied (never over the student's work), every save re-runs it —
    /// written in place, or renamed over as vim and VS Code do — a syntax error and a deleted file are explained
    /// and the watcher goes on; passing is saved in progress and shown by `lessons`.
    @Test func watcherReRunsOnEverySave() throws {
        let data = Fixture.tempDir("data"), state = Fixture.tempDir("state")
        let session = try LiveSession(["exercise", "1", "--plain", "--lang", "en", "--lessons", Self.lessons],
                                      env: ["XDG_DATA_HOME": data, "XDG_STATE_HOME": state])
        defer { session.stop() }
        let file = data + "/proctutor/exercises/01-hello/fork-one.py"
        #expect(session.waitFor("1 of 4 checks passed"), "\(session.output)")
        #expect(session.output.contains("Your copy of the starter, to edit:\n\(file)\n"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == String(contentsOfFile: Self.folder + "/start.py", encoding: .utf8))

        let solution = try String(contentsOfFile: Self.folder + "/demo.py", encoding: .utf8)
        // Write in place (open, truncate, write, close).
        let h = try #require(FileHandle(forWritingAtPath: file))
        try h.truncate(atOffset: 0)
        h.write(Data(solution.utf8))
        try h.close()
        #expect(session.waitFor("all 4 checks passed"), "\(session.output)")
        #expect(session.waitFor("Passed! Saved in your progress."))

        // Rename over: a new file written beside it, then renamed onto it (vim, VS Code).
        try "print(\"hi from parent\"\n".write(toFile: file + ".swp", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: file)
        #expect(session.waitFor("was deleted. Still watching"), "\(session.output)")
        #expect(rename(file + ".swp", file) == 0)
        #expect(session.waitFor("SyntaxError"), "\(session.output)")
        #expect(session.waitFor("Fix it and save again."))
        try "print('hi from parent')\n".write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
        #expect(rename(file + ".tmp", file) == 0)
        #expect(session.waitFor("1 of 4 checks passed", after: "Fix it and save again."), "\(session.output)")

        // A program that deletes its own file while watched: said, and r writes back the version that ran.
        let selfDeleting = "import os\nos.remove(__file__)\nprint('hi from parent')\n"
        try selfDeleting.write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
        #expect(rename(file + ".tmp", file) == 0)
        #expect(session.waitFor("was deleted. Still watching: save it again, or press r to write back the last version run.",
                                after: "1 of 4 checks passed"), "\(session.output)")
        session.send("r\n")
        #expect(session.waitFor("Wrote \(file) back"), "\(session.output)")
        #expect(session.waitFor("checks passed", after: "Wrote \(file) back"), "\(session.output)")
        #expect(session.waitFor("was deleted", after: "Wrote \(file) back"), "\(session.output)")
        try "print('hi from parent')\n".write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
        #expect(rename(file + ".tmp", file) == 0)
        #expect(session.waitFor("1 of 4 checks passed", after: "was deleted"), "\(session.output)")

        session.send("h\n")
        #expect(session.waitFor("Hint 1/2: Use os.fork()."))
        session.send("q\n")
        #expect(session.waitForExit() == 0)

        // Passing stays in the progress; a second start keeps the student's file.
        let listing = try CommandTests.run(["lessons", "--lang", "en", "--lessons", Self.lessons], env: ["XDG_STATE_HOME": state])
        #expect(listing.stdout.contains("1/1"), "\(listing.stdout)")
        let again = try CommandTests.run(["exercise", "1", "--plain", "--lang", "en", "--lessons", Self.lessons],
                                         stdin: "q\n", env: ["XDG_DATA_HOME": data, "XDG_STATE_HOME": state])
        #expect(again.stdout.contains("Your file from before (never overwritten):"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "print('hi from parent')\n")

        // --reset asks; no keeps the file, yes keeps it as fork-one.py.~1~ and copies the starter.
        let no = try CommandTests.run(["exercise", "1", "--reset", "--plain", "--lang", "en", "--lessons", Self.lessons],
                                      stdin: "n\nq\n", env: ["XDG_DATA_HOME": data, "XDG_STATE_HOME": state])
        #expect(no.stdout.contains("Not reset"))
        let yes = try CommandTests.run(["exercise", "1", "--reset", "--plain", "--lang", "en", "--lessons", Self.lessons],
                                       stdin: "y\nq\n", env: ["XDG_DATA_HOME": data, "XDG_STATE_HOME": state])
        #expect(yes.stdout.contains("Your old file is kept as \(file).~1~"))
        #expect(try String(contentsOfFile: file + ".~1~", encoding: .utf8) == "print('hi from parent')\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == String(contentsOfFile: Self.folder + "/start.py", encoding: .utf8))
    }
}

/// The binary running with its stdin and stdout as pipes, read as it goes.
final class LiveSession {
    let process = Process()
    private let input = Pipe(), out = Pipe()
    private(set) var output = ""

    init(_ args: [String], env extra: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandTests.binary)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["PROCTUTOR_LESSONS"] = nil
        for (k, v) in extra { env[k] = v }
        process.environment = env
        process.standardInput = input
        process.standardOutput = out
        process.standardError = out
        try process.run()
        _ = fcntl(out.fileHandleForReading.fileDescriptor, F_SETFL, O_NONBLOCK)
    }

    private func pump() {
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(out.fileHandleForReading.fileDescriptor, &buf, buf.count)
            if n <= 0 { return }
            output += String(decoding: buf[0..<n], as: UTF8.self)
        }
    }

    /// Whether `text` appears in the output (after the last `after`, if given) within `timeout` seconds.
    func waitFor(_ text: String, after: String? = nil, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump()
            var rest = output[...]
            if let after, let r = output.range(of: after, options: .backwards) { rest = output[r.upperBound...] }
            if rest.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        pump()
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
