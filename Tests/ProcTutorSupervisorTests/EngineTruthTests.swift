import Foundation
import Glibc
import Testing
import TestSupport
import ProcTutorCore
@testable import ProcTutorSupervisor

/// The stream tells the truth about time and output: events in time order, a process's lines before its exit,
/// nothing dropped, the kernel's parents and the program's own argv.
@Suite(.enabled(if: Harness.haveProctutor, "build the proctutor executable first: swift build"))
struct EngineTruthTests {
    /// Children that print and exit at once: the kernel reports the exit (pidfd, zombie) while the child's last
    /// line may still be unread in the channel. Over many runs, every child's output precedes its exit and `t`
    /// never decreases.
    @Test func eachProcessLinesPrecedeItsExitAndTimeNeverDecreases() throws {
        let path = Harness.program("""
            import os, sys
            from multiprocessing import Process

            def child(n):
                print("child", n, "pid", os.getpid())
                print("child", n, "last line")

            if __name__ == "__main__":
                ps = [Process(target=child, args=(n,)) for n in range(6)]
                for p in ps:
                    p.start()
                for n in range(4):
                    pid = os.fork()
                    if pid == 0:
                        print("forked", n, "last line")
                        os._exit(0)
                for p in ps:
                    p.join()
                for n in range(4):
                    os.wait()
                print("main done")
            """)
        var outOfOrder: [String] = []
        var decreasing: [String] = []
        for run in 0..<15 {
            let r = try Harness.run(path)
            #expect(r.summary?.exitCode == 0)
            var exited = Set<PID>()
            var last = -Double.infinity
            var lines = 0
            for (i, e) in r.events.enumerated() {
                if e.t < last {
                    decreasing.append("run \(run): event \(i) \(e) after t=\(last)")
                }
                last = max(last, e.t)
                switch e.kind {
                case let .exit(pid, _, _): exited.insert(pid)
                case let .output(pid?, _, text):
                    lines += 1
                    if exited.contains(pid) { outOfOrder.append("run \(run): \(pid) \(text) after its exit") }
                default: break
                }
            }
            #expect(lines == 6 * 2 + 4 + 1, "run \(run): \(lines) lines")
        }
        #expect(outOfOrder.count == 0, "\(outOfOrder.count) lines after their process's exit: \(outOfOrder.prefix(5))")
        #expect(decreasing.count == 0, "\(decreasing.count) events earlier than the one before: \(decreasing.prefix(5))")
    }

    /// `proctutor run --json --raw` of 20,000 lines of 1 KB and one line of 3 MB: every line, attributed and
    /// raw, the long line in pieces that add up to it exactly (no piece lost, no empty line added).
    @Test func runStreamsEveryLineOfAnySize() throws {
        let path = Harness.program("""
            line = "x" * 1023
            for i in range(20000):
                print(line)
            print("y" * (3 * 1024 * 1024))
            print("end")
            """)
        let ran = try CommandLineTests.proctutor(["run", path, "--json", "--raw"], limit: 120)
        #expect(ran.status == 0)
        var own: [String] = []
        var raw: [String] = []
        var notices: [String] = []
        for line in ran.stdout.split(separator: "\n") {
            let e = try EventJSON.decode(String(line))
            switch e.kind {
            case let .output(_?, .stdout, text): own.append(text)
            case let .raw(.stdout, text): raw.append(text)
            case let .notice(text): notices.append(text)
            default: break
            }
        }
        for lines in [own, raw] {
            #expect(lines.prefix(20000).allSatisfy { $0.utf8.count == 1023 && $0.first == "x" })
            let pieces = lines.dropFirst(20000).dropLast()
            #expect(pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 == "y" } })
            #expect(pieces.reduce(0) { $0 + $1.utf8.count } == 3 * 1024 * 1024)
            #expect(lines.last == "end")
        }
        #expect(notices.isEmpty, "\(notices)")
    }

    /// A short `shared_memory` program: the main process starts the resource tracker (fork + exec) and exits
    /// before the tracker's interpreter has run its sitecustomize, whose getppid() then says the subreaper. The
    /// kernel's parent at birth is the main process (checked with `strace -f -e trace=process`).
    @Test(arguments: Harness.pythons)
    func theResourceTrackersParentIsTheMainProgram(python: String) throws {
        let r = try Harness.run(Harness.program("""
            import os
            from multiprocessing import shared_memory, resource_tracker
            s = shared_memory.SharedMemory(create=True, size=100)
            print("tracker", resource_tracker._resource_tracker._pid, flush=True)
            s.close()
            s.unlink()
            """), python: python)
        #expect(r.summary?.exitCode == 0)
        let said = r.lines.compactMap { $0.text.hasPrefix("tracker ") ? PID($0.text.dropFirst(8)) : nil }.first
        let tracker = try #require(said, "no tracker line: \(r.lines)")
        #expect(r.starts[tracker]?.name == "ResourceTracker", "\(r.starts)")
        #expect(r.starts[tracker]?.ppid == r.mainPID, "tracker \(tracker): \(String(describing: r.starts[tracker])), main \(String(describing: r.mainPID))")
    }

    /// `sys.argv[0]` is the path as typed: relative stays relative, as under `python3 -u FILE`, and the tracer
    /// still sees every process (a spawn child re-imports the main module through it).
    @Test func argvZeroIsThePathAsTyped() throws {
        let dir = Harness.folder()
        TestFile.write(dir + "/prog.py", Data("""
            import sys, multiprocessing as mp
            def child():
                print("child", sys.argv[0])
            if __name__ == "__main__":
                print("argv0", sys.argv[0])
                p = mp.get_context("spawn").Process(target=child)
                p.start(); p.join()
            """.utf8))
        let ran = try CommandLineTests.proctutor(["run", "prog.py", "--json"], cwd: dir)
        #expect(ran.status == 0)
        let events = try ran.stdout.split(separator: "\n").map { try EventJSON.decode(String($0)) }
        let lines = events.compactMap { if case let .output(pid?, _, text) = $0.kind { (pid, text) } else { nil } }
        #expect(lines.map(\.1).contains("argv0 prog.py"), "\(lines)")
        #expect(lines.contains { $0.1.hasPrefix("child ") }, "\(lines)")
        let starts = events.filter { $0.name == "start" }
        #expect(starts.count == 2 || starts.count == 3, "\(starts)")  // main, the spawned child (and a tracker)
        if case let .run(h) = events.first?.kind {
            #expect(h.argv.count == 3 && h.argv[2] == "prog.py", "\(h.argv)")
            #expect(h.program.hasPrefix("/") && h.program.hasSuffix("/prog.py"), "\(h.program)")
        } else {
            Issue.record("no header")
        }
    }
}
