import Testing
@testable import ProcTutorCore

/// The most processes alive at once, from births and ends on one clock.
@Suite struct LifespansTests {
    @Test func nothingAndOne() {
        #expect(Lifespans().maxAlive == 0)
        var l = Lifespans()
        l.born(10, parent: 1, at: 0)
        #expect(l.maxAlive == 1)
        l.ended(10, at: 1)
        #expect(l.maxAlive == 1)
    }

    /// A double-fork daemon: the middle process exits at once; the grandchild's report of its birth came after
    /// the kernel's word of that exit, but the kernel made it while its parent lived: three at once.
    @Test func aBirthReportedAfterTheParentsEndCountsWithIt() {
        var l = Lifespans()
        l.born(100, parent: 1, at: 0.00)
        l.born(101, parent: 100, at: 0.11)
        l.ended(101, at: 0.116252)
        l.born(102, parent: 101, at: 0.116438)
        l.ended(102, at: 0.6)
        l.ended(100, at: 0.9)
        #expect(l.maxAlive == 3)
    }

    /// Sequential children, each waited for before the next: never more than two, whatever the order of ties.
    @Test func sequentialChildrenAreTwoAtMost() {
        var l = Lifespans()
        l.born(100, parent: 1, at: 0)
        var t = 0.1
        for pid in PID(101)...PID(150) {
            l.born(pid, parent: 100, at: t)
            l.ended(pid, at: t + 0.01)
            t += 0.01  // the next birth at the same instant as the previous end: the end comes first
        }
        l.ended(100, at: t + 1)
        #expect(l.maxAlive == 2)
    }

    /// Times, not the order of the calls: a start held back and reported late still overlaps.
    @Test func theOrderOfReportsDoesNotMatter() {
        var l = Lifespans()
        l.born(1, parent: 0, at: 0)
        l.born(2, parent: 1, at: 0.1)
        l.ended(2, at: 0.5)
        l.born(3, parent: 1, at: 0.2)  // reported after 2's end, born before it
        l.ended(3, at: 0.6)
        l.ended(1, at: 1)
        #expect(l.maxAlive == 3)
        // Exactly the same spans given at once.
        #expect(Lifespans.maxAlive([.init(birth: 0, end: 1), .init(birth: 0.1, end: 0.5, parent: 0),
                                    .init(birth: 0.2, end: 0.6, parent: 0)]) == 3)
    }

    /// A pid used again after its first owner ended is a second process, not a duplicate.
    @Test func aReusedPIDIsAnotherProcess() {
        var l = Lifespans()
        l.born(1, parent: 0, at: 0)
        l.born(5, parent: 1, at: 0.1)
        l.born(5, parent: 1, at: 0.15)  // a second report of the live one: ignored
        l.ended(5, at: 0.2)
        l.born(5, parent: 1, at: 0.3)
        l.born(6, parent: 1, at: 0.35)
        #expect(l.spans.count == 4)
        #expect(l.maxAlive == 3)
    }

    /// The process table and the assembler's summary use it: a double fork through the assembler gives 3.
    @Test func theTableCountsByTime() {
        let events = [
            Event(t: 0, .start(pid: 100, ppid: 1, name: "MainProcess", method: .main, parent: nil)),
            Event(t: 0.11, .start(pid: 101, ppid: 100, name: nil, method: .osFork, parent: nil)),
            Event(t: 0.116, .exit(pid: 101, code: 0, signal: nil)),
            Event(t: 0.117, .start(pid: 102, ppid: 101, name: nil, method: .osFork, parent: nil)),
            Event(t: 0.118, .reaped(pid: 101, by: 100)),
            Event(t: 0.6, .exit(pid: 102, code: 0, signal: nil)),
            Event(t: 0.9, .exit(pid: 100, code: 0, signal: nil)),
        ]
        #expect(ProcessTable(events).maxAlive == 3)
        #expect(Observation.maxAlive.value(in: events) == 3)
    }
}
