import Foundation
import Glibc
import Testing

/// The kernel as the oracle: each program of `Fixtures/oracle/` runs as `strace -f -e trace=process proctutor run
/// PROG --json` (the same run seen by both: same pids) and as plain `python3 -u PROG`. Every process the kernel
/// created under the program (clone/clone3/fork/vfork that succeeded, threads excluded) must be reported once,
/// with the kernel's parent and the kernel's end; no other process may be reported; the output lines per stream
/// and the exit code must be those of the plain run. What is known to escape is listed in `expectedMisses`, with
/// why: the test fails on a miss not listed, and on a listed miss that no longer happens, so the list stays true.
///
/// One interpreter by default (`$PROCTUTOR_PYTHON`, else `python3`); `PROCTUTOR_ORACLE_PYTHONS=all`: every 3.8–3.13
/// under ~/.pyenv/versions. Needs strace (`scripts/install-deps --test`).
@Suite(.enabled(if: straceExecutable != nil, "strace is not installed (scripts/install-deps --test)"))
struct StraceOracleTests {
    static var strace: String? { straceExecutable }
    static let folder = Paths.fixture("oracle")

    /// Misses the engine has, by case, and why. A run is re-run up to twice before its misses count as
    /// different from these (a short-lived process is sometimes caught by the /proc walk, sometimes not).
    static let expectedMisses: [String: (misses: Set<String>, why: String)] = [
        "os_system": (["process sh", "output stdout: one"],
                      "system() starts sh with clone3(CLONE_VFORK) and reaps it in C (not the wrapped os.waitpid); sh "
                        + "lives ~1 ms, under the 250 ms /proc walk. Its stdout line is raw-only: the stream is attributed"),
        "shell_pipeline": (["process echo", "process tr"],
                           "the shell is Popen's (announced by its waitpid); its pipeline's children live ~1 ms, no tracer"),
        "exec_after_fork": (["output stdout: exec says hi"],
                            "the exec'd /bin/echo writes on a stream the tracer has attributed lines on: raw stream only"),
        "main_execs_shell": (["process echo", "output stdout: from sh"],
                             "after the main program execs sh, sh's /bin/echo lives ~1 ms; its line is raw-only (as above)"),
    ]

