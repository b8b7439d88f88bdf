import Foundation
import Glibc
import Testing
import TestSupport

/// Every way out of the tutorial gives the terminal back and takes the whole demo with it (issue 5, exit paths).
///
/// The fixture lesson's demo sleeps for ten minutes in three children, so whatever survives is a leak, not a
/// slow exit. Its processes write their pids to a file, so the test knows them after the screen is gone.
@Suite("Exit paths", .serialized, .timeLimit(.minutes(1)))
struct ExitPathTests {
    enum Way: String, CaseIterable, CustomTestStringConvertible {
        case quitKey = "q, confirmed"
        case ctrlC = "Ctrl-C"
        case sigterm = "SIGTERM"
        case sighup = "SIGHUP"
        case crash = "a crash (test hook)"
        var testDescription: String { rawValue }
    }

    @Test("the terminal is restored and no demo process survives", arguments: Way.allCases)
    func exit(way: Way) throws {
        // The Swift runtime's crash report would wait for a key on a terminal: make it print and go.
        let crash = way == .crash ? ["PROCTUTOR_TEST_CRASH_AFTER_MS": "1500", "SWIFT_BACKTRACE": "interactive=no"] : [:]
        let t = try TutorialHarness(TutorialHarness.fixture(), environment: crash)
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        try t.tmux.keys("r")
        let demo = try t.demoProcesses(count: 4)
        let session = demo[0].sid

        switch way {
        case .quitKey:
            try t.tmux.keys("q")
            // A demo is running, so the tutorial asks first; `y` confirms.
            try t.tmux.waitFor("the quit question") { $0.contains("(y/n)") }
            try t.tmux.keys("y")
        case .ctrlC:
            try t.tmux.keys("C-c")
        case .sigterm:
            kill(try t.proctutorPID(), SIGTERM)
        case .sighup:
            kill(try t.proctutorPID(), SIGHUP)
        case .crash:
            break  // the hook fires 1.5 s after the demo started
        }

        let asked = Date()
        let survivors = Processes.waitGone(demo.map(\.pid), timeout: 10)
        #expect(survivors.isEmpty, "demo processes still alive: \(survivors)")
        print("exit path \(way.rawValue): the demo's \(demo.count) processes were gone after "
              + String(format: "%.2f s", Date().timeIntervalSince(asked)))
        let status = try t.waitForExit()
        switch way {
        case .quitKey: #expect(status == 0)
        case .ctrlC: #expect(status == 128 + Int(SIGINT))
        case .sigterm: #expect(status == 128 + Int(SIGTERM))
        case .sighup: #expect(status == 128 + Int(SIGHUP))
        case .crash: #expect(status > 128, "a crash ends with a signal")
        }
        try t.expectTerminalRestored()
        #expect(Processes.inSession(session).isEmpty, "processes left in the demo's session \(session)")
        #expect(try t.leakedProcesses().isEmpty)
    }

    enum Kill: String, CaseIterable, CustomTestStringConvertible {
        case tutorial = "kill -9 of proctutor"
        case group = "kill -9 of proctutor's process group"
        case byName = "pkill -9 proctutor (each process named proctutor)"
        var testDescription: String { rawValue }
    }

    @Test("after kill -9 of proctutor the supervisor still takes the demo's whole tree", arguments: Kill.allCases)
    func killNine(way: Kill) throws {
        let t = try TutorialHarness(TutorialHarness.fixture())
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        try t.tmux.keys("r")
        let demo = try t.demoProcesses(count: 4)
        let tutorial = try t.proctutorPID()
        switch way {
        case .tutorial: kill(tutorial, SIGKILL)
        // What `kill -9 -PGID` does, or a shell killing the job. The supervisor must not be in it.
        case .group: kill(-getpgid(tutorial), SIGKILL)
        // What pkill does, limited to this tutorial's processes: every match, one after the other.
        case .byName:
            let matches = ProcessNames.pkillMatches("proctutor", among: [tutorial] + Processes.children(of: tutorial))
            #expect(matches.contains(tutorial))
            for pid in matches { kill(pid, SIGKILL) }
        }
        let killed = Date()
        let survivors = Processes.waitGone(demo.map(\.pid), timeout: 10)
        #expect(survivors.isEmpty, "demo processes alive after \(way.rawValue): \(survivors)")
        print("exit path \(way.rawValue): the demo's processes were gone after "
              + String(format: "%.2f s", Date().timeIntervalSince(killed)))
        _ = try t.waitForExit()  // nobody can restore the terminal after SIGKILL; only the processes matter
        #expect(Processes.inSession(demo[0].sid).isEmpty)
        #expect(try t.leakedProcesses().isEmpty)
    }

    @Test("Ctrl-Z gives the terminal back and freezes the demo while stopped; fg takes both back")
    func suspend() throws {
        let t = try TutorialHarness(TutorialHarness.fixture())
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        let tutorial = try t.proctutorPID()
        try t.tmux.keys("r")
        let demo = try t.demoProcesses(count: 4).map(\.pid)
        try t.tmux.keys("C-z")
        try t.tmux.waitFor("the job to stop") { $0.contains(TmuxSession.stoppedMarker) }
        #expect(Processes.stat(tutorial)?.state == "T", "proctutor did not stop on Ctrl-Z")
        // The demo lives in its own session, out of the shell's job control: the tutorial froze it itself.
        #expect(Processes.waitUntil(timeout: 10) { demo.allSatisfy { Processes.stat($0)?.state == "T" } },
                "the demo kept running while the tutorial was suspended")
        try t.expectTerminalRestored()
        try t.tmux.keys("Enter")  // the script runs `fg`
        try t.waitForScreen(containing: "Long-running")
        #expect(Processes.waitUntil(timeout: 10) { demo.allSatisfy { Processes.stat($0)?.state == "S" } },
                "the demo was not thawed after fg")
        try t.tmux.keys("C-c")
        _ = try t.waitForExit()
        try t.expectTerminalRestored()
        #expect(Processes.waitGone(demo, timeout: 10).isEmpty)
    }

    @Test("closing the terminal window leaves no demo process")
    func terminalClosed() throws {
        let t = try TutorialHarness(TutorialHarness.fixture())
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        try t.tmux.keys("r")
        let demo = try t.demoProcesses(count: 4)
        let tutorial = try t.proctutorPID()
        t.tmux.close()  // the pty goes away: SIGHUP to the foreground group, EOF on stdin
        let survivors = Processes.waitGone(demo.map(\.pid) + [tutorial], timeout: 5)
        #expect(survivors.isEmpty, "still alive after the terminal closed: \(survivors)")
        #expect(Processes.inSession(demo[0].sid).isEmpty)
    }
}
