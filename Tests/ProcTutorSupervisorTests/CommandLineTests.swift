import Foundation
import Glibc
import Testing
import ProcTutorCore
@testable import ProcTutorSupervisor
@testable import ProcTutorSystem

/// `proctutor run` as a user runs it: the built executable, its output and its exit status.
@Suite(.enabled(if: Harness.haveProctutor, "build the proctutor executable first: swift build"))
struct CommandLineTests {
    struct Ran {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `proctutor ARGS` to the end (at most `limit` seconds, then SIGKILL), its stdin `input` (a file
    /// holding it) or /dev/null.
    static func proctutor(_ args: [String], env extra: [String: String] = [:], input: String? = nil,
                          limit: Double = 60, cwd: String? = nil) throws -> Ran {
        let dir = Harness.folder()
        let out = dir + "/out", err = dir + "/err"
        let outFD = Glibc.open(out, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        let errFD = Glibc.open(err, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        var inFD: Int32 = -1
        if let input {
            try input.write(toFile: dir + "/in", atomically: false, encoding: .utf8)
            inFD = Glibc.open(dir + "/in", O_RDONLY | O_CLOEXEC)
        }
        defer { if inFD >= 0 { close(inFD) } }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v.isEmpty ? nil : v }
        let pid = try Spawner.spawn(path: Harness.proctutor, argv: [Harness.proctutor] + args,
                                    env: env.map { "\($0.key)=\($0.value)" },
                                    stdio: [inFD >= 0 ? .fd(inFD) : .devNull, .fd(outFD), .fd(errFD)],
                                    newSession: true, directory: cwd)
        close(outFD); close(errFD)
        let status = wait(pid, limit: limit)
        return Ran(status: status, stdout: String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self),
                   stderr: String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self))
    }

    /// The exit status (128+N for signal N), killing the process after `limit` seconds.
    static func wait(_ pid: pid_t, limit: Double) -> Int32 {
        let deadline = Clock.monotonic() + limit
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Clock.monotonic() > deadline { kill(pid, SIGKILL) }
            usleep(20_000)
        }
        let s = decodeWaitStatus(status)
        return Int32(s.signal.map { 128 + $0 } ?? s.code ?? -1)
    }

    @Test func jsonIsOneObjectPerLineEndingWithTheSummary() throws {
        let program = Harness.program(reportHelper + "report('main')\nimport sys; sys.exit(7)\n")
        let r = try Self.proctutor(["run", program, "--json"])
        #expect(r.status == 7)
        let events = try r.stdout.split(separator: "\n").map { try EventJSON.decode(String($0)) }
        #expect(events.first?.name == "run")
        #expect(events.dropFirst().first?.name == "start")
        guard case let .summary(s) = events.last?.kind else { Issue.record("no summary"); return }
        #expect(s.exitCode == 7)
        #expect(!r.stdout.contains("\"event\":\"raw\""))
    }

