import Testing
import ProcTutorCore
@testable import ProcTutorSupervisorCore

/// The supervisor's decisions as values: timeouts, pauses, the process limit, linger and the teardown order,
/// each checked at chosen run times without starting a process.
@Suite struct SupervisorCoreTests {
    /// A run whose main process 10 was spawned by supervisor 1 at t = 0; the channel's times are relative to
    /// the origin 0.
    func core(timeout: Double? = nil, linger: Double = 3, maxProcesses: Int = 256) -> SupervisorCore {
        var c = SupervisorCore(policy: SupervisorPolicy(timeout: timeout, linger: linger, maxProcesses: maxProcesses),
                               assembler: RunAssembler(origin: 0, supervisor: 1, lookup: { _ in 10 }))
        #expect(c.handle(.spawned(main: 10, by: 1), at: 0) == [])
        _ = c.take()
        return c
    }

    /// The signals among the effects, in order.
    func signals(_ effects: [SupervisorCore.Effect]) -> [TreeSignal] {
        effects.compactMap { if case let .signal(s) = $0 { s } else { nil } }
    }

    /// The reasons of the `stopped` events among the effects.
    func stops(_ effects: [SupervisorCore.Effect]) -> [StopReason] {
        effects.flatMap { effect -> [StopReason] in
            guard case let .emit(events) = effect else { return [] }
            return events.compactMap { if case let .stopped(reason, _) = $0.kind { reason } else { nil } }
        }
    }

    func exitCode(_ events: [Event]) -> Int? {
        guard case let .summary(s)? = events.last?.kind else { return nil }
        return s.exitCode
    }

    @Test func timeoutStopsWithTermThenContThenKillsAfterTheGracePeriod() {
        var c = core(timeout: 2)
        #expect(stops(c.handle(.tick, at: 1.99)).isEmpty)
        let effects = c.handle(.tick, at: 2.0)
        #expect(stops(effects) == [.timeout])
        // The reader learns why before anything dies: the stopped event is the first effect.
        guard case .emit = effects.first else { Issue.record("expected the stopped event first: \(effects)"); return }
        #expect(signals(effects) == [.terminate, .continue])
        #expect(c.killAt == 3.0)
        #expect(signals(c.handle(.tick, at: 2.9)).isEmpty)
        #expect(signals(c.handle(.tick, at: 3.0)) == [.kill])
        #expect(signals(c.handle(.tick, at: 3.1)).isEmpty)
        #expect(signals(c.handle(.tick, at: 3.2)) == [.kill])  // again every 0.2 s while anything is left
        #expect(stops(c.handle(.tick, at: 10)).isEmpty)  // one stop, however long the teardown takes
        c.finish(at: 4)
        #expect(exitCode(c.take()) == 124)
    }

    @Test func pausedTimeDoesNotCountAgainstTheTimeout() {
        var c = core(timeout: 3)
        #expect(c.handle(.command("pause"), at: 1) == [.signal(.stop)])
        #expect(c.handle(.command("pause"), at: 2) == [])  // already paused
        #expect(stops(c.handle(.tick, at: 4.5)).isEmpty)  // 1 s of running time
        #expect(c.handle(.command("resume"), at: 5) == [.signal(.continue)])
        #expect(c.handle(.command("resume"), at: 5.5) == [])  // not paused
        #expect(c.pause.paused(at: 6) == 4)
        #expect(stops(c.handle(.tick, at: 6.99)).isEmpty)  // 2.99 s running
        #expect(stops(c.handle(.tick, at: 7.0)) == [.timeout])
    }

    @Test func aStopWhilePausedThawsTheTreeAndEndsThePause() {
        var c = core()
        _ = c.handle(.command("pause"), at: 1)
        let effects = c.handle(.command("stop"), at: 2)
        #expect(stops(effects) == [.userStop])
        #expect(signals(effects) == [.terminate, .continue])
        #expect(!c.pause.isPaused)
        #expect(c.pause.paused(at: 9) == 1)
        #expect(c.handle(.command("pause"), at: 3) == [])  // a stopping tree is not frozen again
        #expect(c.handle(.command("stop interrupt"), at: 3) == [])  // nor stopped twice
    }

