import Foundation
import Testing
import TestSupport
import ProcTutorCore
@testable import ProcTutorSupervisor

/// Each process of these programs prints its own pid and parent pid; the reported `start` events must match
/// exactly, every process must start once and exit once, and the output must be attributed to its writer.
@Suite(.enabled(if: Harness.haveProctutor, "build the proctutor executable first: swift build"))
struct ProcessTreeTests {
    /// The common checks: one start and one exit per process; every self-report matches its start.
    func checkTree(_ r: Harness.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.summary != nil, "no summary", sourceLocation: sourceLocation)
        #expect(r.startCount.values.allSatisfy { $0 == 1 }, "a process started twice: \(r.startCount)",
                sourceLocation: sourceLocation)
        #expect(r.exitCount.values.allSatisfy { $0 == 1 }, "a process exited twice", sourceLocation: sourceLocation)
        #expect(Set(r.exits.keys) == Set(r.starts.keys), "starts and exits differ: \(r.starts.keys) vs \(r.exits.keys)",
                sourceLocation: sourceLocation)
        for report in r.selfReports where report.tag != "orphan" {  // an orphan's parent changed since birth
            #expect(r.starts[report.pid]?.ppid == report.ppid,
                    "process \(report.pid) (\(report.tag)) says its parent is \(report.ppid); reported \(String(describing: r.starts[report.pid]))",
                    sourceLocation: sourceLocation)
            #expect(report.by == report.pid, "line of \(report.pid) attributed to \(String(describing: report.by))",
                    sourceLocation: sourceLocation)
        }
        // A start precedes every other event of its pid.
        var started = Set<PID>()
        for e in r.events {
            switch e.kind {
            case let .start(pid, _, _, _, _): started.insert(pid)
            case let .exit(pid, _, _), let .reaped(pid, _), let .state(pid, _),
                 let .task(pid, _, _, _, _, _), let .output(pid?, _, _):
                #expect(started.contains(pid), "event before start: \(e)", sourceLocation: sourceLocation)
            default: break
            }
        }
    }

    @Test func osFork() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            report("parent")
            pid = os.fork()
            if pid == 0:
                report("child")
                os._exit(3)
            _, status = os.waitpid(pid, 0)
            print("child status", os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
            """))
        checkTree(r)
        #expect(r.selfReports.count == 2)
        // The tutorial's NDJSON (`__supervise`) opens with the run header too, once.
        #expect(r.events.first?.name == "run")
        #expect(r.events.filter { $0.name == "run" }.count == 1)
        let child = try #require(r.selfReports.first { $0.tag == "child" })
        #expect(r.starts[child.pid]?.method == .osFork)
        #expect(r.starts[child.pid]?.name == nil)
        #expect(r.exits[child.pid]?.code == 3)
        #expect(r.reaped[child.pid] == child.ppid)
        #expect(r.starts[r.mainPID!]?.ppid == r.supervisor)
        #expect(r.summary?.exitCode == 0)
        #expect(r.summary?.processes == 2)
    }

    /// os.wait() is hooked without a Python frame (the tracer's map/iter pipeline): its reaps are still reported,
    /// with the signal that ended the child.
    @Test func osWaitReportsTheReap() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            import signal
            pid = os.fork()
            if pid == 0:
                report("child")
                os.kill(os.getpid(), signal.SIGKILL)
            reaped, status = os.wait()
            print("reaped the child", reaped == pid, os.WTERMSIG(status))
            """))
        checkTree(r)
        let child = try #require(r.selfReports.first { $0.tag == "child" })
        #expect(r.lines.contains { $0.text == "reaped the child True 9" })
        #expect(r.exits[child.pid]?.signal == 9)
        #expect(r.reaped[child.pid] == r.mainPID)
    }

    /// A forked child inherits the exit handler its parent registered before forking (not imported again in
    /// every child): its last line without a newline is still its own output at a normal exit.
    @Test func forkedChildsPartialLastLineAtNormalExit() throws {
        let r = try Harness.run(Harness.program("""
            import os, sys
            for n in range(2):
                pid = os.fork()
                if pid == 0:
                    print("child", n, os.getpid(), end="")
                    sys.exit(0)
                os.waitpid(pid, 0)
            print("parent done")
            """))
        let children = r.starts.filter { $0.value.method == .osFork }.map(\.key)
        #expect(children.count == 2)
        for pid in children {
            let own = r.lines.filter { $0.pid == pid }.map(\.text)
            #expect(own.count == 1 && own.first?.hasSuffix(" \(pid)") == true, "child \(pid) lines: \(own)")
        }
        #expect(r.lines.contains { $0.pid == r.mainPID && $0.text == "parent done" })
    }

    /// A partial line the program flushed is reported when flushed (a prompt, "working…" before "done"); one
    /// that was not flushed still waits for its newline.
    @Test func aFlushedPartialLineIsReportedWhenFlushed() throws {
        let r = try Harness.run(Harness.program("""
            import sys
            sys.stdout.write("working... ")
            sys.stdout.flush()
            print("done")
            print("a", end="")
            print("b")
            """))
        let main = try #require(r.mainPID)
        let own = r.lines.filter { $0.pid == main }.map(\.text)
        #expect(own == ["working... ", "done", "ab"], "\(own)")
    }

    @Test func processSubclassAndNames() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            from multiprocessing import Process
            class MyProcess(Process):
                def run(self):
                    report(self.name)
            def work():
                report("work")
                sys.exit(5)
            if __name__ == "__main__":
                report("main")
                # A lone surrogate in a name (a str can hold one) is reported as U+FFFD.
                ps = [Process(target=work), Process(target=work, name="mark1"), MyProcess(),
                      Process(target=work, name="odd\\ud800name")]
                for p in ps: p.start()
                for p in ps: p.join()
            """))
        checkTree(r)
        let names = Set(r.starts.values.compactMap(\.name))
        #expect(names.isSuperset(of: ["MainProcess", "Process-1", "mark1", "MyProcess-3", "odd\u{FFFD}name"]))
        for (pid, s) in r.starts where s.method == .fork {
            #expect(r.exits[pid]?.code == (s.name == "MyProcess-3" ? 0 : 5))
            #expect(r.reaped[pid] == r.mainPID)
        }
        #expect(r.selfReports.count == 5)
    }

    @Test func poolReusesWorkers() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            from multiprocessing import Pool
            def square(n):
                report("task%d" % n)
                time.sleep(0.05)
                return n * n
            if __name__ == "__main__":
                with Pool(2) as pool:
                    print(pool.map(square, range(6), chunksize=1))
            """))
        checkTree(r)
        let workers = r.starts.filter { ($0.value.name ?? "").hasPrefix("ForkPoolWorker") }
        #expect(workers.count == 2)
        var perWorker: [PID: Int] = [:]
        for e in r.events {
            if case let .task(pid, _, .started, function, _, _) = e.kind {
                #expect(function == "square")
                perWorker[pid, default: 0] += 1
            }
        }
        #expect(perWorker.values.reduce(0, +) == 6)
        #expect(Set(perWorker.keys).isSubset(of: Set(workers.keys)))
        #expect(perWorker.values.contains { $0 >= 2 })
        #expect(r.lines.contains { $0.text == "[0, 1, 4, 9, 16, 25]" && $0.pid == r.mainPID })
    }

    @Test func brokenPoolFailuresNobodyRetrieved() throws {
        let r = try Harness.run(Harness.packageRoot + "/lessons/05-broken-pool/original.py", timeScale: 0.05)
        checkTree(r)
        let failed = r.events.compactMap { e -> String? in
            if case let .task(_, _, .failed, function, args, error) = e.kind {
                #expect(function == "test1")
                #expect(args == "('mark<built-in function id>',)")
                return error
            }
            return nil
        }
        #expect(failed == Array(repeating: "TypeError: must be real number, not str", count: 7))
        #expect(r.summary?.unretrievedFailures == 7)
        #expect(r.summary?.exitCode == 0)
        #expect(r.lines.contains { $0.text.contains("mark<built-in function id>") })
        #expect(r.starts.values.filter { ($0.name ?? "").hasPrefix("ForkPoolWorker") }.count == 5)
    }

    @Test func retrievedFailuresAreNotCounted() throws {
        let r = try Harness.run(Harness.program("""
            from multiprocessing import Pool
            def bad(x): return "%f" % "s"
            if __name__ == "__main__":
                with Pool(2) as pool:
                    a = pool.apply_async(bad, (1,))
                    b = pool.apply_async(bad, (2,), error_callback=lambda e: None)
                    c = pool.apply_async(bad, (3,))
                    try: a.get()
                    except TypeError: pass
                    c.wait(); b.wait()
            """))
        checkTree(r)
        #expect(r.events.filter { if case .task(_, _, .failed, _, _, _) = $0.kind { true } else { false } }.count == 3)
        #expect(r.summary?.unretrievedFailures == 1)
    }

    /// A result that cannot be pickled: the worker sends a MaybeEncodingError instead. The task is reported done
    /// (the tracer writes before the result leaves, so a pool terminated right after cannot lose the record),
    /// then failed with the error the program gets.
    @Test func unsendableResultIsReportedFailed() throws {
        let r = try Harness.run(Harness.program("""
            from multiprocessing import Pool
            def make(x): return lambda: x
            if __name__ == "__main__":
                with Pool(1) as pool:
                    try: pool.apply_async(make, (1,)).get()
                    except Exception as e: print(type(e).__name__)
            """))
        checkTree(r)
        #expect(r.lines.map(\.text) == ["MaybeEncodingError"])
        let tasks = r.events.compactMap { e -> (TaskStatus, String, String?)? in
            if case let .task(_, _, status, f, _, error) = e.kind { (status, f, error) } else { nil }
        }
        #expect(tasks.map(\.0) == [.started, .done, .failed])
        #expect(tasks.last?.1 == "make")
        #expect(tasks.last?.2?.hasPrefix("MaybeEncodingError") == true)
        #expect(r.summary?.unretrievedFailures == 0)
    }

    @Test func grandchildren() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            from multiprocessing import Process
            def grandchild(): report("grandchild")
            def child():
                report("child")
                p = Process(target=grandchild); p.start(); p.join()
            if __name__ == "__main__":
                p = Process(target=child); p.start(); p.join()
            """))
        checkTree(r)
        let g = try #require(r.selfReports.first { $0.tag == "grandchild" })
        let c = try #require(r.selfReports.first { $0.tag == "child" })
        #expect(g.ppid == c.pid)
        #expect(r.starts[g.pid]?.name == "Process-1:1")
        #expect(r.reaped[g.pid] == c.pid)
    }

    @Test func orphanIsReparentedToTheSupervisorAndReaped() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            pid = os.fork()
            if pid == 0:
                if os.fork() == 0:
                    time.sleep(0.3)
                    report("orphan")
                    os._exit(7)
                os._exit(0)
            os.waitpid(pid, 0)
            time.sleep(0.6)
            """))
        checkTree(r)
        let orphan = try #require(r.selfReports.first { $0.tag == "orphan" })
        #expect(orphan.ppid == r.supervisor)
        #expect(r.exits[orphan.pid]?.code == 7)
        #expect(r.reaped[orphan.pid] == r.supervisor)
        #expect(r.starts[orphan.pid]?.ppid != r.supervisor)  // at birth its parent was the middle process
    }

    @Test func zombieIsSeenBeforeJoin() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            from multiprocessing import Process
            def quick(): report("quick")
            if __name__ == "__main__":
                p = Process(target=quick); p.start()
                time.sleep(0.8)
                p.join()
            """))
        checkTree(r)
        let child = try #require(r.selfReports.first { $0.tag == "quick" }).pid
        let zombie = r.index { $0 == .state(pid: child, state: .zombie) }
        let reaped = r.index { if case .reaped(child, _) = $0 { true } else { false } }
        #expect(zombie != nil && reaped != nil && zombie! < reaped!)
        #expect(r.exits[child]?.code == 0)
    }

    @Test func terminateIsSignal15() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            from multiprocessing import Process
            def sleeper():
                report("sleeper")
                time.sleep(30)
            if __name__ == "__main__":
                p = Process(target=sleeper); p.start()
                time.sleep(0.3)
                p.terminate(); p.join()
                print("exitcode", p.exitcode)
            """))
        checkTree(r)
        let child = try #require(r.selfReports.first { $0.tag == "sleeper" }).pid
        #expect(r.exits[child]?.signal == 15)
        #expect(r.exits[child]?.code == nil)
        #expect(r.lines.contains { $0.text == "exitcode -15" })
    }

    @Test(arguments: [StartMethod.spawn, .forkserver, .fork])
    func startMethods(_ method: StartMethod) throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            from multiprocessing import Process, Pool, current_process
            def child(): report(current_process().name)
            def task(x):
                report("task")
                return x
            if __name__ == "__main__":
                report("main")
                p = Process(target=child); p.start(); p.join()
                with Pool(2) as pool:
                    pool.map(task, range(4))
            """), method: method)
        checkTree(r)
        let main = try #require(r.mainPID)
        let child = try #require(r.selfReports.first { $0.tag == "Process-1" })
        let start = try #require(r.starts[child.pid])
        #expect(start.method == method)
        #expect(start.name == "Process-1")
        if method == .forkserver {
            #expect(start.parent == main)
            #expect(r.starts[start.ppid]?.name == "ForkServer")
        } else {
            #expect(start.ppid == main)
            #expect(start.parent == nil)
        }
        let prefix = ["fork": "ForkPoolWorker", "spawn": "SpawnPoolWorker", "forkserver": "ForkServerPoolWorker"]
        #expect(r.starts.values.filter { ($0.name ?? "").hasPrefix(prefix[method.rawValue]!) }.count == 2)
        #expect(r.summary?.exitCode == 0)
    }

    /// Lesson 3's `lock` demo under spawn: the resource tracker is started, then pickling fails and the main
    /// process exits before the tracker's interpreter is up. The tracker, orphaned, must still say what it is.
    @Test func resourceTrackerOrphanedAtBirthIsStillNamed() throws {
        let r = try Harness.run(Harness.packageRoot + "/lessons/03-subclass/lock.py", method: .spawn)
        #expect(r.summary?.exitCode == 1)
        let tracker = r.starts.values.filter { $0.name == "ResourceTracker" }
        #expect(tracker.count == 1, "starts: \(r.starts)")
        #expect(tracker.first?.method == .spawn)
        #expect(!r.starts.values.contains { $0.method == .exec }, "no process left unnamed: \(r.starts)")
    }

    @Test func seedPoolUnderSpawnLoopsUntilTheTimeout() throws {
        let r = try Harness.run(Harness.packageRoot + "/lessons/05-broken-pool/original.py", method: .spawn,
                                timeout: 8, timeScale: 0.05)
        #expect(r.events.contains { $0.kind == .stopped(reason: .timeout, detail: $0.stoppedDetail ?? "") })
        #expect(r.summary?.exitCode == 124)
        #expect(r.lines.contains { $0.text.contains("RuntimeError") })
        for pid in r.starts.keys { #expect(!Harness.isRunning(pid), "process \(pid) outlived the run") }
    }

    @Test func timeoutStopsTheWholeTree() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            import signal
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a stubborn program: only SIGKILL ends it
            for i in range(3):
                if os.fork() == 0:
                    os.setsid()  # escapes the process group
                    report("child")
                    time.sleep(60)
            report("main")
            time.sleep(60)
            """), timeout: 1)
        #expect(r.summary?.exitCode == 124)
        #expect(r.events.contains { if case .stopped(.timeout, _) = $0.kind { true } else { false } })
        #expect(r.starts.count == 4)
        for pid in r.starts.keys {
            #expect(!Harness.isRunning(pid), "process \(pid) outlived the run")
            #expect(r.exits[pid]?.signal == 9)
        }
    }

    @Test func processLimitStopsAForkBomb() throws {
        let r = try Harness.run(Harness.program("""
            import os, time
            for i in range(40):
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
            time.sleep(30)
            """), maxProcesses: 10)
        #expect(r.events.contains { if case .stopped(.processLimit, _) = $0.kind { true } else { false } })
        for pid in r.starts.keys { #expect(!Harness.isRunning(pid)) }
    }

    @Test func exitCodes() throws {
        let r1 = try Harness.run(Harness.program("import sys; sys.exit(3)"))
        #expect(r1.summary?.exitCode == 3)
        let r2 = try Harness.run(Harness.program("import os, signal; os.kill(os.getpid(), signal.SIGKILL)"))
        #expect(r2.summary?.exitCode == 137)
        #expect(r2.exits[r2.mainPID!]?.signal == 9)
        let r3 = try Harness.run(Harness.program("raise ValueError('boom')"))
        #expect(r3.summary?.exitCode == 1)
        #expect(r3.lines.contains { $0.stream == .stderr && $0.text == "ValueError: boom" && $0.pid == r3.mainPID })
    }

    @Test func syntaxErrorIsPythonsOwnMessage() throws {
        let r = try Harness.run(Harness.program("print('a'\nx = = 2\n", name: "broken.py"))
        #expect(r.summary?.exitCode == 1)
        let err = r.lines.filter { $0.stream == .stderr }.map(\.text)
        #expect(err.contains { $0.contains("SyntaxError") })
        #expect(err.contains { $0.contains("broken.py") })
    }

    @Test func garbageInTheEventChannelIsIgnored() throws {
        let r = try Harness.run(Harness.program(reportHelper + """
            path = os.environ["PROCTUTOR_EVENTS"]
            with open(path, "ab") as f:
                f.write(b"\\xff\\xfe garbage {not json\\n")
                f.write(b'{"t":1,"k":"out","pid":1,"s":9,"x":1}\\n')
                f.write(b"x" * 3000000)
                f.write(b"\\n")
            report("after")
            """))
        #expect(r.summary?.exitCode == 0)
        #expect(r.selfReports.count == 1)
        #expect(r.events.contains { if case .notice = $0.kind { true } else { false } })
        #expect(r.startCount.values.allSatisfy { $0 == 1 })
    }

    @Test func escapeSequencesNeverReachPlainOutput() throws {
        let r = try Harness.run(Harness.program(#"""
            import sys
            print("\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J")
            sys.stdout.flush()
            sys.stdout.buffer.write(b"bad \xff\xfe utf8\n")
            """#))
        let plain = r.events.map(PlainFormat.line).joined(separator: "\n")
        #expect(!plain.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) })
        #expect(r.lines.contains { $0.text == "bad \u{FFFD}\u{FFFD} utf8" })
        #expect(plain.contains("␛[31mred"))
    }

    /// 20 MB of output (10× what was once kept) arrives whole, every line attributed to its writer (no cap per
    /// process either); the stream is not kept by the supervisor once it has gone out.
    @Test func hugeOutputArrivesWhole() throws {
        let r = try Harness.run(Harness.program("""
            import sys
            line = "x" * 99 + "\\n"
            for i in range(200000):
                sys.stdout.write(line)
            """))
        #expect(r.summary?.exitCode == 0)
        let main = try #require(r.mainPID)
        let own = r.lines.filter { $0.pid == main }
        #expect(own.count == 200000)
        #expect(own.allSatisfy { $0.text.utf8.count == 99 })
        // The raw stream too (a line the supervisor read in two parts more than 0.1 s apart is two raw lines).
        let raw = r.events.compactMap { if case let .raw(_, t) = $0.kind { t } else { nil } }
        #expect(raw.reduce(0) { $0 + $1.utf8.count } == 200000 * 99)
        #expect(raw.count >= 200000 && !raw.contains(""))
        #expect(!r.events.contains { if case .notice = $0.kind { true } else { false } })
    }

    @Test func nonPythonChildrenAreReported() throws {
        let r = try Harness.run(Harness.program("""
            import subprocess
            subprocess.run(["sh", "-c", "echo from-sh; sleep 0.3"])
            """))
        checkTree(r)
        #expect(r.starts.values.contains { $0.method == .exec })
        #expect(r.lines.contains { $0.text == "from-sh" })
    }

    /// The program closes the channel's descriptor and opens files of its own, which get its number: the tracer
    /// must never write into them (it checks the channel's token before each write) and goes on through a new
    /// descriptor.
    @Test(arguments: ["a", "a+", "r+"]) func aReusedChannelDescriptorIsNeverWrittenTo(mode: String) throws {
        let dir = Harness.folder()
        let mine = dir + "/mine.txt"
        TestFile.write(mine, Data("user data\n".utf8))
        let r = try Harness.run(Harness.program("""
            import os
            print("before")
            os.closerange(3, 1024)
            files = [open("\(mine)", "\(mode)") for _ in range(8)]
            print("after")
            for f in files:
                f.close()
            """))
        #expect(r.lines.map(\.text) == ["before", "after"])
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "user data\n")
        #expect(r.summary?.exitCode == 0)
    }

    /// The tutorial's supervisor killed mid-run: the run ends with `supervisor-lost`, the program does not go on
    /// running unwatched, and the temporary folder the supervisor could not remove is removed by the run's side.
    @Test func aKilledSupervisorLeavesNoProgramAndNoFolder() throws {
        let r = try runSleeper { run in
            #expect(!Self.runFolders(of: run.supervisorPID).isEmpty, "the run's folder exists while it runs")
            kill(run.supervisorPID, SIGKILL)
        }
        #expect(r.events.contains { if case .stopped(.supervisorLost, _) = $0.kind { true } else { false } })
        #expect(Self.runFolders(of: r.supervisor).isEmpty)
        let main = try #require(r.mainPID)
        var gone = false
        for _ in 0..<200 where !gone {  // SIGKILL is quick; the orphan is reaped by init
            gone = !Harness.isRunning(main)
            if !gone { usleep(10_000) }
        }
        #expect(gone, "the program's main process \(main) still runs after its supervisor was killed")
    }

    static func runFolders(of supervisor: PID) -> [String] {
        let base = Supervisor.temporaryBase()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return names.filter { $0.hasPrefix("proctutor-\(supervisor)-") }
    }

    /// Runs a program that reports itself and sleeps 30 s; `act` gets the run once, at its first output line.
    func runSleeper(_ act: @escaping (SupervisedRun) -> Void) throws -> Harness.Result {
        var acted = false
        return try Harness.run(Harness.program(reportHelper + """
            report("main")
            time.sleep(30)
            """), onEvent: { e, run in
                if case .output = e.kind, !acted {
                    acted = true
                    act(run)
                }
            })
    }

    @Test func stopPauseAndResume() throws {
        let r = try runSleeper { run in run.pause(); run.resume(); run.stop() }
        #expect(r.events.contains { if case .stopped(.userStop, _) = $0.kind { true } else { false } })
        #expect(r.exits[r.mainPID!]?.signal == 15)
    }
}

extension Event {
    var stoppedDetail: String? {
        if case let .stopped(_, d) = kind { return d }
        return nil
    }
}
