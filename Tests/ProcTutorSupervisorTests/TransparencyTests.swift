import Foundation
import Glibc
import Testing
import TestSupport
@testable import ProcTutorSupervisor
@testable import ProcTutorSystem

/// The tracer must not change what it observes: the same stdout and stderr bytes and the same exit code as
/// without it, on every installed Python 3.8–3.13, under all three start methods, buffered and unbuffered.
@Suite struct TransparencyTests {
    /// The token the events file starts with (the supervisor makes a random one per run).
    static let channelToken = "proctutor-channel-transparency-tests"

    /// The tracer as the supervisor installs it: its own folder first on PYTHONPATH, an events file.
    static let tracerFolder: String = {
        let dir = Harness.folder()
        TestFile.write(dir + "/sitecustomize.py", Data(TracerSource.sitecustomize.utf8))
        TestFile.write(dir + "/events", Data((channelToken + "\n").utf8))
        return dir
    }()

    struct Outcome: Equatable {
        var stdout: Data
        var stderr: Data
        var status: Int32
    }

    /// Runs `python [-u] program args` with output to files (as a redirected terminal would get it).
    static func run(_ python: String, _ program: String, _ args: [String], traced: Bool, unbuffered: Bool,
                    extraPath: String? = nil) throws -> Outcome {
        let python = python.hasPrefix("/") ? python : PythonLocator.find(python, path: ProcessInfo.processInfo.environment["PATH"])!
        let dir = Harness.folder()
        let out = dir + "/out", err = dir + "/err"
        TestFile.write(out)
        TestFile.write(err)
        var env = ProcessInfo.processInfo.environment
        env["PYTHONUNBUFFERED"] = nil
        env["PYTHONPATH"] = extraPath
        for k in env.keys where k.hasPrefix("PROCTUTOR_") { env[k] = nil }
        if traced {
            env["PYTHONPATH"] = tracerFolder + (extraPath.map { ":" + $0 } ?? "")
            env["PROCTUTOR_EVENTS"] = tracerFolder + "/events"
            var st = stat()
            _ = stat(tracerFolder + "/events", &st)
            env["PROCTUTOR_EVENTS_ID"] = "\(Self.channelToken) \(st.st_dev):\(st.st_ino)"
            env["PROCTUTOR_SUPERVISOR"] = "1"
        }
        // Spawned like the supervisor spawns (empty signal mask, default dispositions): Foundation's Process
        // passes on the test runner's blocked SIGCHLD, and the 3.8/3.9 fork server then never sees its
        // children die.
        let outFD = Glibc.open(out, O_WRONLY | O_CLOEXEC), errFD = Glibc.open(err, O_WRONLY | O_CLOEXEC)
        defer { close(outFD); close(errFD) }
        let pid = try Spawner.spawn(path: python, argv: [python] + (unbuffered ? ["-u"] : []) + [program] + args,
                                    env: env.map { "\($0.key)=\($0.value)" },
                                    stdio: [.devNull, .fd(outFD), .fd(errFD)], newSession: true)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Outcome(stdout: FileManager.default.contents(atPath: out) ?? Data(),
                       stderr: FileManager.default.contents(atPath: err) ?? Data(),
                       status: status)
    }

    static let featureProgram = Harness.program("""
        import os, sys
        # The tracer stays in sys.modules as 'sitecustomize' (documented); nothing else may differ.
        print("modules", sorted(m for m in sys.modules if m != "sitecustomize"))
        import multiprocessing as mp
        print("path", [p for p in sys.path if "proctutor" in p], sys.meta_path == sys.meta_path)
        def work(x):
            print("work", x)
            sys.stderr.write("err %d\\n" % x)
            if x == 3:
                raise ValueError("three")
            return x * 2
        def child(n):
            print("child", n, end="")
            sys.stdout.write(" ü 你好\\n")
            sys.stdout.flush()
            sys.stdout.buffer.write(b"\\xff raw\\n")
            sys.exit(n)
        def crash():
            raise KeyError("in child")
        if __name__ == "__main__":
            mp.set_start_method(sys.argv[1])
            print("start", sys.argv[1:])
            sys.stdout.flush()
            p = mp.Process(target=child, args=(4,)); p.start(); p.join(); print("exit", p.exitcode)
            p = mp.Process(target=crash); p.start(); p.join(); print("exit", p.exitcode)
            with mp.Pool(1) as pool:
                print(pool.map(work, [1, 2]))
                try:
                    pool.apply(work, (3,))
                except ValueError as e:
                    print("caught", repr(e))
                r = pool.apply_async(work, (3,))
                r.wait()
                try:
                    r.get()
                except Exception:
                    import traceback; traceback.print_exc()
                print(list(pool.imap(work, [5, 6])))
                # The tracer adds no attribute (managers list an object's methods through dir()).
                r7 = pool.apply_async(work, (7,))
                r7.wait()
                print(sorted(n for n in dir(r7) if not n.startswith("__")))
                pool.close()  # without it, __exit__'s terminate() races the workers' last flush
                pool.join()
            print("os", os.waitpid.__name__, os._exit.__name__, mp.pool.worker.__name__)
            print("end", end="")
        """)

    /// ProcessPoolExecutor: results, a failure fetched by result() (its traceback printed) and by exception(),
    /// what a future lists, and at the end a failure nobody catches (exit 1, the interpreter's traceback).
    static let executorProgram = Harness.program("""
        import sys, traceback
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, wait
        def sq(x): return x * x
        def bad(x): return "%f" % x
        if __name__ == "__main__":
            # Waited for first: result() raises from the same line of _base.py every run.
            with ProcessPoolExecutor(1, mp_context=mp.get_context(sys.argv[1])) as ex:
                f = ex.submit(sq, 3)
                print(f.result(), list(ex.map(sq, range(3))))
                g = ex.submit(bad, "a")
                wait([g])
                try:
                    g.result()
                except TypeError:
                    traceback.print_exc()
                print(repr(g.exception()), g.done(), g.running(), g.cancelled())
                print(sorted(n for n in dir(g) if not n.startswith("__")))
                print(sorted(n for n in dir(ex) if not n.startswith("__")))
                h = ex.submit(bad, "b")
                wait([h])
                h.result()
        """)

