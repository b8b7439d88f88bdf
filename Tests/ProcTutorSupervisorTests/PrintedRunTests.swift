import Foundation
import Glibc
import Testing
import ProcTutorCore
@testable import ProcTutorSupervisor
@testable import ProcTutorSystem

/// `PrintedRun`, what `proctutor run` uses: the supervisor prints the events itself and sends the exit code
/// back. The test runner has many threads, so these runs take the `__supervise` path (a forked supervisor is
/// only safe in a single-threaded caller); `proctutor run` itself, in CommandLineTests and the reliability
/// tests, takes the fork path.
@Suite(.enabled(if: Harness.haveProctutor, "build the proctutor executable first: swift build"))
struct PrintedRunTests {
    /// Runs `program` to the end, printing into a file; returns what was printed and the exit code.
    func run(_ program: String, style: PrintStyle, limit: Double = 60) throws -> (text: String, code: Int?, run: PrintedRun) {
        let out = Harness.folder() + "/printed"
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        let config = RunConfig(program: program, timeout: 30, supervisorExecutable: Harness.proctutor)
        let run = try PrintedRun(config: config, style: style, output: fd)
        let deadline = Clock.monotonic() + limit
        while !run.isFinished, Clock.monotonic() < deadline {
            var p = pollfd(fd: run.fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 200)
            run.read()
        }
        run.reap()
        let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        return (text, run.exitCode, run)
    }

    @Test func jsonEventsArePrintedByTheSupervisorAndTheExitCodeComesBack() throws {
        let program = Harness.program(reportHelper + "import os\npid = os.fork()\nif pid == 0:\n    report('child')\n"
            + "    os._exit(0)\nos.waitpid(pid, 0)\nreport('main')\nimport sys; sys.exit(5)\n")
        let (text, code, run) = try run(program, style: PrintStyle(json: true, raw: false))
        #expect(!run.forked, "a multi-threaded caller must not fork")
        #expect(code == 5)
        let events = try text.split(separator: "\n").map { try EventJSON.decode(String($0)) }
        let starts = events.filter { $0.name == "start" }
        #expect(starts.count == 2, "main and its forked child: \(text)")
        #expect(events.first?.name == "run", "the header first, from __supervise too")
        guard case let .summary(s) = events.last?.kind else { Issue.record("no summary last: \(text)"); return }
        #expect(s.exitCode == 5)
        #expect(!text.contains("\"event\":\"raw\""), "raw lines only when asked")
    }

    @Test func plainLinesAndRawWhenAsked() throws {
        let program = Harness.program("print('hello from the program')\n")
        let (text, code, _) = try run(program, style: PrintStyle(json: false, raw: true))
        #expect(code == 0)
        #expect(text.contains("start MainProcess (main)"))
        #expect(text.contains("hello from the program"))
        #expect(text.contains("raw"), "the raw stream is printed with raw: true: \(text)")
        #expect(text.contains("summary: exit code 0"))
    }

    @Test func aKilledSupervisorEndsTheRunAndTakesTheProgramWithIt() throws {
        let program = Harness.program("import os, time\nprint('ready', flush=True)\ntime.sleep(600)\n")
        let out = Harness.folder() + "/printed"
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        let run = try PrintedRun(config: RunConfig(program: program, timeout: 60, supervisorExecutable: Harness.proctutor),
                                 style: PrintStyle(json: false, raw: false), output: fd)
        var deadline = Clock.monotonic() + 30
        func printed() -> String {
            String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        }
        while !printed().contains("ready"), Clock.monotonic() < deadline { usleep(20_000) }
        let main = printed().split(separator: "\n").first { $0.contains("start MainProcess") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { PID($0) }
        #expect(main != nil, "the main process's start line: \(printed())")
        run.read()
        kill(run.supervisorPID, SIGKILL)
        deadline = Clock.monotonic() + 10
        while !run.isFinished, Clock.monotonic() < deadline {
            var p = pollfd(fd: run.fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 200)
            run.read()
        }
        #expect(run.isFinished)
        #expect(run.exitCode == nil)
        let lost = run.lost()
        #expect(lost.contains("stopped (supervisor-lost)"), "\(lost)")
        #expect(lost.contains("summary: exit code 1"))
        run.reap()
        if let main {
            deadline = Clock.monotonic() + 2
            while Harness.isRunning(main), Clock.monotonic() < deadline { usleep(20_000) }
            #expect(!Harness.isRunning(main), "the program must not outlive its supervisor")
            kill(main, SIGKILL)
        }
    }
}
