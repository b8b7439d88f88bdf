import Testing
@testable import ProcTutorCore

@Suite struct ProcessTableTests {
    @Test func zombieBetweenExitAndReap() {
        var table = ProcessTable()
        table.apply(Event(t: 0, .start(pid: 10, ppid: 1, name: "MainProcess", method: .main, parent: nil)))
        table.apply(Event(t: 0.1, .start(pid: 11, ppid: 10, name: "Process-1", method: .fork, parent: nil)))
        #expect(table.aliveCount == 2)
        table.apply(Event(t: 0.5, .exit(pid: 11, code: 0, signal: nil)))
        #expect(table[11]?.isZombie == true)
        #expect(table.aliveCount == 1)
        table.apply(Event(t: 0.7, .reaped(pid: 11, by: 10)))
        #expect(table[11]?.isZombie == false)
        #expect(table[11]?.reapedBy == 10)
        #expect(table.maxAlive == 2)
    }

    @Test func pidReusedAfterReapGetsSecondRecord() {
        var table = ProcessTable()
        table.apply(Event(t: 0, .start(pid: 10, ppid: 1, name: nil, method: .main, parent: nil)))
        table.apply(Event(t: 0.1, .start(pid: 11, ppid: 10, name: "a", method: .fork, parent: nil)))
        table.apply(Event(t: 0.2, .exit(pid: 11, code: 0, signal: nil)))
        table.apply(Event(t: 0.3, .reaped(pid: 11, by: 10)))
        table.apply(Event(t: 0.4, .start(pid: 11, ppid: 10, name: "b", method: .fork, parent: nil)))
        #expect(table.records.count == 3)
        #expect(table.distinctPIDs == 2)
        #expect(table[11]?.name == "b")
    }
}