    @Test func interruptEndsWith130() {
        var c = core()
        #expect(stops(c.handle(.command("stop interrupt"), at: 1)) == [.interrupt])
        c.finish(at: 2)
        #expect(exitCode(c.take()) == 130)
    }

    @Test func theProcessLimitKillsAtOnceWithoutAGracePeriod() {
        var c = core(maxProcesses: 4)
        #expect(c.handle(.tree(descendants: 4, alive: 4), at: 1) == [])
        let effects = c.handle(.tree(descendants: 9, alive: 5), at: 1.5)
        #expect(stops(effects) == [.processLimit])
        #expect(signals(effects) == [.kill])
        #expect(c.killAt == 1.55)
    }

    @Test func birthsFasterThanTheWalkAskForAWalkAtMostEvery10ms() {
        var c = core(maxProcesses: 2)
        func birth(_ pid: Int, at t: Double) -> [SupervisorCore.Effect] {
            c.handle(.channelLine(#"{"t":\#(t),"k":"birth","pid":\#(pid),"ppid":10,"m":"fork","final":true}"#), at: t)
        }
        #expect(birth(11, at: 0.100) == [])  // 2 alive: within the limit
        #expect(birth(12, at: 0.101) == [.walk])  // 3 alive: count the tree now
        #expect(birth(13, at: 0.105) == [])  // a walk 4 ms ago
        #expect(birth(14, at: 0.112) == [.walk])
    }

    @Test func processesLeftAfterTheMainOneAreStoppedAfterTheLinger() {
        var c = core(linger: 3)
        _ = c.handle(.kernel(.waited(pid: 10, code: 0, signal: nil)), at: 1)
        #expect(c.mainEndedAt == 1)
        #expect(c.handle(.tree(descendants: 1, alive: 1), at: 3.9) == [])  // an orphan still within the linger
        #expect(c.handle(.tick, at: 4.0).contains(.walk))  // the linger is over: the loop must look
        #expect(c.handle(.tree(descendants: 0, alive: 0), at: 4.0) == [])  // nobody left: no stop
        #expect(stops(c.handle(.tree(descendants: 1, alive: 1), at: 4.1)) == [.leftover])
    }

    @Test func onlyTheMainProcessesStatusStartsTheLinger() {
        var c = core(linger: 3)
        _ = c.handle(.kernel(.waited(pid: 77, code: 0, signal: nil)), at: 1)  // an adopted orphan
        #expect(c.mainEndedAt == nil)
        #expect(c.handle(.tree(descendants: 1, alive: 1), at: 9) == [])
    }

    @Test func livePidsAreSampledEvery40msAndTheMachineWalkedEvery250ms() {
        var c = core()
        var samples = 0, walks = 0
        var t = 0.0
        while t < 1.0 {
            t += 0.01
            for e in c.handle(.tick, at: t) {
                if case let .sample(pids) = e { samples += 1; #expect(pids == [10]) }
                if e == .walk { walks += 1 }
            }
        }
        #expect((24...26).contains(samples))
        #expect((3...4).contains(walks))
    }

    @Test func anUnknownCommandIsANoticeNotAStop() {
        var c = core()
        #expect(c.handle(.command("explode"), at: 1) == [])
        #expect(!c.isStopping)
        let notices = c.take().compactMap { if case let .notice(text) = $0.kind { text } else { nil } }
        #expect(notices == [EngineWords.unknownCommandNotice("explode")])
    }

    @Test func aRunThatCouldNotStartIsANoticeAndASummary() {
        let events = SupervisorCore.failure("no python")
        #expect(events.map(\.name) == ["notice", "summary"])
    }

    @Test func teardownIsDataPerReason() {
        let policy = SupervisorPolicy(timeout: nil, linger: 3, maxProcesses: 8)
        for reason in [StopReason.timeout, .interrupt, .userStop, .leftover] {
            #expect(Teardown.forStop(reason, policy: policy) == Teardown(now: [.terminate, .continue], killAfter: 1))
        }
        #expect(Teardown.forStop(.processLimit, policy: policy) == Teardown(now: [.kill], killAfter: 0.05))
    }
}
