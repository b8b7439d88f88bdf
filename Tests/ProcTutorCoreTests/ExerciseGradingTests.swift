import Testing
@testable import ProcTutorCore

/// The observations exercises add, and the grading of checks, on hand-built event lists.
@Suite struct ExerciseGradingTests {
    /// Main 10 (supervisor 1) forks 11, 12, 13 with os.fork. 11 is waited for by 10; 12 exits before 10 and is
    /// still a zombie when 10 exits (the supervisor collects it); 13 outlives 10 (an orphan). 13 forks 14, which
    /// 13 waits for. 11 prints two lines, the main one.
    static let forkRun: [Event] = [
        Event(t: 0.00, .start(pid: 10, ppid: 1, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 0.01, .start(pid: 11, ppid: 10, name: nil, method: .osFork, parent: nil)),
        Event(t: 0.02, .start(pid: 12, ppid: 10, name: nil, method: .osFork, parent: nil)),
        Event(t: 0.03, .start(pid: 13, ppid: 10, name: nil, method: .osFork, parent: nil)),
        Event(t: 0.04, .output(pid: 11, stream: .stdout, text: "child one")),
        Event(t: 0.05, .output(pid: 11, stream: .stdout, text: "child one again")),
        Event(t: 0.06, .start(pid: 14, ppid: 13, name: nil, method: .osFork, parent: nil)),
        Event(t: 0.10, .exit(pid: 11, code: 0, signal: nil)),
        Event(t: 0.11, .reaped(pid: 11, by: 10)),
        Event(t: 0.12, .exit(pid: 12, code: 0, signal: nil)),
        Event(t: 0.13, .state(pid: 12, state: .zombie)),
        Event(t: 0.15, .exit(pid: 14, code: 0, signal: nil)),
        Event(t: 0.16, .reaped(pid: 14, by: 13)),
        Event(t: 0.20, .output(pid: 10, stream: .stdout, text: "parent done")),
        Event(t: 0.21, .exit(pid: 10, code: 0, signal: nil)),
        Event(t: 0.21, .reaped(pid: 12, by: 1)),
        Event(t: 0.21, .reaped(pid: 10, by: 1)),
        Event(t: 0.50, .exit(pid: 13, code: 0, signal: nil)),
        Event(t: 0.50, .reaped(pid: 13, by: 1)),
    ]

    @Test func processObservationsNameTheirPIDs() {
        let e = Self.forkRun
        #expect(Observation.children.pids(in: e) == [11, 12, 13])
        #expect(Observation.children.value(in: e) == 3)
        #expect(Observation.zombiesAtExit.pids(in: e) == [12])
        #expect(Observation.orphansAdopted.pids(in: e) == [13])
        #expect(Observation.unreapedChildren.pids(in: e) == [12, 13])
        #expect(Observation.pidsWriting.pids(in: e) == [11, 10])
        #expect(Observation.childLinesContaining("child").value(in: e) == 2)
        #expect(Observation.childLinesContaining("done").value(in: e) == 0)
        #expect(Observation.linesContaining("done").value(in: e) == 1)
        // Observations that count no processes have no pid list.
        #expect(Observation.exitCode.pids(in: e) == nil)
    }

    /// Before the main process exits nobody can say who was a zombie at its exit.
    @Test func zombiesNeedTheMainExit() {
        let e = Array(Self.forkRun.prefix(14))
        #expect(Observation.zombiesAtExit.value(in: e) == nil)
        #expect(Observation.children.value(in: e) == 3)
        #expect(Observation.zombiesAtExit.value(in: []) == nil)
    }

    @Test func tasksDoneCountsResults() {
        #expect(Observation.tasksDone.value(in: ObservationTests.poolRun) == 1)
        #expect(Observation.tasksDone.value(in: Self.forkRun) == 0)
    }

    @Test func expectations() {
        #expect(Expectation.exactly(3).accepts(3))
        #expect(!Expectation.exactly(3).accepts(2))
        #expect(Expectation.range(min: 2, max: nil).accepts(9))
        #expect(!Expectation.range(min: 2, max: nil).accepts(1))
        #expect(Expectation.range(min: nil, max: 4).accepts(-1))
        #expect(!Expectation.range(min: 2, max: 3).accepts(4))
        #expect(Expectation.range(min: 2, max: 3).text == "2–3")
        #expect(Expectation.range(min: 2, max: nil).text == "≥ 2")
    }

    @Test func failedCheckSaysWhatWasWrongWithThePIDs() {
        let check = ExerciseCheck(.observe(.unreapedChildren, .exactly(0)),
                                  message: Localized(zh: "{observed} 个子进程没人等待：{pids}",
                                                     en: "{observed} children were never waited for: {pids}"))
        let r = ExerciseGrading.evaluate(check, startMethod: nil, events: Self.forkRun)
        #expect(!r.passed)
        #expect(r.observed == "2: 12, 13")
        #expect(r.message?.en == "2 children were never waited for: 12, 13")
        #expect(r.message?.zh == "2 个子进程没人等待：12, 13")
        #expect(r.label.en == "children their parent never waited for = 0")

        let generic = ExerciseGrading.evaluate(ExerciseCheck(.observe(.children, .range(min: 4, max: nil))),
                                               startMethod: .spawn, events: Self.forkRun)
        #expect(generic.message?.en == "children of the main process: expected ≥ 4, observed 3 (11, 12, 13)")
        #expect(generic.label.en == "children of the main process ≥ 4 (spawn)")

        let passed = ExerciseGrading.evaluate(ExerciseCheck(.observe(.children, .exactly(3))), startMethod: nil,
                                              events: Self.forkRun)
        #expect(passed.passed && passed.message == nil)
    }

    @Test func anUnobservableValueFails() {
        let r = ExerciseGrading.evaluate(ExerciseCheck(.observe(.zombiesAtExit, .exactly(0))), startMethod: nil,
                                         events: [])
        #expect(!r.passed)
        #expect(r.observed == "?")
        #expect(r.message?.en.contains("cannot tell") == true)
    }

    @Test func orderOfLines() {
        func order(_ a: String, _ b: String) -> CheckResult {
            ExerciseGrading.evaluate(ExerciseCheck(.order(first: a, then: b)), startMethod: nil, events: Self.forkRun)
        }
        #expect(order("child one", "parent done").passed)
        // The last line with the first text must come before the first line with the second.
        #expect(!order("child one", "child one again").passed)
        #expect(!order("parent done", "child").passed)
        #expect(order("nothing", "child").message?.en == "no line contains “nothing”")
        #expect(order("child", "nothing").message?.en == "no line contains “nothing”")
    }

    @Test func runsPerStartMethodAndReport() {
        let ex = Exercise(id: "x", title: Localized(zh: "x", en: "x"), task: Localized(zh: "t", en: "t"),
                          starter: "s.py", solution: "f.py", hints: [], startMethod: .fork,
                          checks: [ExerciseCheck(.observe(.children, .exactly(3))),
                                   ExerciseCheck(.observe(.exitCode, .exactly(0)), startMethod: .spawn),
                                   ExerciseCheck(.observe(.processes, .exactly(4)))])
        #expect(ex.runs == [.fork, .spawn])
        let stopped = [Event(t: 0, .start(pid: 10, ppid: 1, name: nil, method: .main, parent: nil)),
                       Event(t: 30, .stopped(reason: .timeout, detail: "")),
                       Event(t: 30, .summary(Summary(exitCode: 124, processes: 1, maxAlive: 1, duration: 30,
                                                     unretrievedFailures: 0)))]
        let report = ExerciseReport(lesson: "01-fork", exercise: ex, file: "x.py",
                                    runs: [.fork: Self.forkRun, .spawn: stopped])
        #expect(report.results.map(\.passed) == [true, false, false])
        #expect(!report.passed)
        #expect(report.notes.count == 1 && report.notes[0].method == .spawn)
        let lines = report.plainLines(lang: .en)
        #expect(lines.first == "exercise 01-fork/x: x.py")
        #expect(lines.contains("! the program did not end within 30 s: its whole process tree was stopped (spawn)"))
        #expect(lines.contains("✗ exit code = 0 (spawn) · observed 124"))
        #expect(lines.last == "1 of 3 checks passed")
        #expect(report.json(lang: .en).contains(#""passed":false"#))
        // A run that did not take place fails its checks rather than passing them.
        let missing = ExerciseGrading.evaluate(ex, runs: [.fork: Self.forkRun])
        #expect(missing[1].passed == false)
    }
}
