import Testing
@testable import ProcTutorCore
@testable import ProcTutorSupervisorCore

/// The assembler's promises: one start per process, before its other events, with the right name; exactly one
/// exit and at most one reaped; zombies shown; failures nobody fetched counted; garbage ignored.
@Suite struct RunAssemblerTests {
    func assembler(alive: Set<PID> = []) -> RunAssembler {
        RunAssembler(origin: 100, supervisor: 1, lookup: { alive.contains($0) ? 1 : nil })
    }

    func kinds(_ events: [Event]) -> [String] { events.map(\.name) }

    @Test func forkserverChildWaitsForItsNameThenStartsOnce() {
        var a = assembler()
        a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
        // The child reports first (kernel parent: the fork server 11), then the launcher (logical parent 10).
        a.tracer(.birth(pid: 12, ppid: 11, method: .forkserver, name: nil, parent: nil, final: false), at: 0.1)
        #expect(a.take().filter { $0.name == "start" }.count == 1)  // only the main process so far
        a.tracer(.birth(pid: 12, ppid: 11, method: .forkserver, name: "Process-1", parent: 10, final: true), at: 0.12)
        a.tracer(.ident(pid: 12, name: "Process-1", parent: 10), at: 0.13)
        let events = a.take()
        #expect(events == [Event(t: 0.1, .start(pid: 12, ppid: 11, name: "Process-1", method: .forkserver,
                                               parent: 10))])
    }

    @Test func spawnChildAnnouncedByLauncherIsNotRepeatedByItself() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .spawn, name: "SpawnPoolWorker-1", parent: nil, final: true), at: 0.1)
        a.tracer(.birth(pid: 12, ppid: 10, method: .spawn, name: nil, parent: nil, final: false), at: 0.2)
        a.tracer(.ident(pid: 12, name: "SpawnPoolWorker-1", parent: nil), at: 0.3)
        #expect(kinds(a.take()) == ["start"])
    }

    @Test func heldStartGoesOutWithoutNameAfterTheHold() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .spawn, name: nil, parent: nil, final: false), at: 0.1)
        a.tick(at: 0.5)
        #expect(a.take().isEmpty)
        a.tick(at: 1.2)
        #expect(a.take() == [Event(t: 0.1, .start(pid: 12, ppid: 10, name: nil, method: .spawn, parent: nil))])
    }

    @Test func aDiscoveredProgramThatIsNotPythonStartsUnderItsCommandSoon() {
        var a = assembler(alive: [20])
        a.kernel(.discovered(pid: 20, ppid: 10, command: "sleep", python: false), at: 0.3)
        a.tick(at: 0.4)
        #expect(a.take().isEmpty)
        a.tick(at: 0.51)
        #expect(a.take() == [Event(t: 0.3, .start(pid: 20, ppid: 10, name: "sleep", method: .exec, parent: nil))])
    }

    @Test func aDiscoveredPythonWaitsForItsOwnRecordWhileItLives() {
        var a = assembler(alive: [20, 21])
        a.kernel(.discovered(pid: 20, ppid: 10, command: "python3", python: true), at: 0.3)
        a.kernel(.discovered(pid: 21, ppid: 10, command: "python3", python: true), at: 0.3)
        a.tracer(.birth(pid: 21, ppid: 10, method: .exec, name: "ResourceTracker", parent: nil, final: true), at: 0.5)
        #expect(a.take() == [Event(t: 0.3, .start(pid: 21, ppid: 10, name: "ResourceTracker", method: .exec,
                                                  parent: nil))])
        a.tick(at: 1.5)  // past the hold, but alive and silent: one hold more
        #expect(a.take().isEmpty)
        a.tick(at: 2.31)
        #expect(a.take() == [Event(t: 0.3, .start(pid: 20, ppid: 10, name: nil, method: .exec, parent: nil))])
    }

    @Test func aHeldStartIsReleasedAfterThousandsOfProcessesCameAndWent() {
        var a = assembler()
        for pid in PID(100)..<PID(3100) {
            a.tracer(.birth(pid: pid, ppid: 10, method: .fork, name: nil, parent: nil, final: true), at: 0.1)
            a.tracer(.reaped(pid: pid, by: 10, code: 0, signal: nil), at: 0.2)
        }
        a.tracer(.birth(pid: 12, ppid: 10, method: .spawn, name: nil, parent: nil, final: false), at: 0.3)
        _ = a.take()
        a.tick(at: 1.31)
        #expect(a.take() == [Event(t: 0.3, .start(pid: 12, ppid: 10, name: nil, method: .spawn, parent: nil))])
    }

    @Test func anotherEventReleasesAHeldStartFirst() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .forkserver, name: nil, parent: nil, final: false), at: 0.1)
        a.tracer(.output(pid: 12, stream: .stdout, text: "hi"), at: 0.2)
        #expect(kinds(a.take()) == ["start", "output"])
    }

    @Test func exitAndReapAreReportedOnceWhateverTheOrderOfSources() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "Process-1", parent: nil, final: true), at: 0.1)
        a.tracer(.exitHint(pid: 12, code: 0), at: 0.2)
        a.kernel(.ended(pid: 12, code: 0, signal: nil, zombie: true), at: 0.21)
        a.kernel(.ended(pid: 12, code: 0, signal: nil, zombie: true), at: 0.22)
        a.tracer(.reaped(pid: 12, by: 10, code: 0, signal: nil), at: 0.3)
        a.tracer(.reaped(pid: 12, by: 10, code: 0, signal: nil), at: 0.3)
        let events = a.take()
        #expect(kinds(events) == ["start", "exit", "state", "reaped"])
        #expect(events[2].kind == .state(pid: 12, state: .zombie))
        #expect(a.table[12]?.reapedBy == 10)
    }

    @Test func killedBySignalCarriesTheSignalNotACode() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "Process-1", parent: nil, final: true), at: 0.1)
        a.tracer(.reaped(pid: 12, by: 10, code: nil, signal: 15), at: 0.3)
        #expect(a.take().last == Event(t: 0.3, .reaped(pid: 12, by: 10)))
        #expect(a.table[12]?.exitSignal == 15)
        #expect(a.table[12]?.exitCode == nil)
    }

    @Test func aProcessReapedBeforeTheSupervisorLookedWaitsForTheTracerStatus() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "W", parent: nil, final: true), at: 0.1)
        a.kernel(.ended(pid: 12, code: nil, signal: nil, zombie: false), at: 0.2)
        a.tick(at: 0.3)
        #expect(kinds(a.take()) == ["start"])
        a.tracer(.reaped(pid: 12, by: 10, code: 3, signal: nil), at: 0.31)
        #expect(a.take() == [Event(t: 0.31, .exit(pid: 12, code: 3, signal: nil)),
                             Event(t: 0.31, .reaped(pid: 12, by: 10))])
    }

    @Test func withoutAnyStatusTheExitHintIsUsedAfterTheHold() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "W", parent: nil, final: true), at: 0.1)
        a.tracer(.exitHint(pid: 12, code: 4), at: 0.15)
        a.kernel(.ended(pid: 12, code: nil, signal: nil, zombie: false), at: 0.2)
        a.tick(at: 1.0)
        #expect(a.take().last == Event(t: 0.2, .exit(pid: 12, code: 4, signal: nil)))
    }

    @Test func pidReusedAfterReapIsANewProcess() {
        var a = assembler()
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "A", parent: nil, final: true), at: 0.1)
        a.tracer(.reaped(pid: 12, by: 10, code: 0, signal: nil), at: 0.2)
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "B", parent: nil, final: true), at: 0.3)
        #expect(kinds(a.take()) == ["start", "exit", "reaped", "start"])
        #expect(a.table.records.count == 2)
    }

    @Test func unretrievedFailuresAreFailedTasksWhoseJobNobodyFetched() {
        var a = assembler()
        a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "ForkPoolWorker-1", parent: nil, final: true), at: 0)
        for job in 0..<3 {
            a.tracer(.task(pid: 12, job: job, status: .started, function: "test1", args: "('x',)", error: nil), at: 1)
            a.tracer(.task(pid: 12, job: job, status: .failed, function: nil, args: nil, error: "TypeError: t"), at: 1)
        }
        a.tracer(.retrieved(job: 1), at: 2)
        a.tracer(.retrieved(job: 1), at: 2)
        a.kernel(.waited(pid: 10, code: 0, signal: nil), at: 3)
        a.finish(at: 3)
        let events = a.take()
        let failed = events.filter { if case .task(_, _, .failed, "test1", "('x',)", "TypeError: t") = $0.kind { true } else { false } }
        #expect(failed.count == 3)
        #expect(events.filter { $0.name == "retrieved" }.count == 1)
        guard case let .summary(s) = events.last?.kind else { Issue.record("no summary"); return }
        #expect(s.unretrievedFailures == 2)
        #expect(s.exitCode == 0)
    }

    /// A result the worker cannot send: the tracer reports `done` before sending, then `failed` when the worker
    /// sends the encoding error instead; the failure still names the task's function.
    @Test func failedAfterDoneKeepsTheFunction() {
        var a = assembler()
        a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
        a.tracer(.birth(pid: 12, ppid: 10, method: .fork, name: "ForkPoolWorker-1", parent: nil, final: true), at: 0)
        a.tracer(.task(pid: 12, job: 4, status: .started, function: "f", args: "(1,)", error: nil), at: 1)
        a.tracer(.task(pid: 12, job: 4, status: .done, function: nil, args: nil, error: nil), at: 1.1)
        a.tracer(.task(pid: 12, job: 4, status: .failed, function: nil, args: nil, error: "MaybeEncodingError: x"), at: 1.2)
        a.tracer(.task(pid: 12, job: 5, status: .failed, function: nil, args: nil, error: "E"), at: 1.3)
        let tasks = a.take().compactMap { e -> String? in
            if case let .task(_, id, status, f, args, _) = e.kind { "\(id) \(status.rawValue) \(f)\(args)" } else { nil }
        }
        #expect(tasks == ["4 started f(1,)", "4 done f(1,)", "4 failed f(1,)", "5 failed ?"])
    }

    @Test func summaryExitCodes() {
        func code(_ status: (Int?, Int?), stop: StopReason? = nil) -> Int {
            var a = assembler()
            a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
            if let stop { a.stopped(stop, detail: "", at: 0.5) }
            a.kernel(.waited(pid: 10, code: status.0, signal: status.1), at: 1)
            return a.finish(at: 1)
        }
        #expect(code((3, nil)) == 3)
        #expect(code((nil, 9)) == 137)
        #expect(code((nil, 15), stop: .timeout) == 124)
        #expect(code((nil, 15), stop: .interrupt) == 130)
    }

    @Test func garbageInTheChannelIsCountedAndNoticedOnce() {
        var a = assembler()
        a.channelLine("not json")
        a.channelLine(#"{"t":1,"k":"nonsense"}"#)
        a.channelLine(#"{"t":101,"k":"out","pid":999,"s":1,"x":"forged"}"#)  // no such process: dropped
        #expect(a.garbageLines == 2)
        #expect(kinds(a.take()) == ["notice"])
    }

    @Test func rawOutputBecomesLinesAndUnattributedStreamsGetPidNull() {
        var a = assembler()
        a.rawBytes(Array("hello\nwor".utf8), stream: .stdout, at: 0.1)
        a.rawBytes(Array("ld\n".utf8), stream: .stdout, at: 0.12)
        #expect(a.take() == [Event(t: 0.1, .raw(stream: .stdout, text: "hello")),
                             Event(t: 0.12, .raw(stream: .stdout, text: "world"))])
        a.tick(at: 0.7)
        // Written at 0.1, but known to be nobody's only after the raw line of 0.12 went out: raised to 0.12, so
        // the stream's times never decrease.
        #expect(a.take() == [Event(t: 0.12, .output(pid: nil, stream: .stdout, text: "hello")),
                             Event(t: 0.12, .output(pid: nil, stream: .stdout, text: "world"))])
    }

    @Test func rawLinesOfAnAttributedStreamAreNotRepeatedAsPidNull() {
        var a = assembler(alive: [10])
        a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
        a.rawBytes(Array("hello\n".utf8), stream: .stdout, at: 0.1)
        a.tracer(.output(pid: 10, stream: .stdout, text: "hello"), at: 0.1)
        a.tick(at: 2)
        a.finish(at: 2)
        #expect(!a.take().contains { if case .output(nil, _, _) = $0.kind { true } else { false } })
    }

    @Test func partialRawLineGoesOutAfterADelayAndAtTheEnd() {
        var a = assembler()
        a.rawBytes(Array("prompt> ".utf8), stream: .stdout, at: 0.1)
        #expect(a.take().isEmpty)
        a.tick(at: 0.25)
        #expect(a.take().first == Event(t: 0.25, .raw(stream: .stdout, text: "prompt> ")))
    }

    @Test func rawOutputIsNeverDroppedAndALongLineGoesOutInPieces() {
        var a = assembler()
        a.rawPiece = 10
        let line = Array(repeating: UInt8(ascii: "x"), count: 99) + [0x0A]
        for _ in 0..<100 { a.rawBytes(line, stream: .stdout, at: 0.1) }
        let events = a.take()
        #expect(events.filter { $0.name == "raw" }.count == 1000)  // 9 pieces of 10 and one of 9 per line
        #expect(events.filter { $0.name == "notice" }.isEmpty)
        // Exactly one piece ends at the newline: no empty line after a line that filled its last piece.
        a.rawBytes(Array("0123456789".utf8), stream: .stdout, at: 0.2)
        a.rawBytes(Array("\nnext\n".utf8), stream: .stdout, at: 0.2)
        #expect(a.take().compactMap { if case let .raw(_, t) = $0.kind { t } else { nil } } == ["0123456789", "next"])
    }

    @Test func aFloodWithoutTheTracerIsNotHeldInMemory() {
        var a = assembler()
        a.unattributedLimit = 100
        let line = Array(repeating: UInt8(ascii: "x"), count: 9) + [0x0A]
        for _ in 0..<50 { a.rawBytes(line, stream: .stdout, at: 0.1) }
        // 500 bytes written at once: all but the last 100 bytes (11 lines) went out as pid: null without waiting.
        #expect(a.take().filter { if case .output(nil, _, _) = $0.kind { true } else { false } }.count == 39)
        a.finish(at: 0.2)
        #expect(a.take().filter { if case .output(nil, _, _) = $0.kind { true } else { false } }.count == 11)
    }

    @Test func statesMustBeSeenTwiceAndZombieComesFromEnded() {
        var a = assembler()
        a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
        _ = a.take()
        a.kernel(.state(pid: 10, state: .sleeping), at: 0.1)
        a.kernel(.state(pid: 10, state: .running), at: 0.2)
        a.kernel(.state(pid: 10, state: .sleeping), at: 0.3)
        a.kernel(.state(pid: 10, state: .sleeping), at: 0.4)
        #expect(a.take() == [Event(t: 0.4, .state(pid: 10, state: .sleeping))])
    }

    @Test func timesNeverDecreaseAndALateEventTakesThePreviousTime() {
        var a = assembler(alive: [10])
        a.kernel(.spawned(pid: 10, ppid: 1), at: 0)
        a.kernel(.ended(pid: 10, code: 0, signal: nil, zombie: true), at: 0.5)
        a.tracer(.notice(pid: 10, text: "late"), at: 0.3)
        let ts = a.take().map(\.t)
        #expect(ts == [0, 0.5, 0.5, 0.5])
        #expect(a.lastEmitted == 0.5)
    }

    @Test func aProcessNobodyAnnouncedIsReportedFromItsReap() {
        var a = assembler()
        a.tracer(.reaped(pid: 30, by: 10, code: 0, signal: nil), at: 0.5)
        #expect(a.take() == [Event(t: 0.5, .start(pid: 30, ppid: 10, name: nil, method: .exec, parent: nil)),
                             Event(t: 0.5, .exit(pid: 30, code: 0, signal: nil)),
                             Event(t: 0.5, .reaped(pid: 30, by: 10))])
    }
}