    /// The first line of every run says what ran, with what and when: the real interpreter's version, the
    /// program's source, the arguments.
    @Test func everyRunOpensWithItsHeader() throws {
        let source = "import sys\nprint('hi', sys.argv[1:])  # 进程\n"
        let program = Harness.program(source)
        let before = RunHeader.iso8601(epochSeconds: Date().timeIntervalSince1970 - 1)
        let r = try Self.proctutor(["run", program, "--json", "--start-method", "spawn", "--", "x y"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let first = try EventJSON.decode(String(r.stdout.prefix { $0 != "\n" }))
        guard case let .run(h) = first.kind else { Issue.record("not a header first: \(r.stdout)"); return }
        #expect(first.t == 0)
        #expect(h.program == program && h.lesson == nil && h.variant == nil)
        #expect(h.startMethod == .spawn)
        #expect(h.argv == [h.python, "-u", program, "x y"])
        #expect(h.schema == 2 && h.proctutor == ProcTutorVersion.current)
        #expect(h.source == source && !h.sourceTruncated)
        #expect(h.started >= before && h.started.hasSuffix("Z"), "\(h.started)")
        #expect(h.pythonVersion == Self.askVersion(h.python))
        #expect(r.stdout.split(separator: "\n").filter { $0.contains(#""event":"run""#) }.count == 1)
    }

    @Test func aRealRunReadsBackAsARecording() throws {
        let r = try Self.proctutor(["run", "1", "--json"])
        let recording = try Recording.parse(text: r.stdout, file: "run.ndjson")
        #expect(recording.header?.lesson == "01-fork")
        #expect(!recording.truncated)
        #expect(recording.summary?.processes == 2)
        #expect(recording.events.count == r.stdout.split(separator: "\n").count - 1)
    }

    @Test func repeatPrintsEverySummaryThenATally() throws {
        let demo = Harness.packageRoot + "/lessons/01-fork/demo.py"
        let r = try Self.proctutor(["run", demo, "--repeat", "5", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(r.stdout)")
        let summaries = lines.compactMap { try? EventJSON.decode($0) }.filter { $0.name == "summary" }
        #expect(summaries.count == 5)
        let tally = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        #expect(tally["event"] as? String == "tally")
        #expect(tally["runs"] as? Int == 5)
        let orderings = try #require(tally["orderings"] as? [[String: Any]])
        #expect(orderings.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == 5)
        // Parent and child by role, whatever their pids: every order names both.
        for o in orderings { #expect(Set(o["roles"] as? [String] ?? []) == ["MainProcess", "main.1"], "\(o)") }
        let codes = try #require(tally["exit_codes"] as? [[String: Any]])
        #expect(codes.count == 1 && codes[0]["code"] as? Int == 0 && codes[0]["count"] as? Int == 5)
        let processes = try #require(tally["processes"] as? [String: Any])
        #expect(processes["min"] as? Int == 2 && processes["max"] as? Int == 2)
        #expect((tally["duration"] as? [String: Any])?["min"] is Double)
    }

    @Test func repeatOutOfRangeIsOneLineAndExit2() throws {
        for n in ["0", "1001", "-3"] {
            let r = try Self.proctutor(["run", "1", "--repeat=\(n)"])
            #expect(r.status == 2, "\(n)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == "proctutor run: --repeat must be from 1 to 1000, not \(n)\n", "\(r.stderr)")
        }
    }

    /// 0 if every run exited 0, else the last non-zero exit code; plain output has one line per run.
    @Test func repeatExitsWithTheLastNonZeroCode() throws {
        let program = Harness.program("""
            import os, sys
            path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "count")
            n = int(open(path).read()) + 1 if os.path.exists(path) else 1
            open(path, "w").write(str(n))
            print("run", n)
            sys.exit({2: 3, 3: 5}.get(n, 0))
            """)
        let r = try Self.proctutor(["run", program, "--repeat", "4"])
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("run 4/4: summary: exit code 0"))
        #expect(r.stdout.contains("exit codes: 0 ×2, 3 ×1, 5 ×1"), "\(r.stdout)")
        #expect(r.stdout.hasPrefix("+0.000s  run "))
    }

    /// Ctrl-C stops the current run and prints the tally of the finished ones.
    @Test func interruptDuringRepeatPrintsTheTallySoFar() throws {
        let program = Harness.program("import time\nprint('hi', flush=True)\ntime.sleep(0.4)\n")
        let out = Harness.folder() + "/out"
        let outFD = Glibc.open(out, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        let pid = try Spawner.spawn(path: Harness.proctutor,
                                    argv: [Harness.proctutor, "run", program, "--repeat", "50", "--json"],
                                    env: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" },
                                    stdio: [.devNull, .fd(outFD), .devNull], newSession: true)
        close(outFD)
        let deadline = Clock.monotonic() + 30
        while Clock.monotonic() < deadline {
            let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
            if text.components(separatedBy: "\"event\":\"summary\"").count > 2 { break }
            usleep(20_000)
        }
        usleep(150_000)  // inside the third run
        kill(pid, SIGINT)
        #expect(Self.wait(pid, limit: 10) == 130)
        let lines = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let summaries = lines.filter { $0.contains(#""event":"summary""#) }.count
        let tally = try #require(try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any])
        #expect(tally["event"] as? String == "tally")
        #expect(tally["interrupted"] as? Bool == true)
        #expect(tally["runs"] as? Int == summaries)
        #expect(summaries >= 2 && summaries < 50)
    }

    /// `sys.version`'s first word, from the interpreter itself.
    static func askVersion(_ python: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import sys; print(sys.version.split()[0])"]
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aLessonsHeaderNamesItsLessonAndVariantAndPlainShowsOneHeaderLine() throws {
        let r = try Self.proctutor(["run", "5", "--variant", "fixed", "--time-scale", "0.05", "--json"])
        guard case let .run(h)? = try? EventJSON.decode(String(r.stdout.prefix { $0 != "\n" })).kind else {
            Issue.record("no header: \(r.stdout)"); return
        }
        #expect(h.lesson == "05-broken-pool" && h.variant == "fixed")
        #expect(h.program.hasSuffix("lessons/05-broken-pool/fixed.py"))
        let plain = try Self.proctutor(["run", "1", "--time-scale", "0.05"])
        let lines = plain.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("+0.000s  run ") == true, "\(plain.stdout)")
        #expect(lines.first?.contains("(lesson 01-fork") == true)
        #expect(lines.first?.contains("method default, Python 3.") == true, "\(lines.first ?? "")")
        #expect(lines.filter { $0.contains("  run ") }.count == 1)
    }

    @Test func aLongSourceIsCutAndSaysSo() throws {
        let program = Harness.program("print('end')\n" + String(repeating: "# 进程进程进程\n", count: 20_000))
        let r = try Self.proctutor(["run", program, "--json"])
        guard case let .run(h)? = try? EventJSON.decode(String(r.stdout.prefix { $0 != "\n" })).kind else {
            Issue.record("no header"); return
        }
        #expect(h.sourceTruncated)
        #expect(h.source.utf8.count <= RunHeader.sourceLimit && h.source.utf8.count > RunHeader.sourceLimit - 4)
        #expect(h.source.hasPrefix("print('end')\n# 进程"))
    }

    @Test func versionFlag() throws {
        let r = try Self.proctutor(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == ProcTutorVersion.current + "\n")
    }

    @Test func plainIsTheDefaultAndRawIsOptIn() throws {
        let program = Harness.program("print('hello')\n")
        let plain = try Self.proctutor(["run", program])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("start MainProcess (main)"))
        #expect(plain.stdout.contains("out  hello"))
        #expect(plain.stdout.contains("summary: exit code 0"))
        #expect(!plain.stdout.contains("raw out"))
        let raw = try Self.proctutor(["run", program, "--raw"])
        #expect(raw.stdout.contains("raw out  hello"))
    }

    @Test func argumentsAfterTheTerminatorReachTheProgram() throws {
        let program = Harness.program("import sys\nprint(sys.argv[1:])\n")
        let r = try Self.proctutor(["run", program, "--", "a b", "--json"])
        #expect(r.stdout.contains("['a b', '--json']"))
    }

    /// As `python3 -u FILE` would, the program reads what `proctutor run` was given on stdin.
    @Test func theProgramReadsProctutorsStdin() throws {
        let program = Harness.program("""
            import sys
            name = input("name? ")
            print("hello", name, "then", sys.stdin.read().split())
            """)
        let r = try Self.proctutor(["run", program, "--json"], input: "Ada\nb c\n")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // input() flushes its prompt before it reads: the prompt is a line of its own, reported then.
        let prompt = try #require(r.stdout.range(of: #""text":"name? ""#), "\(r.stdout)")
        let answer = try #require(r.stdout.range(of: #""text":"hello Ada then ['b', 'c']""#), "\(r.stdout)")
        #expect(prompt.lowerBound < answer.lowerBound)
    }

    @Test func lessonIdsAndVariants() throws {
        let r = try Self.proctutor(["run", "5", "--variant", "fixed", "--time-scale", "0.05", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--end--"))
        let unknown = try Self.proctutor(["run", "42"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("01-fork") && unknown.stderr.contains("05-broken-pool"))
        let variant = try Self.proctutor(["run", "5", "--variant", "nope"])
        #expect(variant.status == 2)
        #expect(variant.stderr.contains("fixed"))
    }

    @Test func badInputGetsAClearMessage() throws {
        let missing = try Self.proctutor(["run", "/nonexistent/x.py"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/x.py: no such file"))
        let program = Harness.program("print(1)\n")
        let noPython = try Self.proctutor(["run", program], env: ["PROCTUTOR_PYTHON": "/nonexistent/python3"])
        #expect(noPython.status == 2)
        #expect(noPython.stderr.contains("apt-get install python3"))
        let noPath = try Self.proctutor(["run", program], env: ["PATH": "/nonexistent"])
        #expect(noPath.status == 2)
        #expect(noPath.stderr.contains("python3 was not found"))
        let method = try Self.proctutor(["run", program, "--start-method", "thread"])
        #expect(method.status != 0)
        #expect(method.stderr.contains("fork, spawn or forkserver"))
    }

    @Test func timeoutExits124AndSaysSo() throws {
        let program = Harness.program("import time\ntime.sleep(30)\n")
        let r = try Self.proctutor(["run", program, "--timeout", "1"])
        #expect(r.status == 124)
        #expect(r.stdout.contains("stopped (timeout)"))
    }

    @Test func syntaxErrorIsPythonsOwnMessageAndExit1() throws {
        let program = Harness.program("def f(:\n    pass\n", name: "syntax.py")
        let r = try Self.proctutor(["run", program])
        #expect(r.status == 1)
        #expect(r.stdout.contains("SyntaxError"))
        #expect(r.stdout.contains("syntax.py"))
    }

    /// Ctrl-C on `proctutor run`: the tree is stopped, the run says so and exits 130.
    @Test func interruptStopsTheTreeAndExits130() throws {
        let program = Harness.program(reportHelper + """
            if os.fork() == 0:
                report("child")
                time.sleep(30)
            report("main")
            time.sleep(30)
            """)
        let (pid, out) = try Self.startJSONRun(program)
        let pids = try Self.waitForReports(out, count: 2)
        kill(pid, SIGINT)
        let status = Self.wait(pid, limit: 10)
        #expect(status == 130)
        let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        #expect(text.contains("\"reason\":\"interrupt\""))
        for p in pids { #expect(!Harness.isRunning(p)) }
    }

    /// `kill -9` of `proctutor run` itself: no process of the program outlives it by more than 2 s.
    @Test func killMinus9LeavesNothingBehind() throws {
        let program = Harness.program(reportHelper + """
            import multiprocessing as mp
            def sleeper():
                report("child")
                if os.fork() == 0:
                    os.setsid()
                    report("daemon")
                    time.sleep(60)
                time.sleep(60)
            if __name__ == "__main__":
                for i in range(2):
                    mp.Process(target=sleeper).start()
                report("main")
                time.sleep(60)
            """)
        let (pid, out) = try Self.startJSONRun(program)
        let pids = try Self.waitForReports(out, count: 5)
        kill(pid, SIGKILL)
        _ = Self.wait(pid, limit: 5)
        let killedAt = Clock.monotonic()
        var alive = pids
        while !alive.isEmpty, Clock.monotonic() - killedAt < 2 {
            alive = alive.filter(Harness.isRunning)
            usleep(20_000)
        }
        #expect(alive.isEmpty, "still running 2 s after kill -9: \(alive)")
        for p in alive { kill(p, SIGKILL) }
    }

    /// Waits until `count` processes have printed their `PID` line (as `--json` output events); returns them.
    /// Starts `proctutor run PROGRAM --json` in its own session, its stdout into a file; returns its pid and that file.
    static func startJSONRun(_ program: String) throws -> (pid: pid_t, out: String) {
        let out = Harness.folder() + "/out"
        let outFD = Glibc.open(out, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(outFD) }
        let pid = try Spawner.spawn(path: Harness.proctutor, argv: [Harness.proctutor, "run", program, "--json"],
                                    env: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" },
                                    stdio: [.devNull, .fd(outFD), .devNull], newSession: true)
        return (pid, out)
    }

    static func waitForReports(_ path: String, count: Int) throws -> [PID] {
        let deadline = Clock.monotonic() + 30
        while Clock.monotonic() < deadline {
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            let pids = text.split(separator: "\n").compactMap { line -> PID? in
                guard let e = try? EventJSON.decode(String(line)), case let .output(_, _, t) = e.kind,
                      t.hasPrefix("PID ") else { return nil }
                return PID(t.split(separator: " ")[1])
            }
            if pids.count >= count { return pids }
            usleep(50_000)
        }
        throw RunError(zh: "程序没有及时启动 \(count) 个进程", en: "the program did not start \(count) processes in time")
    }
}
