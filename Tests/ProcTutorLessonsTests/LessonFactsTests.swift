import Foundation
import Testing

/// The version-dependent statements of the built-in lessons, run on every installed interpreter 3.8–3.13
/// (~/.pyenv/versions, one per minor version): a lesson text that says something false fails here.
/// Plain `python3 FILE`, no tracer; each program is tiny (a second or two at most).
@Suite(.serialized) struct LessonFactsTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons").path

    static let pythons: [String] = {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        let root = home + "/.pyenv/versions"
        var byMinor: [Int: String] = [:]
        for n in ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted() {
            let p = n.split(separator: ".")
            guard p.count == 3, p[0] == "3", let minor = Int(p[1]), (8...13).contains(minor) else { continue }
            let exe = "\(root)/\(n)/bin/python3"
            if FileManager.default.isExecutableFile(atPath: exe) { byMinor[minor] = exe }
        }
        let found = byMinor.keys.sorted().map { byMinor[$0]! }
        return found.isEmpty ? ["/usr/bin/python3"] : found
    }()

    struct Result { var code: Int32; var out: String; var err: String; var timedOut: Bool; var seconds: Double }

    /// Runs `python args…` with stdout and stderr to files (so stdout is block-buffered, as into a pipe).
    static func run(_ python: String, _ args: [String], env: [String: String] = [:], timeout: Double = 20) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        e.removeValue(forKey: "PYTHONUNBUFFERED")
        e["PYTHONPATH"] = forcing
        for (k, v) in env { e[k] = v }
        p.environment = e
        let base = NSTemporaryDirectory() + "proctutor-facts-\(getpid())-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer { try? FileManager.default.removeItem(atPath: base + ".out"); try? FileManager.default.removeItem(atPath: base + ".err") }
        let out = FileHandle(forWritingAtPath: base + ".out")!, err = FileHandle(forWritingAtPath: base + ".err")!
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let start = Date()
        try p.run()
        var timedOut = false
        while p.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                p.terminate()
                break
            }
            usleep(20_000)
        }
        p.waitUntilExit()
        let secs = Date().timeIntervalSince(start)
        // Leftover children of a killed run (workers, the fork server) end when their parent's pipes close.
        usleep(100_000)
        try? out.close(); try? err.close()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return Result(code: p.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self), timedOut: timedOut, seconds: secs)
    }

    static func minor(_ python: String) throws -> Int {
        let r = try run(python, ["-c", "import sys; print(sys.version_info[1])"])
        return Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static func count(_ s: String, _ needle: String) -> Int {
        s.components(separatedBy: "\n").filter { $0.contains(needle) }.count
    }

    static func demo(_ path: String) -> String { lessons + "/" + path }

    /// A sitecustomize (always on PYTHONPATH) that unblocks signals and forces the start method given in
/// FORCE_MP_METHOD, so `__main__` stays the demo file.
    static let forcing: String = {
        let dir = NSTemporaryDirectory() + "proctutor-facts-sc-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? """
        import os, signal
        # The test runner's threads block signals, and a child inherits the mask: unblock them, or the fork
        # server never sees SIGCHLD and a forkserver child's join() waits forever.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        m = os.environ.get("FORCE_MP_METHOD")
        if m:
            import multiprocessing
            multiprocessing.set_start_method(m, force=True)
        """.write(toFile: dir + "/sitecustomize.py", atomically: true, encoding: .utf8)
        return dir
    }()

    // Lessons 2, 3, 5: "Linux: fork up to Python 3.13".
    @Test(arguments: pythons) func defaultStartMethodIsForkUpTo313(python: String) throws {
        let r = try Self.run(python, ["-c", "import multiprocessing as m; print(m.get_start_method())"])
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "fork")
    }

    // Lesson 1: "Since Python 3.12, os.fork() in a process that has more than one thread emits a DeprecationWarning".
    @Test(arguments: pythons) func multiThreadedForkWarnsFrom312(python: String) throws {
        let prog = "import os, threading, time\nt = threading.Thread(target=time.sleep, args=(0.5,)); t.start()\npid = os.fork()\nif pid == 0: os._exit(0)\nos.waitpid(pid, 0)\n"
        let r = try Self.run(python, ["-c", prog])
        let warned = r.err.contains("DeprecationWarning: This process (pid=") && r.err.contains("is multi-threaded, use of fork() may lead to deadlocks in the child.")
        #expect(warned == (try Self.minor(python) >= 12), "\(r.err)")
    }

    // Lesson 1 variants rest, buffered, osexit, zombie: the predict answers 2, 2, 0 and the Z state.
    @Test(arguments: pythons) func forkBasics(python: String) throws {
        let rest = try Self.run(python, [Self.demo("01-fork/rest.py")])
        #expect(Self.count(rest.out, "after the if/else") == 2)
        let buffered = try Self.run(python, [Self.demo("01-fork/buffered.py")])
        #expect(Self.count(buffered.out, "hello") == 2)
        let unbuffered = try Self.run(python, ["-u", Self.demo("01-fork/buffered.py")])
        #expect(Self.count(unbuffered.out, "hello") == 2, "the demo re-enables buffering even under -u")
        let osexit = try Self.run(python, [Self.demo("01-fork/osexit.py")])
        #expect(Self.count(osexit.out, "last words") == 0)
        #expect(Self.count(osexit.out, "parent: the child has ended") == 1)
        let zombie = try Self.run(python, [Self.demo("01-fork/zombie.py")])
        #expect(zombie.out.contains("the child's state: Z"))
        #expect(zombie.out.contains("after waitpid: 已经没有了 / gone"))
    }

    // Lesson 2: the seed's comment, read positionally, fails; -15 after terminate.
    @Test(arguments: pythons) func positionalProcessFails(python: String) throws {
        let r = try Self.run(python, [Self.demo("02-process/positional.py")])
        #expect(r.code == 1)
        #expect(r.err.contains("AssertionError: group argument must be None for now"))
        let t = try Self.run(python, ["-c", "import multiprocessing as m, time\nif __name__ == '__main__':\n    p = m.Process(target=time.sleep, args=(5,)); p.start(); time.sleep(0.3); p.terminate(); p.join(); print(p.exitcode)"])
        #expect(t.out.trimmingCharacters(in: .whitespacesAndNewlines) == "-15")
    }

    // Lesson 2 context variant: only the forkserver child has a kernel parent other than the main process.
    @Test(arguments: pythons) func contextsAndParents(python: String) throws {
        let r = try Self.run(python, [Self.demo("02-process/context.py")])
        #expect(r.code == 0)
        let lines = r.out.components(separatedBy: "\n")
        for m in ["fork", "spawn", "forkserver"] {
            guard let l = lines.first(where: { $0.hasPrefix(m + " ") }) else { Issue.record("no \(m) line: \(r.out)"); continue }
            let nums = l.split(whereSeparator: { !$0.isNumber }).map(String.init)
            // child pid, os.getppid(), parent_process().pid
            let same = nums.count >= 3 && nums[nums.count - 2] == nums[nums.count - 1]
            #expect(same == (m != "forkserver"), "\(l)")
        }
    }

    // Lesson 3: a threading.Lock attribute is fine under fork, a pickling TypeError under spawn and forkserver.
    @Test(arguments: pythons) func lockAttributeNeedsFork(python: String) throws {
        for (m, code) in [("fork", Int32(0)), ("spawn", 1), ("forkserver", 1)] {
            let r = try Self.run(python, [Self.demo("03-subclass/lock.py")], env: ["PYTHONPATH": Self.forcing, "FORCE_MP_METHOD": m])
            #expect(r.code == code, "\(m): \(r.err)")
            if code == 1 { #expect(r.err.contains("TypeError: cannot pickle '_thread.lock' object")) }
        }
    }

    // Lesson 3 state variant (quiz state-spawn-init): the spawn child imports the script again, yet __init__ runs
    // once, in the parent, under every start method; the attribute set in run() never reaches the parent.
    @Test(arguments: pythons) func initRunsOnlyInTheParent(python: String) throws {
        for m in ["fork", "spawn", "forkserver"] {
            let r = try Self.run(python, [Self.demo("03-subclass/state.py")], env: ["PYTHONPATH": Self.forcing, "FORCE_MP_METHOD": m])
            #expect(r.code == 0, "\(m): \(r.err)")
            #expect(Self.count(r.out, "__init__ 运行在") == 1, "\(m): \(r.out)")
            #expect(r.out.contains("hasattr(p, 'result') = False"), "\(m): \(r.out)")
        }
    }

    // Lesson 4: map order, imap_unordered order, the callback in a helper thread; lambda tasks; lost tasks.
    @Test(arguments: pythons) func poolFacts(python: String) throws {
        let map = try Self.run(python, [Self.demo("04-pool/map.py")])
        #expect(map.out.contains("map: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"))
        #expect(map.out.contains("imap: [0, 1, 2]"))
        #expect(map.out.contains("imap_unordered: [2, 1, 0]"))
        let cb = map.out.components(separatedBy: "\n").first { $0.hasPrefix("callback(49)") } ?? ""
        #expect(!cb.contains("MainThread") && cb.contains("thread Thread-"), "\(map.out)")
        let lam = try Self.run(python, [Self.demo("04-pool/lambda.py")], env: ["PYTHONPATH": Self.forcing, "FORCE_MP_METHOD": "fork"])
        #expect(lam.code == 1)
        #expect(lam.out.contains("the lambda ran in pid"))
        #expect(lam.err.contains("PicklingError"))
        let crash = try Self.run(python, [Self.demo("04-pool/crash.py")])
        #expect(crash.out.contains("get(timeout=3) -> multiprocessing.TimeoutError"))
        #expect(crash.out.contains("ProcessPoolExecutor: BrokenProcessPool"))
    }

    // Lesson 5 (a): the TypeError's words on 3.8–3.13, and the silence (exit 0, no 执行时间 line).
    @Test(arguments: pythons) func seedFormatErrorIsSilent(python: String) throws {
        let r = try Self.run(python, ["-c", "'%0.2f' % ('mark', 1.0)"])
        #expect(r.err.contains("TypeError: must be real number, not str"))
        let seed = try Self.run(python, [Self.demo("05-broken-pool/original.py")])
        #expect(seed.code == 0)
        #expect(Self.count(seed.out, "执行时间") == 0)
        #expect(Self.count(seed.out, "mark<built-in function id>运行中") == 7)
    }

    // Lesson 5 (c): on these versions (all ≤ 3.13.7) forkserver and spawn loop: RuntimeErrors, no task, no end.
    @Test(arguments: pythons) func seedLoopsUnderForkserverBefore3138(python: String) throws {
        let r = try Self.run(python, [Self.demo("05-broken-pool/original.py")],
                             env: ["PYTHONPATH": Self.forcing, "FORCE_MP_METHOD": "forkserver"], timeout: 2)
        #expect(r.timedOut)
        #expect(Self.count(r.err, "RuntimeError") >= 2)
        #expect(Self.count(r.out, "运行中") == 0)
    }

    // Lesson 5 (c), 3.14.1+ and 3.15: rests on reading CPython's forkserver.py; simulated on 3.13 by applying
    // the upstream changes to a copy of its multiprocessing package (PR #135295; PR #141859's on_error='ignore').
    @Test func seedUnderPatchedForkserver() throws {
        guard let python = try Self.pythons.first(where: { try Self.minor($0) == 13 }) else { return }
        let lib = try Self.run(python, ["-c", "import multiprocessing, os; print(os.path.dirname(multiprocessing.__file__))"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let fm = FileManager.default
        func copy(_ name: String, ignoringPreloadError: Bool) throws -> String {
            let dir = NSTemporaryDirectory() + "proctutor-facts-\(name)-\(getpid())"
            try? fm.removeItem(atPath: dir)
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try fm.copyItem(atPath: lib, toPath: dir + "/multiprocessing")
            let path = dir + "/multiprocessing/forkserver.py"
            var s = try String(contentsOfFile: path, encoding: .utf8)
            let old = "                desired_keys = {'main_path', 'sys_path'}\n                data = spawn.get_preparation_data('ignore')\n                data = {x: y for x, y in data.items() if x in desired_keys}"
            let new = "                full = spawn.get_preparation_data('ignore')\n                data = {}\n                if 'sys_path' in full:\n                    data['sys_path'] = full['sys_path']\n                if 'init_main_from_path' in full:\n                    data['main_path'] = full['init_main_from_path']"
            #expect(s.contains(old))
            s = s.replacingOccurrences(of: old, with: new)
            if ignoringPreloadError {
                let o = "                spawn.import_main_path(main_path)\n            finally:"
                #expect(s.contains(o))
                s = s.replacingOccurrences(of: o, with: "                spawn.import_main_path(main_path)\n            except Exception:\n                pass\n            finally:")
            }
            try s.write(toFile: path, atomically: true, encoding: .utf8)
            return dir
        }
        let fixed = try copy("3141", ignoringPreloadError: false)
        let r = try Self.run(python, [Self.demo("05-broken-pool/original.py")],
                             env: ["PYTHONPATH": fixed + ":" + Self.forcing, "FORCE_MP_METHOD": "forkserver"], timeout: 10)
        #expect(!r.timedOut && r.code == 1, "3.14.1+: exit 1 at once")
        #expect(r.seconds < 3)
        #expect(!r.out.contains("--start--"))
        #expect(r.err.contains("EOFError"))
        let good = try Self.run(python, [Self.demo("05-broken-pool/fixed.py")],
                                env: ["PYTHONPATH": fixed + ":" + Self.forcing, "FORCE_MP_METHOD": "forkserver"], timeout: 15)
        #expect(Self.count(good.out, "执行时间") == 7)
        let v315 = try copy("315", ignoringPreloadError: true)
        let l = try Self.run(python, [Self.demo("05-broken-pool/original.py")],
                             env: ["PYTHONPATH": v315 + ":" + Self.forcing, "FORCE_MP_METHOD": "forkserver"], timeout: 2)
        #expect(l.timedOut, "3.15: the loop is back")
        #expect(l.out.contains("--start--"))
        #expect(Self.count(l.out, "运行中") == 0)
    }
}
