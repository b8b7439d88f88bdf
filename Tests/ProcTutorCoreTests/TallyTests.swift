import Foundation
import Testing
@testable import ProcTutorCore

@Suite struct TallyTests {
    static func start(_ t: Double, _ pid: PID, _ ppid: PID, _ name: String?, _ method: StartMethod = .fork,
                      parent: PID? = nil) -> Event {
        Event(t: t, .start(pid: pid, ppid: ppid, name: name, method: method, parent: parent))
    }
    static func out(_ t: Double, _ pid: PID?, _ text: String = "x") -> Event {
        Event(t: t, .output(pid: pid, stream: .stdout, text: text))
    }
    static func summary(code: Int = 0, processes: Int = 2, alive: Int = 2, duration: Double = 1) -> Event {
        Event(t: duration, .summary(Summary(exitCode: code, processes: processes, maxAlive: alive, duration: duration,
                                            unretrievedFailures: 0)))
    }

    /// The fork lesson: parent and child race to print first; pids differ every run.
    static func forkRun(base: PID, childFirst: Bool, code: Int = 0, duration: Double = 0.1) -> [Event] {
        let parent = out(0.05, base), child = out(0.05, base + 1)
        return [Event(t: 0, .run(RunHeader(program: "p", python: "py", pythonVersion: nil, argv: [], started: "s",
                                           source: ""))),
                start(0.01, base, base - 1, "MainProcess", .main), start(0.04, base + 1, base, nil, .osFork)]
            + (childFirst ? [child, parent] : [parent, child]) + [summary(code: code, duration: duration)]
    }

    @Test func rolesAreNamesWhereUniqueElseTreePositions() {
        let events = [
            Self.start(0, 10, 1, "MainProcess", .main),
            Self.start(1, 11, 10, nil, .osFork),       // main.1
            Self.start(2, 12, 10, "Process-1"),        // unique name
            Self.start(3, 13, 11, nil, .osFork),       // main.1.1
            Self.start(4, 14, 11, "dup"), Self.start(5, 15, 11, "dup"),  // main.1.2, main.1.3
            Self.start(6, 16, 99, "ForkServerChild", .forkserver, parent: 12),  // logical parent: Process-1 → main.2.1
            Self.start(7, 17, 1, nil, .exec),          // nobody's child in the run
        ]
        #expect(Tally.roles(of: events).map(\.role)
            == ["MainProcess", "main.1", "Process-1", "main.1.1", "main.1.2", "main.1.3", "ForkServerChild", "?.1"])
        // A main without a unique name is `main`.
        #expect(Tally.roles(of: [Self.start(0, 10, 1, nil, .main)]).map(\.role) == ["main"])
    }

    @Test func siblingsAreNumberedByBirthTimeNotArrival() {
        let events = [Self.start(0, 10, 1, nil, .main), Self.start(0.5, 12, 10, nil, .osFork),
                      Self.start(0.2, 11, 10, nil, .osFork)]
        #expect(Tally.roles(of: events).map(\.role) == ["main", "main.2", "main.1"])
    }

    @Test func aReusedPidIsAnotherProcess() {
        let events = [Self.start(0, 10, 1, nil, .main), Self.start(1, 11, 10, nil, .osFork),
                      Event(t: 2, .exit(pid: 11, code: 0, signal: nil)), Self.start(3, 11, 10, nil, .osFork),
                      Self.out(4, 11), Self.out(5, 10)]
        #expect(Tally.firstOutputOrder(of: events) == ["main.2", "main"])
    }

    @Test func orderingsAreCountedAcrossRunsWhateverThePids() {
        var tally = Tally()
        tally.add(Self.forkRun(base: 100, childFirst: false, duration: 0.1))
        tally.add(Self.forkRun(base: 200, childFirst: true, duration: 0.3))
        tally.add(Self.forkRun(base: 300, childFirst: true, code: 3, duration: 0.2))
        tally.add(Self.forkRun(base: 400, childFirst: true, duration: 0.4))
        #expect(tally.runs == 4)
        #expect(tally.orderings == [Tally.Ordering(roles: ["main.1", "MainProcess"], count: 3),
                                    Tally.Ordering(roles: ["MainProcess", "main.1"], count: 1)])
        #expect(tally.share(of: tally.orderings[0]) == 0.75)
        #expect(tally.exitCodes == [Tally.ExitCount(code: 0, count: 3), Tally.ExitCount(code: 3, count: 1)])
        #expect(tally.duration == Tally.Spread(min: 0.1, median: 0.25, max: 0.4))
        #expect(tally.processes == Tally.Spread(min: 2, median: 2, max: 2))
    }

    @Test func jsonAndPlainForms() throws {
        var tally = Tally()
        for (i, childFirst) in [true, false, true].enumerated() {
            tally.add(Self.forkRun(base: PID(100 * (i + 1)), childFirst: childFirst, duration: Double(i + 1)))
        }
        let line = tally.json(t: 6.5)
        #expect(line == #"{"t":6.5,"event":"tally","runs":3,"interrupted":false,"orderings":[{"roles":["main.1","MainProcess"],"count":2,"share":0.666667},{"roles":["MainProcess","main.1"],"count":1,"share":0.333333}],"exit_codes":[{"code":0,"count":3}],"processes":{"min":2,"median":2.0,"max":2},"max_alive":{"min":2,"median":2.0,"max":2},"duration":{"min":1.0,"median":2.0,"max":3.0}}"#)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["runs"] as? Int == 3)
        #expect(tally.plainLines() == [
            "tally: 3 runs",
            "  order of first output lines, by role:",
            "    2× (67%)  main.1 → MainProcess",
            "    1× (33%)  MainProcess → main.1",
            "  exit codes: 0 ×3",
            "  processes (min / median / max): 2 / 2 / 2; at most alive: 2 / 2 / 2",
            "  duration (min / median / max): 1.000 / 2.000 / 3.000 s",
        ])
    }

    @Test func noRunsAndSilentRuns() {
        var tally = Tally()
        #expect(tally.json(t: 0).contains(#""processes":null"#))
        tally.add([Self.start(0, 10, 1, nil, .main), Self.out(0.1, nil), Self.summary()])
        #expect(tally.orderings == [Tally.Ordering(roles: [], count: 1)])
        #expect(tally.plainLines()[2] == "    1× (100%)  (no output)")
    }
}
