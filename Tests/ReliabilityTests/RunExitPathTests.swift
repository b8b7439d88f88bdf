import Foundation
import Glibc
import Testing
import TestSupport

/// Every way `proctutor run` can end while a demo runs (issue 5, exit paths): no process of the demo survives
/// proctutor by more than 2 s. (The tutorial's exit paths are in EndToEndTests/ExitPathTests.)
@Suite("proctutor run exit paths", .serialized, .timeLimit(.minutes(1)))
struct RunExitPathTests {
    enum Way: String, CaseIterable, CustomTestStringConvertible {
        case end = "the program ends"
        case ctrlC = "Ctrl-C (SIGINT to the foreground group)"
        case sigterm = "SIGTERM"
        case sighup = "SIGHUP (terminal closed: the whole group)"
        case sigkill = "kill -9"
        case groupKill = "kill -9 of proctutor's whole process group"
        case crash = "a crash inside proctutor (test hook)"
        case supervisorKilled = "kill -9 of the supervisor process"
        case escapeThenSupervisorKilled = "kill -9 of the supervisor after a child left the session (setsid)"
        case pkillByName = "pkill -9 proctutor (every process named proctutor, one by one)"
        case pkillByCommandLine = "pkill -9 -f proctutor (every process whose command line names proctutor)"
        var testDescription: String { rawValue }
    }

    @Test("no demo process outlives proctutor run by more than 2 s", arguments: Way.allCases)
    func exit(way: Way) throws {
        let program = way == .end || way == .escapeThenSupervisorKilled ? "setsid_escape.py" : "sleepers.py"
        // A folder of its own for the run's temporary folder, to see that none is left behind.
        let tmp = try Paths.scratch("tmpdir")
        var env = ["TMPDIR": tmp]
        if way == .crash { env["PROCTUTOR_TEST_CRASH_AFTER_MS"] = "1500" }
        let p = try Spawned.proctutor(["run", Paths.fixture("hostile/" + program), "--plain"], environment: env)
        defer { p.cleanUp() }
        if way == .escapeThenSupervisorKilled {
            try p.waitForOutput("left the group")
        } else if way != .end {
            try p.waitForOutput("ready")
            let alive = p.survivors()
            #expect(alive.count >= 5, "proctutor, the supervisor and four Python processes: \(alive)")
        }
        switch way {
        case .end, .crash: break
        case .ctrlC: p.signalGroup(SIGINT)
        case .sigterm: p.signal(SIGTERM)
        case .sighup: p.signalGroup(SIGHUP)
        case .sigkill: p.signal(SIGKILL)
        case .groupKill: p.signalGroup(SIGKILL)
        case .supervisorKilled, .escapeThenSupervisorKilled:
            let supervisor = p.survivors().first { ProcTable.stat($0)?.ppid == p.pid }
            #expect(supervisor != nil, "proctutor run's supervisor is its child")
            if let supervisor { kill(supervisor, SIGKILL) }
        case .pkillByName, .pkillByCommandLine:
            // What pkill does, limited to proctutor and its supervisor: it matches the name (`comm`) or, with -f,
            // the whole command line, and kills the matches one after the other. (Python processes whose script
            // path names proctutor would match too; left alive here, they show whether the supervisor survived.)
            let matches = ProcessNames.pkillMatches("proctutor", among: [p.pid] + ProcTable.children(of: p.pid),
                                                    commandLine: way == .pkillByCommandLine)
            #expect(matches.contains(p.pid))
            for pid in matches { kill(pid, SIGKILL) }
        }
        let status = try p.wait(timeout: 30)
        let ended = Date()
        let left = p.survivors(after: 2)
        let took = Date().timeIntervalSince(ended)
        #expect(left.isEmpty, "still alive 2 s after proctutor ended: \(left)")
        Figures.record(String(format: "run exit path %@: status %d, demo gone %.2f s after proctutor", way.rawValue,
                              status, took))
        switch way {
        case .end: #expect(status == 0)
        case .ctrlC:
            #expect(status == 130)
            #expect(p.stdoutText.contains("stopped (interrupt)"), "Ctrl-C says so: \(p.stdoutText.suffix(400))")
            #expect(p.stdoutText.contains("summary:"))
        case .sigterm: #expect(status == 128 + SIGTERM)
        case .sighup: #expect(status == 128 + SIGHUP)
        case .sigkill, .groupKill, .pkillByName, .pkillByCommandLine: #expect(status == 128 + SIGKILL)
        case .crash: #expect(status > 128, "a crash ends with a signal, status \(status)")
        case .supervisorKilled, .escapeThenSupervisorKilled:
            #expect(status == 1)
            let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
            #expect(!left.contains { $0.hasPrefix("proctutor-") }, "the killed supervisor's folder is removed: \(left)")
            #expect(p.stdoutText.contains("stopped (supervisor-lost)"), "says so: \(p.stdoutText.suffix(400))")
            #expect(p.stdoutText.hasSuffix("s\n") && p.stdoutText.contains("summary:"), "the summary still comes last")
        }
    }

    @Test("Ctrl-Z stops the demo with proctutor run, and it goes on when continued")
    func suspendAndContinue() throws {
        let p = try Spawned.proctutor(["run", Paths.fixture("hostile/sleepers.py"), "--plain"])
        defer { p.cleanUp() }
        try p.waitForOutput("ready")
        // The demo: the marked Python processes in their own session (not proctutor's group).
        let demo = p.survivors().filter { ProcTable.stat($0)?.session != ProcTable.stat(p.pid)?.session }
        #expect(demo.count == 4, "main and three children: \(demo)")
        func states() -> [Character] { demo.compactMap { ProcTable.stat($0)?.state } }
        func waitFor(_ what: String, _ condition: () -> Bool) {
            let deadline = Date().addingTimeInterval(10)
            while !condition(), Date() < deadline { usleep(20_000) }
            #expect(condition(), "\(what): demo states \(states()), proctutor \(String(describing: ProcTable.stat(p.pid)?.state))")
        }
        p.signalGroup(SIGTSTP)  // what the terminal sends on Ctrl-Z
        waitFor("stopped") { ProcTable.stat(p.pid)?.state == "T" && states().allSatisfy { $0 == "T" } }
        p.signalGroup(SIGCONT)  // fg
        waitFor("continued") { ProcTable.stat(p.pid)?.state != "T" && states().allSatisfy { $0 != "T" } }
        p.signal(SIGTERM)
        _ = try p.wait(timeout: 30)
        #expect(p.survivors(after: 2).isEmpty)
    }

    @Test("kill -9 of proctutor run with its stdout closed still takes the demo with it")
    func closedStdoutThenKill() throws {
        let p = try Spawned.proctutor(["run", Paths.fixture("hostile/sleepers.py"), "--plain"], closedStdout: true)
        defer { p.cleanUp() }
        // Its output is closed, so the demo is recognised by its command line: a count of every marked process
        // could be reached early by the short-lived processes that ask a pyenv shim which Python it runs.
        func demo() -> [pid_t] { p.survivors().filter { ProcessNames.commandLine($0)?.contains("sleepers.py") ?? false } }
        let deadline = Date().addingTimeInterval(30)
        while demo().count < 4, Date() < deadline { usleep(20_000) }
        #expect(demo().count == 4, "the main process and its three children: \(demo())")
        #expect(ProcTable.children(of: p.pid).count == 1, "the supervisor")
        p.signal(SIGKILL)
        _ = try p.wait(timeout: 30)
        #expect(p.survivors(after: 2).isEmpty, "still alive 2 s after proctutor was killed")
    }
}
