import Testing
@testable import ProcTutorCore

/// Observations computed from hand-built event lists: a Pool(2) run with 3 tasks, one of them failing and
/// never retrieved, plus an unrelated child.
@Suite struct ObservationTests {
    static let poolRun: [Event] = [
        Event(t: 0.00, .start(pid: 100, ppid: 1, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 0.10, .start(pid: 101, ppid: 100, name: "ForkPoolWorker-1", method: .fork, parent: nil)),
        Event(t: 0.11, .start(pid: 102, ppid: 100, name: "ForkPoolWorker-2", method: .fork, parent: nil)),
        Event(t: 0.20, .task(pid: 101, id: 0, status: .started, function: "f", args: "(1,)", error: nil)),
        Event(t: 0.21, .output(pid: 101, stream: .stdout, text: "执行时间 0.1")),
        Event(t: 0.22, .task(pid: 101, id: 0, status: .done, function: "f", args: "(1,)", error: nil)),
        Event(t: 0.23, .task(pid: 101, id: 1, status: .started, function: "f", args: "(2,)", error: nil)),
        Event(t: 0.24, .task(pid: 101, id: 1, status: .failed, function: "f", args: "(2,)", error: "TypeError: x")),
        Event(t: 0.25, .task(pid: 102, id: 2, status: .started, function: "f", args: "(3,)", error: nil)),
        Event(t: 0.26, .task(pid: 102, id: 2, status: .failed, function: "f", args: "(3,)", error: "TypeError: y")),
        Event(t: 0.27, .retrieved(id: 2)),
        Event(t: 0.28, .start(pid: 103, ppid: 100, name: "ForkPoolWorker-3", method: .fork, parent: nil)),
        Event(t: 0.30, .output(pid: 100, stream: .stdout, text: "执行时间 done")),
        Event(t: 0.31, .output(pid: nil, stream: .stderr, text: "Traceback")),
        Event(t: 0.40, .exit(pid: 101, code: 0, signal: nil)),
        Event(t: 0.41, .exit(pid: 102, code: 0, signal: nil)),
        Event(t: 0.42, .exit(pid: 103, code: 0, signal: nil)),
        Event(t: 0.45, .reaped(pid: 101, by: 100)),
        Event(t: 0.50, .exit(pid: 100, code: 3, signal: nil)),
    ]

    @Test func countsOfThePoolRun() {
        let e = Self.poolRun
        #expect(Observation.processes.value(in: e) == 4)
        #expect(Observation.maxAlive.value(in: e) == 4)
        #expect(Observation.poolWorkersBeforeFirstTask.value(in: e) == 2)
        #expect(Observation.distinctTaskPIDs.value(in: e) == 2)
        #expect(Observation.failedTasks.value(in: e) == 2)
        #expect(Observation.unretrievedFailures.value(in: e) == 1)
        #expect(Observation.linesContaining("执行时间").value(in: e) == 2)
        #expect(Observation.linesContaining("nothing").value(in: e) == 0)
    }

    @Test func exitCodeFromMainProcessOrSummary() {
        #expect(Observation.exitCode.value(in: Self.poolRun) == 3)
        let summary = Event(t: 0.6, .summary(Summary(exitCode: 1, processes: 4, maxAlive: 4, duration: 0.6,
                                                     unretrievedFailures: 1)))
        #expect(Observation.exitCode.value(in: Self.poolRun + [summary]) == 1)
        let killed: [Event] = [
            Event(t: 0, .start(pid: 5, ppid: 1, name: nil, method: .main, parent: nil)),
            Event(t: 1, .exit(pid: 5, code: nil, signal: 9)),
        ]
        #expect(Observation.exitCode.value(in: killed) == -9)
    }

    @Test func unknownWhenTheRunCannotTell() {
        let noTasks = Array(Self.poolRun.prefix(3))
        #expect(Observation.exitCode.value(in: noTasks) == nil)
        #expect(Observation.poolWorkersBeforeFirstTask.value(in: noTasks) == nil)
        #expect(Observation.distinctTaskPIDs.value(in: noTasks) == 0)
        #expect(Observation.processes.value(in: []) == 0)
    }

    @Test func maxAliveDropsAsProcessesExit() {
        let e: [Event] = [
            Event(t: 0, .start(pid: 1, ppid: 0, name: nil, method: .main, parent: nil)),
            Event(t: 1, .start(pid: 2, ppid: 1, name: nil, method: .osFork, parent: nil)),
            Event(t: 2, .exit(pid: 2, code: 0, signal: nil)),
            Event(t: 3, .start(pid: 3, ppid: 1, name: nil, method: .osFork, parent: nil)),
        ]
        #expect(Observation.maxAlive.value(in: e) == 2)
        #expect(Observation.processes.value(in: e) == 3)
    }

    @Test func namesRoundTrip() {
        for o in Observation.simpleCases { #expect(Observation(name: o.name) == o) }
        #expect(Observation(name: "lines_containing") == nil)
        #expect(Observation(name: "nope") == nil)
        // The quiz's seven and the six exercises added (issue 18).
        #expect(Observation.countNames.count == 13)
        #expect(Observation(name: "child_lines_containing", text: "x") == .childLinesContaining("x"))
        #expect(Observation(name: "processes", text: "x") == nil)
    }
}