    static let crashProgram = Harness.program("""
        import os, multiprocessing as mp
        def f(): print("child")
        if __name__ == "__main__":
            p = mp.Process(target=f); p.start(); p.join()
            print("partial", end="")
            {}["missing"]
        """)

    static let exitProgram = Harness.program("""
        import os, sys
        sys.stdout.write("no newline")
        sys.stdout.flush()
        os._exit(9)
        """)

    /// A failing os.wait(): the classic child that waits too, then a parent that waits once more than it has
    /// children. Both tracebacks must be the interpreter's own, without a line from the tracer.
    static let failingWaitProgram = Harness.program("""
        import os
        if os.fork() == 0:
            print("child", flush=True)
            os.wait()
        pid, status = os.wait()
        print("parent saw exit code", os.WEXITSTATUS(status))
        os.wait()
        """)

    static let cases: [(String, String)] = Harness.pythons.flatMap { py in
        ["fork", "spawn", "forkserver"].map { (py, $0) }
    }

    @Test(arguments: cases)
    func sameBytesAndStatus(_ python: String, _ method: String) throws {
        // Buffered main output is checked once per version (spawn children are always buffered).
        for unbuffered in method == "fork" ? [true, false] : [true] {
            let plain = try Self.run(python, Self.featureProgram, [method], traced: false, unbuffered: unbuffered)
            let traced = try Self.run(python, Self.featureProgram, [method], traced: true, unbuffered: unbuffered)
            #expect(plain.status == 0)
            #expect(String(decoding: traced.stdout, as: UTF8.self) == String(decoding: plain.stdout, as: UTF8.self),
                    "\(python) \(method) -u=\(unbuffered)")
            #expect(traced.stdout == plain.stdout)
            if traced != plain, let dump = ProcessInfo.processInfo.environment["PROCTUTOR_TEST_DUMP"] {
                let name = dump + "/" + python.split(separator: "/").dropLast(2).last! + "-" + method + (unbuffered ? "-u" : "")
                TestFile.write(name + ".plain.out", plain.stdout)
                TestFile.write(name + ".traced.out", traced.stdout)
                TestFile.write(name + ".plain.err", plain.stderr)
                TestFile.write(name + ".traced.err", traced.stderr)
            }
            #expect(String(decoding: traced.stderr, as: UTF8.self) == String(decoding: plain.stderr, as: UTF8.self),
                    "\(python) \(method) -u=\(unbuffered)")
            #expect(traced.status == plain.status)
        }
    }

    @Test(arguments: cases)
    func executorIsUnchanged(_ python: String, _ method: String) throws {
        let plain = try Self.run(python, Self.executorProgram, [method], traced: false, unbuffered: true)
        let traced = try Self.run(python, Self.executorProgram, [method], traced: true, unbuffered: true)
        #expect(plain.status == 1 << 8)
        #expect(String(decoding: traced.stdout, as: UTF8.self) == String(decoding: plain.stdout, as: UTF8.self),
                "\(python) \(method)")
        #expect(String(decoding: traced.stderr, as: UTF8.self) == String(decoding: plain.stderr, as: UTF8.self),
                "\(python) \(method)")
        #expect(traced.status == plain.status)
    }

    @Test(arguments: Harness.pythons)
    func exceptionsAndExitCodesAreUnchanged(_ python: String) throws {
        for program in [Self.crashProgram, Self.exitProgram, Self.failingWaitProgram] {
            let plain = try Self.run(python, program, [], traced: false, unbuffered: true)
            let traced = try Self.run(python, program, [], traced: true, unbuffered: true)
            #expect(traced == plain, "\(python) \(program)")
            #expect(plain.status != 0)
        }
    }

    @Test func anotherSitecustomizeStillRuns() throws {
        let other = Harness.folder()
        TestFile.write(other + "/sitecustomize.py", Data("import sys\nsys.stderr.write('user sitecustomize\\n')\n".utf8))
        let program = Harness.program("import sitecustomize, sys\nprint(sitecustomize.__file__.endswith('/sitecustomize.py'), len(sys.path) > 0)\n")
        let plain = try Self.run("python3", program, [], traced: false, unbuffered: true,
                                 extraPath: other)
        let traced = try Self.run("python3", program, [], traced: true, unbuffered: true,
                                  extraPath: other)
        #expect(String(decoding: plain.stderr, as: UTF8.self) == "user sitecustomize\n")
        #expect(traced == plain)
    }

    @Test func silentWithoutItsChannel() throws {
        // The variables point at a file that is not the channel (an fd or file reused): nothing may be printed.
        let program = Harness.program("import os\nif os.fork() == 0:\n    print('child')\n    os._exit(0)\nos.wait()\nprint('done')\n")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-u", program]
        var env = ProcessInfo.processInfo.environment
        env["PYTHONPATH"] = Self.tracerFolder
        env["PROCTUTOR_EVENTS"] = "/nonexistent/events"
        env["PROCTUTOR_EVENTS_ID"] = Self.channelToken + " 1:2"
        p.environment = env
        let pipe = Pipe(), errPipe = Pipe()
        p.standardOutput = pipe
        p.standardError = errPipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(String(decoding: out, as: UTF8.self) == "child\ndone\n")
        #expect(err.isEmpty)
        #expect(p.terminationStatus == 0)
    }
}
