import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// The run views are folded one event at a time and must agree with folding the whole log at once.
@Suite struct RunStateTests {
    @Test func incrementalFoldEqualsTheWholeLogFoldAtEveryStep() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2)
        _ = App.update(&s, .key(.char("r")))
        for (n, e) in Fixtures.poolEvents.enumerated() {
            _ = App.update(&s, .run(s.currentRun, e))
            #expect(s.run?.table == ProcessTable(Fixtures.poolEvents.prefix(n + 1)))
        }
        #expect(s.run?.events == Fixtures.poolEvents)
    }

    @Test func tasksRetrievalAndUnretrievedFailures() {
        let run = Fixtures.poolState(width: 120, height: 40).run!
        #expect(run.tasks.map(\.id) == [0, 1, 2, 3, 4])
        #expect(run.tasks.first { $0.id == 0 }?.status == .failed)
        #expect(run.tasks.first { $0.id == 0 }?.endedAt == 0.40)
        #expect(run.unretrievedFailures.map(\.id) == [0])
        #expect(Observation.unretrievedFailures.value(in: run.events) == run.unretrievedFailures.count)
    }

    @Test func rawStreamIsSplitIntoLinesAsATerminalWouldShowIt() {
        let run = Fixtures.poolState(width: 120, height: 40).run!
        #expect(run.rawLines == ["--start--mark0运行中，pid=101，父进程：100", "", "warning: ␛[31mred␛[0m"])
    }

    @Test func outputIsSanitisedOnArrival() {
        let run = Fixtures.poolState(width: 120, height: 40).run!
        #expect(run.lines.allSatisfy { !$0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func treeOrdersChildrenUnderTheirLogicalParent() {
        var run = RunState(path: "x", demoName: "x", lessonID: "x", startMethod: .forkserver)
        run.apply(Event(t: 0, .start(pid: 10, ppid: 1, name: "MainProcess", method: .main, parent: nil)))
        run.apply(Event(t: 0.1, .start(pid: 11, ppid: 10, name: "fork server", method: .exec, parent: nil)))
        run.apply(Event(t: 0.2, .start(pid: 12, ppid: 11, name: "Process-1", method: .forkserver, parent: 10)))
        run.apply(Event(t: 0.3, .start(pid: 13, ppid: 12, name: "grandchild", method: .osFork, parent: nil)))
        #expect(run.tree.map { run.table.records[$0.index].pid } == [10, 11, 12, 13])
        #expect(run.tree.map(\.depth) == [0, 1, 1, 2])
    }
}
