import Foundation
import Glibc
import ProcTutorCore
@testable import ProcTutorSupervisor
@testable import ProcTutorSystem
import TestSupport

/// Runs small Python programs under the real supervisor and collects what it reports.
enum Harness {
    /// The package root (for the lessons' demos).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The built `proctutor` executable beside the test bundle (`swift build` builds it; see docs/engine.md), or
    /// the one `PROCTUTOR_TEST_BINARY` names.
    static let proctutor: String = {
        let found = BuiltBinary.locate(packageRoot: URL(fileURLWithPath: packageRoot))
        return found.path ?? found.tried[0]
    }()

    /// Whether the suites that need the binary run: a binary named by `PROCTUTOR_TEST_BINARY` is never skipped,
    /// so a wrong path fails instead of passing silently.
    static var haveProctutor: Bool {
        access(proctutor, X_OK) == 0 || ProcessInfo.processInfo.environment[BuiltBinary.overrideVariable] != nil
    }

    /// A fresh folder for one test's programs.
    static func folder() -> String { ScratchFolder.make("test") }

    /// Writes `source` into a new file and returns its path.
    static func program(_ source: String, name: String = "prog.py") -> String {
        let path = folder() + "/" + name
        TestFile.write(path, Data(source.utf8))
        return path
    }

    struct Result {
        var events: [Event]
        var supervisor: PID

        var summary: Summary? {
            if case let .summary(s) = events.last?.kind { return s }
            return nil
        }

        /// pid → (ppid, name, method, parent)
        var starts: [PID: (ppid: PID, name: String?, method: StartMethod, parent: PID?)] {
            var d: [PID: (ppid: PID, name: String?, method: StartMethod, parent: PID?)] = [:]
            for e in events {
                if case let .start(pid, ppid, name, method, parent) = e.kind { d[pid] = (ppid, name, method, parent) }
            }
            return d
        }

        var startCount: [PID: Int] {
            var d: [PID: Int] = [:]
            for e in events { if case let .start(pid, _, _, _, _) = e.kind { d[pid, default: 0] += 1 } }
            return d
        }

        var exits: [PID: (code: Int?, signal: Int?)] {
            var d: [PID: (code: Int?, signal: Int?)] = [:]
            for e in events { if case let .exit(pid, code, signal) = e.kind { d[pid] = (code, signal) } }
            return d
        }

        var exitCount: [PID: Int] {
            var d: [PID: Int] = [:]
            for e in events { if case let .exit(pid, _, _) = e.kind { d[pid, default: 0] += 1 } }
            return d
        }

        var reaped: [PID: PID] {
            var d: [PID: PID] = [:]
            for e in events { if case let .reaped(pid, by) = e.kind { d[pid] = by } }
            return d
        }

        var mainPID: PID? { starts.first { $0.value.method == .main }?.key }

        /// Attributed output lines (pid, text).
        var lines: [(pid: PID?, stream: ProcTutorCore.OutputStream, text: String)] {
            events.compactMap { if case let .output(pid, s, text) = $0.kind { (pid, s, text) } else { nil } }
        }

        /// Lines `PID <pid> <ppid> [tag]` the programs print about themselves, as each process saw it.
        var selfReports: [(pid: PID, ppid: PID, tag: String, by: PID?)] {
            lines.compactMap { line in
                let parts = line.text.split(separator: " ")
                guard parts.count >= 3, parts[0] == "PID", let pid = PID(parts[1]), let ppid = PID(parts[2])
                else { return nil }
                return (pid, ppid, parts.count > 3 ? String(parts[3]) : "", line.pid)
            }
        }

        func index(of predicate: (Event.Kind) -> Bool) -> Int? { events.firstIndex { predicate($0.kind) } }
    }

    /// Runs a program to the end under the supervisor (at most `limit` seconds of waiting).
    static func run(_ path: String, arguments: [String] = [], python: String? = nil, method: StartMethod? = nil,
                    timeout: Double? = 30, timeScale: Double? = nil, maxProcesses: Int = 256,
                    limit: Double = 60, onEvent: ((Event, SupervisedRun) -> Void)? = nil) throws -> Result {
        let config = RunConfig(program: path, arguments: arguments, python: python, startMethod: method,
                               timeout: timeout, timeScale: timeScale, maxProcesses: maxProcesses,
                               supervisorExecutable: proctutor)
        let run = try SupervisedRun(config: config)
        var events: [Event] = []
        let deadline = Clock.monotonic() + limit
        while !run.isFinished, Clock.monotonic() < deadline {
            var p = pollfd(fd: run.fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 200)
            for e in run.drain() {
                events.append(e)
                onEvent?(e, run)
            }
        }
        return Result(events: events, supervisor: run.supervisorPID)
    }

    /// Whether a process exists (zombies count as gone: they no longer run).
    static func isRunning(_ pid: PID) -> Bool {
        guard let s = ProcFS.stat(pid) else { return false }
        return s.state != "Z" && s.state != "X"
    }

    /// Installed interpreters 3.8–3.13 under ~/.pyenv/versions (one per minor version), plus python3.
    static let pythons: [String] = {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        let root = home + "/.pyenv/versions"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        var byMinor: [String: String] = [:]
        for n in names {
            let parts = n.split(separator: ".")
            guard parts.count == 3, parts[0] == "3", let minor = Int(parts[1]), (8...13).contains(minor) else { continue }
            let exe = "\(root)/\(n)/bin/python3"
            if access(exe, X_OK) == 0 { byMinor["3.\(minor)"] = exe }
        }
        return byMinor.keys.sorted { Int($0.dropFirst(2))! < Int($1.dropFirst(2))! }.map { byMinor[$0]! }
    }()
}

/// The preamble of the test programs: `report(tag)` prints `PID <pid> <ppid> <tag>` from the calling process.
let reportHelper = """
import os, sys, time
def report(tag=""):
    print("PID %d %d %s" % (os.getpid(), os.getppid(), tag), flush=True)

"""
