import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// A flood keeps only the last `RunState.retainedLines` lines, and the table, tasks and counts stay exact.
@Suite struct RunStateCapTests {
    static let workers: [PID] = [101, 102, 103]

    /// A pool run whose workers print `total` lines between them, with a state change every 8 lines and a
    /// failed task at the start and one at the end.
    static func flood(total: Int) -> RunState {
        var run = RunState(path: "x.py", demoName: "x", lessonID: "x", startMethod: .fork)
        run.apply(Event(t: 0, .start(pid: 100, ppid: 1, name: "MainProcess", method: .main, parent: nil)))
        for (k, w) in workers.enumerated() {
            run.apply(Event(t: 0.01, .start(pid: w, ppid: 100, name: "ForkPoolWorker-\(k + 1)", method: .fork,
                                           parent: nil)))
        }
        run.apply(Event(t: 0.02, .task(pid: 101, id: 0, status: .failed, function: "f", args: "(0,)", error: "boom")))
        for n in 0..<total {
            let t = 0.02 + Double(n) * 1e-5
            run.apply(Event(t: t, .output(pid: workers[n % 3], stream: .stdout, text: "line \(n)")))
            if n % 8 == 0 { run.apply(Event(t: t, .state(pid: workers[n % 3], state: .sleeping))) }
        }
        run.apply(Event(t: 9, .task(pid: 102, id: 1, status: .failed, function: "f", args: "(1,)", error: "late")))
        run.apply(Event(t: 9.5, .exit(pid: 103, code: 0, signal: nil)))
        return run
    }

    @Test func retainedLinesStayBoundedAndTheLatestAreKept() {
        let total = RunState.retainedLines * 3 + 7
        let run = Self.flood(total: total)
        #expect(run.lines.count <= RunState.retainedLines + RunState.trimSlack)
        #expect(run.lines.count >= RunState.retainedLines)
        #expect(run.droppedLines + run.lines.count == total)
        #expect(run.lines.last?.text == "line \(total - 1)")
        #expect(run.lines.first?.text == "line \(run.droppedLines)")
        // The log keeps the structural events and a bounded tail of the bulk ones.
        let bulk = total + (total + 7) / 8
        #expect(run.events.count < RunState.retainedLines + RunState.trimSlack + 16)
        #expect(run.eventCount == 1 + Self.workers.count + 2 + bulk + 1)
    }

    @Test func tableTasksAndCountsStayExactPastTheCap() {
        let total = RunState.retainedLines * 2 + 11
        let run = Self.flood(total: total)
        let perWorker = Self.workers.map { w in run.lineCounts[w] ?? 0 }
        #expect(perWorker.reduce(0, +) == total)
        #expect(perWorker == [(total + 2) / 3, (total + 1) / 3, total / 3])
        #expect(run.table.records.count == 4)
        #expect(run.table.aliveCount == 3)
        #expect(run.table.records.first { $0.pid == 103 }?.exitCode == 0)
        // The early failure's task event is structural: it survives the flood, and the quiz still counts it.
        #expect(run.unretrievedFailures.map(\.id) == [0, 1])
        #expect(run.unretrievedFailureCount == 2)
        #expect(Observation.failedTasks.value(in: run.events) == 2)
        #expect(Observation.processes.value(in: run.events) == 4)
        #expect(run.tasks(of: 101).map(\.id) == [0])
        #expect(run.clock == 9.5)
    }

    @Test func outputPaneSaysHowManyEarlierLinesWereDropped() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2)
        _ = App.update(&s, .key(.char("r")))
        let total = RunState.retainedLines + RunState.trimSlack + 1
        for n in 0..<total {
            _ = App.update(&s, .run(s.currentRun, Event(t: 0, .output(pid: 101, stream: .stdout, text: "line \(n)"))))
        }
        let dropped = s.run!.droppedLines
        #expect(dropped > 0)
        let content = OutputPane.content(s, width: 100)
        #expect(content.count == s.run!.lines.count + 1)
        let first = content.body(0..<2).map(\.text)
        #expect(first[0].contains("\(dropped)"))
        #expect(first[1].contains("line \(dropped)"))
    }
}
