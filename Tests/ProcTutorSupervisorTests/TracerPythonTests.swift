import Foundation
import Glibc
import Testing
import TestSupport
@testable import ProcTutorSupervisor
import ProcTutorSystem

/// The tracer as Python code: the file the binary embeds, linted by pyflakes and unit-tested by Python itself
/// (`TracerPython/test_tracer.py`, `unittest`) on every installed interpreter 3.8–3.13 and the system's python3.
@Suite struct TracerPythonTests {
    static let tracerFile = Harness.packageRoot + "/Sources/ProcTutorSupervisor/Tracer/sitecustomize.py"
    static let unitTests = Harness.packageRoot + "/Tests/ProcTutorSupervisorTests/TracerPython/test_tracer.py"

    /// pyflakes as `scripts/install-deps --test` installs it (Debian's `pyflakes3`), or any `pyflakes` on PATH.
    static let pyflakes: String? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin"
        for dir in path.split(separator: ":") {
            for name in ["pyflakes3", "pyflakes"] where access("\(dir)/\(name)", X_OK) == 0 { return "\(dir)/\(name)" }
        }
        return nil
    }()

    /// The pyenv interpreters 3.8–3.13 the other suites use, and /usr/bin/python3.
    static let interpreters: [String] = {
        var all = Harness.pythons
        if access("/usr/bin/python3", X_OK) == 0 { all.append("/usr/bin/python3") }
        return all
    }()

    /// Runs `argv` with stdin from /dev/null, stdout and stderr into one file; returns the status and the text.
    static func run(_ argv: [String], env: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let out = Harness.folder() + "/output"
        TestFile.write(out)
        let fd = Glibc.open(out, O_WRONLY | O_CLOEXEC)
        defer { close(fd) }
        var environment = ProcessInfo.processInfo.environment
        for k in environment.keys where k.hasPrefix("PROCTUTOR_") || k.hasPrefix("PYTHON") { environment[k] = nil }
        environment.merge(env) { _, new in new }
        let pid = try Spawner.spawn(path: argv[0], argv: argv, env: environment.map { "\($0.key)=\($0.value)" },
                                    stdio: [.devNull, .fd(fd), .fd(fd)], newSession: true)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        return (status, text)
    }

    @Test func theBinaryEmbedsExactlyTheFile() throws {
        let file = try #require(FileManager.default.contents(atPath: Self.tracerFile), "\(Self.tracerFile) is missing")
        #expect(TracerSource.bytes == Array(file))
        #expect(TracerSource.sitecustomize.hasPrefix("# proctutor tracer."))
    }

    @Test(.enabled(if: pyflakes != nil,
                   "pyflakes is not installed here (scripts/install-deps --test installs pyflakes3; CI has it)"))
    func pyflakesFindsNothing() throws {
        let r = try Self.run([Self.pyflakes!, Self.tracerFile])
        #expect(r.status == 0 && r.output.isEmpty, "pyflakes on the tracer:\n\(r.output)")
        // The same linter on the unit tests, which exec the tracer's code.
        let t = try Self.run([Self.pyflakes!, Self.unitTests])
        #expect(t.status == 0 && t.output.isEmpty, "pyflakes on test_tracer.py:\n\(t.output)")
    }

    @Test(arguments: interpreters)
    func unitTestsPassOn(_ python: String) throws {
        let r = try Self.run([python, "-m", "unittest", "-v", "test_tracer"],
                             env: ["PYTHONPATH": (Self.unitTests as NSString).deletingLastPathComponent,
                                   "TRACER_PY": Self.tracerFile, "PYTHONDONTWRITEBYTECODE": "1"])
        #expect(r.status == 0, "\(python) -m unittest test_tracer:\n\(r.output)")
        // Every test ran: a test module that failed to load, or skipped everything, must not pass quietly.
        #expect(r.output.contains("OK") && !r.output.contains("skipped"), "\(python):\n\(r.output)")
    }
}
