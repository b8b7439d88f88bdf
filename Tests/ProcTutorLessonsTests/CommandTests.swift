import Foundation
import TestSupport
import Testing
@testable import ProcTutorLessons

/// The `proctutor` binary driven as a user would: arguments, stdin, stdout, exit status.
@Suite struct CommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let binary: String = {
        let found = BuiltBinary.locate(packageRoot: URL(fileURLWithPath: packageRoot))
        return found.path ?? found.tried[0]
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], stdin: String = "", env extra: [String: String] = [:],
                    executable: String = binary, cwd: String? = nil) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: executable),
                     "build the proctutor binary first (swift build)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["PROCTUTOR_LESSONS"] = nil
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    func state() -> [String: String] { ["XDG_STATE_HOME": Fixture.tempDir("state")] }

    @Test func plainQuizThroughStdin() throws {
        let env = state()
        // Right, invalid then right, wrong, right, then two predict answers.
        let r = try Self.run(["quiz", "1", "--plain", "--lang", "en", "--lessons", Fixture.good],
                             stdin: "2\nq\nc,a\n3\nOS\n2\n0\n", env: env)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Lesson 1 quiz: Hello, processes (6 questions)\n"))
        #expect(r.stdout.contains("""
            Question 1 of 6 (one answer)
            What happens when os.fork() fails?
              a) It returns -1
              b) It raises OSError
              c) It returns 0
            > 2
            Right.
            Python turns the error into an exception.
            """))
        #expect(r.stdout.contains("> q\n\"q\" is not a choice: type a letter a–c or a number 1–3.\n> c,a\nRight.\n"))
        #expect(r.stdout.contains("> 3\nNot quite. The answer: 2\nOne line per process.\n"))
        // Predict questions run the real demo through the engine and compare with its events.
        #expect(r.stdout.contains("How many processes in all?\n> 2\nRunning demo.py…\nThe run ended: 2 processes, exit code 0, "))
        #expect(r.stdout.contains(" s.\nThe real run shows: 2.\nRight.\nThe parent and the child.\n"))
        #expect(r.stdout.contains("> 0\nRunning demo.py (start method fork)…\n"))
        #expect(r.stdout.contains("The real run shows: 0.\nRight.\nIt ends normally: 0.\n"))
        #expect(r.stdout.hasSuffix("\nScore: 5 of 6.\nPass mark 70 %: passed; the lesson is done.\n"))
        // A finished quiz is saved.
        let (p, problems) = ProgressStore(directory: env["XDG_STATE_HOME"]! + "/proctutor").load()
        #expect(problems == [])
        #expect(p[lesson: "01-hello"].done)
        #expect(p[lesson: "01-hello"].lastScore?.correct == 5)
        #expect(p[lesson: "01-hello"].lastScore?.total == 6)
        #expect(p.lastLesson == "01-hello")
    }

    /// Issue 17: below the pass mark the score is saved, the lesson is not done.
    @Test func plainQuizBelowThePassMarkIsNotDone() throws {
        let env = state()
        // Wrong, wrong, wrong, right, then two predict answers that the run proves wrong: 1 of 6.
        let r = try Self.run(["quiz", "1", "--plain", "--lang", "zh", "--lessons", Fixture.good],
                             stdin: "a\nb\n3\nos\n9\n9\n", env: env)
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("得分：1 / 6。\n没到及格线 70%：成绩已保存，但本课未标记为完成。\n"), "\(r.stdout.suffix(300))")
        let (p, _) = ProgressStore(directory: env["XDG_STATE_HOME"]! + "/proctutor").load()
        #expect(p[lesson: "01-hello"].lastScore?.correct == 1)
        #expect(!p[lesson: "01-hello"].done)
    }

    @Test func endOfInputStopsWithScoreSoFar() throws {
        let env = state()
        let r = try Self.run(["quiz", "01-hello", "--plain", "--lang", "zh", "--lessons", Fixture.good],
                             stdin: "b\na\n", env: env)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("第 1 课测验：你好，进程（共 6 题）\n"))
        #expect(r.stdout.contains("> b\n正确。\n"))
        #expect(r.stdout.contains("> a\n不对。正确答案：a, c\n"))
        #expect(r.stdout.hasSuffix("输入结束，测验提前停止。目前得分：1 / 2。\n"))
        // An unfinished quiz records the lesson opened, but no score.
        let (p, _) = ProgressStore(directory: env["XDG_STATE_HOME"]! + "/proctutor").load()
        #expect(p.lastLesson == "01-hello")
        #expect(p[lesson: "01-hello"].lastScore == nil)
        #expect(!p[lesson: "01-hello"].done)
    }

    @Test func unknownLessonListsTheKnownOnes() throws {
        let r = try Self.run(["quiz", "9", "--plain", "--lessons", Fixture.good], env: state())
        #expect(r.status != 0)
        #expect(r.stderr.contains("no lesson '9'; the lessons are: 1 (01-hello), 2 (02-pool)"))
    }

    @Test func lessonsCommandShowsProgress() throws {
        let env = state()
        _ = try Self.run(["quiz", "2", "--plain", "--lessons", Fixture.good], stdin: "", env: env)
        let r = try Self.run(["lessons", "--lang", "en", "--lessons", Fixture.good], env: env)
        #expect(r.status == 0)
        #expect(r.stdout == """
            #  id        title             done  quiz best  quiz last  exercises
            1  01-hello  Hello, processes  -     -          -          -
            2  02-pool   The pool          -     -          -          -

            Last lesson: 2 (02-pool)

            """)
    }

    @Test func corruptProgressIsReportedOnStderr() throws {
        let env = state()
        let dir = env["XDG_STATE_HOME"]! + "/proctutor"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "{oops".write(toFile: dir + "/progress.json", atomically: false, encoding: .utf8)
        let r = try Self.run(["lessons", "--lessons", Fixture.good], env: env)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("proctutor: progress file \(dir)/progress.json is corrupt: not valid JSON; moved it to \(dir)/progress.json.corrupt-"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func langFollowsTheLocale() throws {
        let r = try Self.run(["lessons", "--lessons", Fixture.good], env: state().merging(["LC_ALL": "zh_CN.UTF-8"]) { $1 })
        #expect(r.stdout.hasPrefix("#  编号"))
        let e = try Self.run(["lessons", "--lessons", Fixture.good], env: state().merging(["LC_ALL": "", "LANG": "C.UTF-8"]) { $1 })
        #expect(e.stdout.hasPrefix("#  id"))
    }

    @Test func checkExitsOneOnErrorsAndZeroWhenClean() throws {
        // Run from the fixtures folder: paths under the current folder print relative.
        let bad = try Self.run(["check", "broken/wrong-type"], cwd: Fixture.root)
        #expect(bad.status == 1)
        #expect(bad.stdout == """
            broken/wrong-type/01-hello/lesson.yaml:2:9: 'number' must be a whole number, not "one"
            checked 0 lessons in broken/wrong-type: 1 error, 0 warnings

            """)
        let abs = try Self.run(["check", Fixture.broken("wrong-type")], cwd: "/")
        #expect(abs.stdout.hasPrefix(Fixture.broken("wrong-type") + "/01-hello/lesson.yaml:2:9: "))
        let good = try Self.run(["check", Fixture.good])
        #expect(good.status == 0)
        #expect(good.stdout.hasSuffix("/good: 0 errors, 0 warnings\n"))
        let warn = try Self.run(["check", Fixture.broken("few-questions")])
        #expect(warn.status == 0)
        let strict = try Self.run(["check", "--strict", Fixture.broken("few-questions")])
        #expect(strict.status == 1)
        let env = try Self.run(["check"], env: ["PROCTUTOR_LESSONS": Fixture.good])
        #expect(env.status == 0)
        let noDir = try Self.run(["check", "/no/such/dir"])
        #expect(noDir.status == 2)
        #expect(noDir.stderr == "proctutor check: '/no/such/dir' does not exist or is not a folder\n")
        let missing = try Self.run(["check", "--lessons", "/no/such/dir"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the lessons folder '/no/such/dir' (from --lessons) does not exist or is not a folder"))
    }
}

@Suite struct InstallTests {
    @Test func installedBinaryFindsItsLessons() throws {
        let prefix = Fixture.tempDir("prefix")
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let install = Process()
        install.executableURL = URL(fileURLWithPath: CommandTests.packageRoot + "/scripts/install")
        install.arguments = ["--build-dir", URL(fileURLWithPath: CommandTests.binary).deletingLastPathComponent().path,
                             prefix]
        install.standardError = FileHandle.nullDevice
        try install.run()
        install.waitUntilExit()
        #expect(install.terminationStatus == 0)
        let bin = prefix + "/bin/proctutor"
        let lessons = prefix + "/share/proctutor/lessons"
        #expect(FileManager.default.fileExists(atPath: lessons + "/05-broken-pool/lesson.yaml"))
        // The man page comes from the command tree: every subcommand a user can type is in it, the hidden one
        // is marked internal.
        let manual = try String(contentsOfFile: prefix + "/share/man/man1/proctutor.1", encoding: .utf8)
        for command in ["learn", "run", "watch", "exercise", "replay", "lessons", "quiz", "check"] {
            #expect(manual.contains(".It Em \(command)"), "proctutor(1) lacks \(command)")
        }
        #expect(manual.contains("Internal:"))
        // From another folder, with no hint: the installed lessons are found before the checkout's.
        let r = try CommandTests.run(["check", "--skip-exercises"], executable: bin, cwd: "/")
        #expect(r.status == 0)
        #expect(r.stdout == "checked 5 lessons in \(lessons): 0 errors, 0 warnings\n")
        let l = try CommandTests.run(["lessons", "--lang", "en"], env: ["XDG_STATE_HOME": prefix + "/state"],
                                     executable: bin, cwd: "/")
        #expect(l.status == 0)
        #expect(l.stdout.contains("5  05-broken-pool"))
    }
}

@Suite struct PredictTests {
    /// A predict question whose demo cannot start is explained and not scored; the quiz goes on.
    @Test func demoThatCannotRunIsNotScored() throws {
        let dir = Fixture.tempDir("lessons")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Fixture.good + "/01-hello", toPath: dir + "/01-hello")
        try FileManager.default.removeItem(atPath: dir + "/01-hello/demo.py")
        let r = try CommandTests.run(["quiz", "1", "--plain", "--lang", "en", "--lessons", dir],
                                     stdin: "b\nac\n2\nos\n2\n0\n", env: ["XDG_STATE_HOME": dir + "/state"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Running demo.py…\nCannot check this one ("))
        #expect(r.stdout.contains("no such file); it is not scored.\nThe parent and the child.\n"))
        #expect(r.stdout.hasSuffix("\nScore: 4 of 4.\nPass mark 70 %: passed; the lesson is done.\n"))
    }

    /// A demo that never ends is stopped at the lesson's time limit; the observation uses the events so far.
    @Test func demoTimeLimitStopsTheRun() throws {
        let dir = Fixture.tempDir("lessons")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lesson = dir + "/01-forever"
        try FileManager.default.createDirectory(atPath: lesson, withIntermediateDirectories: true)
        try "import time\nprint('tick', flush=True)\ntime.sleep(600)\n".write(toFile: lesson + "/demo.py", atomically: false, encoding: .utf8)
        try "# Forever\n".write(toFile: lesson + "/text.zh.md", atomically: false, encoding: .utf8)
        try "# Forever\n".write(toFile: lesson + "/text.en.md", atomically: false, encoding: .utf8)
        try """
            id: 01-forever
            number: 1
            title: { zh: "永远", en: "Forever" }
            demos:
              - { name: demo, file: demo.py, title: { zh: "演示", en: "Demo" }, timeout: 1 }
            text: { zh: text.zh.md, en: text.en.md }
            quiz:
              - id: ticks
                kind: predict
                prompt: { zh: "几行 tick？", en: "How many tick lines?" }
                observe: { lines_containing: "tick" }
                explanation: { zh: "一行。", en: "One." }
            """.write(toFile: lesson + "/lesson.yaml", atomically: false, encoding: .utf8)
        let r = try CommandTests.run(["quiz", "1", "--plain", "--lang", "en", "--lessons", dir],
                                     stdin: "1\n", env: ["XDG_STATE_HOME": dir + "/state"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("exit code 124, "))
        #expect(r.stdout.contains("(The program does not end by itself: proctutor stopped it at its time limit.)\nThe real run shows: 1.\nRight.\n"))
        #expect(r.stdout.hasSuffix("Score: 1 of 1.\nPass mark 70 %: passed; the lesson is done.\n"))
    }

    /// A lesson whose one demo prints a line and then sleeps ten minutes, with `timeout` seconds in lesson.yaml.
    static func sleepingLesson(timeout: Int) throws -> String {
        let dir = Fixture.tempDir("lessons")
        let lesson = dir + "/01-sleeper"
        try FileManager.default.createDirectory(atPath: lesson, withIntermediateDirectories: true)
        try "import time\nprint('asleep', flush=True)\ntime.sleep(600)\n".write(toFile: lesson + "/demo.py", atomically: false, encoding: .utf8)
        try "# Sleeper\n".write(toFile: lesson + "/text.zh.md", atomically: false, encoding: .utf8)
        try "# Sleeper\n".write(toFile: lesson + "/text.en.md", atomically: false, encoding: .utf8)
        try """
            id: 01-sleeper
            number: 1
            title: { zh: "睡", en: "Sleeper" }
            demos:
              - { name: demo, file: demo.py, title: { zh: "演示", en: "Demo" }, timeout: \(timeout) }
            text: { zh: text.zh.md, en: text.en.md }
            quiz: []
            """.write(toFile: lesson + "/lesson.yaml", atomically: false, encoding: .utf8)
        return dir
    }

    /// `proctutor run` stops a demo at the `timeout` its lesson sets (without `--timeout`), exit code 124.
    @Test func runUsesTheDemoTimeout() throws {
        let dir = try Self.sleepingLesson(timeout: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CommandTests.run(["run", "1", "--lessons", dir])
        #expect(r.status == 124)
        #expect(r.stdout.contains("asleep"))
        #expect(r.stdout.contains("stopped (timeout): the run took longer than 1 s"))
    }

    /// `--timeout` wins over the demo's own limit.
    @Test func runTimeoutOptionWinsOverTheDemo() throws {
        let dir = try Self.sleepingLesson(timeout: 300)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CommandTests.run(["run", "1", "--lessons", dir, "--timeout", "1"])
        #expect(r.status == 124)
        #expect(r.stdout.contains("stopped (timeout): the run took longer than 1 s"))
    }

    /// `proctutor watch` says what is wrong with its file, and starts nothing.
    @Test func watchRejectsWhatIsNotAPythonFile() throws {
        let dir = Fixture.tempDir("watch")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "print('hi')\n".write(toFile: dir + "/notes.txt", atomically: false, encoding: .utf8)
        let missing = try CommandTests.run(["watch", dir + "/nope.py"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "proctutor watch: \(dir)/nope.py: no such file\n")
        let text = try CommandTests.run(["watch", dir + "/notes.txt"])
        #expect(text.status == 2)
        #expect(text.stderr == "proctutor watch: \(dir)/notes.txt is not a Python file (its name must end in .py)\n")
        let folder = try CommandTests.run(["watch", dir])
        #expect(folder.status == 2)
        #expect(folder.stderr.hasPrefix("proctutor watch: \(dir) is a folder; give a Python file"))
        #expect(missing.stdout.isEmpty && text.stdout.isEmpty && folder.stdout.isEmpty)
    }

    /// Not on a terminal, `proctutor watch` prints the run's events as `proctutor run` does, with its arguments.
    @Test func watchInAPipePrintsTheEvents() throws {
        let dir = Fixture.tempDir("watch")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "import sys\nprint('args', sys.argv[1:])\nsys.exit(3)\n".write(toFile: dir + "/s.py", atomically: false, encoding: .utf8)
        let r = try CommandTests.run(["watch", dir + "/s.py", "--", "a", "b"], env: ["TERM": "xterm-256color"])
        #expect(r.status == 3)
        #expect(r.stdout.contains("args ['a', 'b']"))
        #expect(r.stdout.contains("summary: exit code 3"))
    }

    /// Without `--plain` but not on a terminal, `proctutor quiz` is the plain quiz (pipes, screen readers).
    @Test func quizWithoutPlainInAPipeIsPlain() throws {
        let r = try CommandTests.run(["quiz", "01-hello", "--lang", "en", "--lessons", Fixture.good],
                             stdin: "2\n", env: ["XDG_STATE_HOME": Fixture.tempDir("state"), "TERM": "xterm-256color"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Lesson 1 quiz: Hello, processes (6 questions)\n"))
        #expect(r.stdout.contains("> 2\nRight.\n"))
    }

    /// Ctrl-C while a demo runs stops the demo's tree, not the quiz; the question is not scored.
    @Test func ctrlCStopsTheDemoNotTheQuiz() throws {
        let dir = Fixture.tempDir("lessons")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lesson = dir + "/01-forever"
        try FileManager.default.createDirectory(atPath: lesson, withIntermediateDirectories: true)
        try "import os, time\nos.fork()\nprint('tick', flush=True)\ntime.sleep(600)\n"
            .write(toFile: lesson + "/demo.py", atomically: false, encoding: .utf8)
        for lang in ["zh", "en"] { try "# F\n".write(toFile: lesson + "/text.\(lang).md", atomically: false, encoding: .utf8) }
        try """
            id: 01-forever
            number: 1
            title: { zh: "永远", en: "Forever" }
            demos:
              - { name: demo, file: demo.py, title: { zh: "演示", en: "Demo" } }
            text: { zh: text.zh.md, en: text.en.md }
            quiz:
              - id: ticks
                kind: predict
                prompt: { zh: "几行 tick？", en: "How many tick lines?" }
                observe: { lines_containing: "tick" }
                explanation: { zh: "两行。", en: "Two." }
              - id: q2
                kind: short
                prompt: { zh: "模块？", en: "Module?" }
                answer: os
                explanation: { zh: "os。", en: "os." }
            """.write(toFile: lesson + "/lesson.yaml", atomically: false, encoding: .utf8)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandTests.binary)
        p.arguments = ["quiz", "1", "--plain", "--lang", "en", "--lessons", dir]
        p.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": dir + "/state"]) { $1 }
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data("2\n".utf8))
        // Wait until the demo's own processes exist (the quiz's handler is installed before they start).
        var demoPIDs: [Int32] = []
        for _ in 0..<200 {
            demoPIDs = ProcTree.descendants(of: p.processIdentifier).filter { ProcTree.command($0) == "python3" }
            if demoPIDs.count >= 2 { break }
            usleep(50_000)
        }
        #expect(demoPIDs.count >= 2, "the demo did not start")
        kill(p.processIdentifier, SIGINT)
        input.fileHandleForWriting.write(Data("OS\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.contains("(You stopped the run with Ctrl-C.)\nCannot check this one (you stopped the run before it ended); it is not scored.\nTwo.\n"))
        #expect(text.hasSuffix("> OS\nRight.\nos.\n\nScore: 1 of 1.\nPass mark 70 %: passed; the lesson is done.\n"))
        // The demo's whole tree is gone.
        for pid in demoPIDs { #expect(!ProcTree.isLive(pid), "demo process \(pid) survived") }
    }

    /// Every predict question of built-in lesson 1 can be checked against a real run.
    @Test func builtInLessonOnePredictsAreObservable() throws {
        let r = try CommandTests.run(["quiz", "1", "--plain", "--lang", "en"],
                                     stdin: String(repeating: "1\n", count: 40),
                                     env: ["XDG_STATE_HOME": Fixture.tempDir("state")])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("Cannot check"))
        #expect(r.stdout.contains("The real run shows: 2."))
        #expect(r.stdout.contains("\nScore: "))
    }
}

/// Just enough of /proc to find a process's descendants.
enum ProcTree {
    static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { tid -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    static func descendants(of pid: Int32) -> [Int32] {
        children(of: pid).flatMap { [$0] + descendants(of: $0) }
    }

    static func command(_ pid: Int32) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Alive and not a zombie.
    static func isLive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}