    static func python() throws -> [String] {
        if ProcessInfo.processInfo.environment["PROCTUTOR_ORACLE_PYTHONS"] == "all" {
            let root = (ProcessInfo.processInfo.environment["HOME"] ?? "/root") + "/.pyenv/versions"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
            var found: [String] = []
            for n in names {
                let parts = n.split(separator: ".")
                guard parts.count == 3, parts[0] == "3", let minor = Int(parts[1]), (8...13).contains(minor) else { continue }
                let exe = root + "/" + n + "/bin/python3"
                if access(exe, X_OK) == 0 { found.append(exe) }
            }
            if !found.isEmpty { return found }
        }
        let chosen = ProcessInfo.processInfo.environment["PROCTUTOR_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        // The interpreter behind a pyenv shim: strace and the plain run must run the very same one.
        let run = try Spawned(["/usr/bin/env", chosen, "-c", "import sys; sys.stdout.write(sys.executable)"])
        _ = try run.wait(timeout: 30)
        return [run.stdoutText]
    }

    struct Outcome {
        var name: String
        var python: String
        var misses: Set<String>
        var processes: Int
    }

    @Test func everyProcessTheKernelMadeIsReported() throws {
        let programs = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".py") }.sorted()
        #expect(programs.count >= 40)
        let pythons = try Self.python()
        let cases = pythons.flatMap { py in programs.map { (py, $0) } }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let (python, program) = cases[i]
            let name = String(program.dropLast(3))
            let expected = Self.expectedMisses[name]?.misses ?? []
            var outcome = Outcome(name: name, python: python, misses: ["did not run"], processes: 0)
            for _ in 0..<3 {
                do { outcome = try Self.check(name: name, python: python) } catch {
                    outcome.misses = ["error: \(error)"]
                }
                if outcome.misses == expected { break }
            }
            results.add(outcome)
        }
        var exact = 0, missed = 0
        for o in results.all.sorted(by: { ($0.python, $0.name) < ($1.python, $1.name) }) {
            let expected = Self.expectedMisses[o.name]?.misses ?? []
            if o.misses.isEmpty { exact += 1 } else { missed += 1 }
            let unexpected = o.misses.subtracting(expected), fixed = expected.subtracting(o.misses)
            #expect(unexpected.isEmpty, "\(o.name) (\(o.python)): not in expectedMisses: \(unexpected.sorted())")
            #expect(fixed.isEmpty, "\(o.name) (\(o.python)): no longer missed, take it out of expectedMisses: \(fixed.sorted())")
            print("oracle \(o.name) [\(o.python.split(separator: "/").dropLast(2).last ?? "")]: \(o.processes) processes, "
                  + (o.misses.isEmpty ? "exact" : o.misses.sorted().joined(separator: "; ")))
        }
        print("oracle: \(results.all.count) cases, \(exact) exact, \(missed) with misses")
    }

    static let signals = ["SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGABRT": 6, "SIGBUS": 7, "SIGFPE": 8,
                          "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12, "SIGPIPE": 13, "SIGALRM": 14,
                          "SIGTERM": 15]

    /// One program on one interpreter: the misses found (empty: exact).
    static func check(name: String, python: String) throws -> Outcome {
        let program = folder + "/" + name + ".py"
        let plain = try Spawned([python, "-u", program])
        let plainStatus = try plain.wait(timeout: 60)

        let dir = try Paths.scratch("oracle")
        let trace = dir + "/trace"
        let traced = try Spawned([strace!, "-f", "-q", "--seccomp-bpf", "-e", "trace=process", "-o", trace,
                                  try Paths.binary(), "run", program, "--json", "--python", python], directory: dir)
        let status = try traced.wait(timeout: 90)
        let run = try JSONRun(traced.stdout)
        let kernel = StraceLog(text: (try? String(contentsOfFile: trace, encoding: .utf8)) ?? "")

        var misses: Set<String> = []
        if status != plainStatus { misses.insert("exit code \(status), plain \(plainStatus)") }
        let starts = run.of("start")
        guard let main = starts.first(where: { $0["method"] as? String == "main" })?["pid"] as? Int else {
            return Outcome(name: name, python: python, misses: ["no main process reported"], processes: 0)
        }
        let processes = kernel.tree(from: main)
        var reported: [Int: [[String: Any]]] = [:]
        for s in starts { if let pid = s["pid"] as? Int { reported[pid, default: []].append(s) } }
        var exits: [Int: [String: Any]] = [:]
        for e in run.of("exit") { if let pid = e["pid"] as? Int { exits[pid] = e } }
        for p in processes {
            let what = p.program.map { $0.hasPrefix("python") ? "python" : $0 } ?? "python"
            guard let mine = reported[p.pid] else {
                misses.insert("process \(what)")
                continue
            }
            if mine.count > 1 { misses.insert("duplicate \(what)") }
            if let parent = p.parent, mine[0]["ppid"] as? Int != parent { misses.insert("parent \(what)") }
            let e = exits[p.pid]
            let ok = p.signal.map { e?["signal"] as? Int == signals[$0] } ?? (e?["code"] as? Int == p.exitCode)
            if !ok { misses.insert("exit \(what)") }
        }
        let known = Set(processes.map(\.pid))
        for pid in reported.keys where !known.contains(pid) { misses.insert("phantom process") }

        for (stream, text) in [("stdout", plain.stdoutText), ("stderr", plain.stderr)] {
            var want = lines(text)
            for o in run.of("output") where o["stream"] as? String == stream {
                let line = o["text"] as? String ?? ""
                if let i = want.firstIndex(of: line) { want.remove(at: i) } else { misses.insert("extra output \(stream)") }
            }
            for line in want.prefix(3) { misses.insert("output \(stream): \(line.prefix(60))") }
            if want.count > 3 { misses.insert("output \(stream): \(want.count) lines missing") }
        }
        try? FileManager.default.removeItem(atPath: dir)
        return Outcome(name: name, python: python, misses: misses, processes: processes.count)
    }

    /// The lines of a stream as the events carry them: a last line without newline is a line, and a line
    /// longer than 4,000 characters goes out as records of 4,000 (docs/engine.md).
    static func lines(_ text: String) -> [String] {
        var parts = text.components(separatedBy: "\n")
        if parts.last == "" { parts.removeLast() }
        return parts.flatMap { line -> [String] in
            let scalars = Array(line.unicodeScalars)
            guard scalars.count > 4000 else { return [line] }
            return stride(from: 0, to: scalars.count, by: 4000).map {
                String(String.UnicodeScalarView(scalars[$0..<min($0 + 4000, scalars.count)]))
            }
        }
    }
}

let straceExecutable: String? = ["/usr/bin/strace", "/bin/strace"].first { access($0, X_OK) == 0 }

/// Outcomes gathered from the concurrent checks.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [StraceOracleTests.Outcome] = []
    func add(_ o: StraceOracleTests.Outcome) { lock.lock(); outcomes.append(o); lock.unlock() }
    var all: [StraceOracleTests.Outcome] { lock.lock(); defer { lock.unlock() }; return outcomes }
}
