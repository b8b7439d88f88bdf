import Foundation
import Glibc

/// A `proctutor` (or any) process started by a test in its own process group, with its output in files, a
/// unique marker in its environment to find every process it leads to, and its peak memory sampled from /proc.
final class Spawned {
    let pid: pid_t
    let directory: String
    let marker: String
    var stdoutPath: String { directory + "/stdout" }
    var stderrPath: String { directory + "/stderr" }
    private(set) var status: Int32?
    /// Highest VmHWM (peak resident set, KiB) seen for the process itself and for its children (the supervisor).
    private(set) var peakKiB: [pid_t: Int] = [:]

    /// Starts `argv` with the test's environment plus `environment`, stdin from /dev/null; `closedStdout`: with
    /// descriptor 1 closed (`>&-`).
    init(_ argv: [String], environment: [String: String] = [:], directory: String? = nil, stdin: String = "/dev/null",
         closedStdout: Bool = false) throws {
        let dir = try directory ?? Paths.scratch("run")
        self.directory = dir
        marker = "PROCTUTOR_REL_MARK=\(UUID().uuidString)"
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        var envList = env.map { "\($0.key)=\($0.value)" }
        envList.append(marker)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        if closedStdout {
            posix_spawn_file_actions_addclose(&actions, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, dir + "/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        posix_spawn_file_actions_addopen(&actions, 2, dir + "/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // Its own process group: a "Ctrl-C" is a SIGINT to the group, as a terminal would send it.
        posix_spawnattr_setpgroup(&attr, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        var dflt = sigset_t()
        sigemptyset(&dflt)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&dflt, s) }
        posix_spawnattr_setsigdefault(&attr, &dflt)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envList.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, &attr, cArgs, cEnv)
        guard rc == 0 else { throw TestFailure("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// Starts `proctutor ARGUMENTS`.
    static func proctutor(_ arguments: [String], environment: [String: String] = [:], stdin: String = "/dev/null",
                          closedStdout: Bool = false) throws -> Spawned {
        try Spawned([try Paths.binary()] + arguments, environment: environment, stdin: stdin, closedStdout: closedStdout)
    }

    var stdout: Data { FileManager.default.contents(atPath: stdoutPath) ?? Data() }
    var stderr: String { String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self) }
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    func signal(_ sig: Int32) { kill(pid, sig) }
    /// What a terminal does on Ctrl-C: the signal to the whole foreground group.
    func signalGroup(_ sig: Int32) { kill(-pid, sig) }

    /// Waits until the stdout file contains `text` (the process must still be running), sampling memory.
    func waitForOutput(_ text: String, timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            sample()
            if stdoutText.contains(text) { return }
            if status != nil || poll() != nil {
                throw TestFailure("exited (status \(status!)) before printing \(text.debugDescription); stdout:\n"
                    + stdoutText.suffix(2000) + "\nstderr:\n" + stderr)
            }
            usleep(20_000)
        }
        throw TestFailure("no \(text.debugDescription) after \(timeout) s; stdout:\n\(stdoutText.suffix(2000))")
    }

    /// Reaps the process if it has ended; its exit code, or 128+N for signal N.
    @discardableResult
    func poll() -> Int32? {
        if let status { return status }
        var st: Int32 = 0
        guard waitpid(pid, &st, WNOHANG) == pid else { return nil }
        status = (st & 0x7F) == 0 ? (st >> 8) & 0xFF : 128 + (st & 0x7F)
        return status
    }

    /// Waits for the end (sampling memory meanwhile); kills the group with SIGKILL at the deadline and fails.
    @discardableResult
    func wait(timeout: Double = 60) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = poll() { return s }
            sample()
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = try? waitBlocking()
        throw TestFailure("still running after \(timeout) s; stdout tail:\n\(stdoutText.suffix(2000))\nstderr:\n\(stderr)")
    }

    private func waitBlocking() throws -> Int32 {
        var st: Int32 = 0
        waitpid(pid, &st, 0)
        status = (st & 0x7F) == 0 ? (st >> 8) & 0xFF : 128 + (st & 0x7F)
        return status!
    }

    /// Records the peak resident set of the process and of its direct children.
    func sample() {
        guard status == nil else { return }
        for p in [pid] + ProcTable.children(of: pid) {
            if let hwm = ProcTable.peakRSSKiB(p) { peakKiB[p] = max(peakKiB[p] ?? 0, hwm) }
        }
    }

    /// The highest peak of any one of the sampled processes, in MiB.
    var peakMiB: Double { Double(peakKiB.values.max() ?? 0) / 1024 }

    /// Live processes (not zombies) that carry this run's marker, i.e. everything it started that still runs.
    func survivors() -> [pid_t] {
        ProcTable.withEnvironmentEntry(marker).filter { $0 != pid }
    }

    /// Waits up to `timeout` seconds for every marked process to be gone; returns those left.
    func survivors(after timeout: Double) -> [pid_t] {
        let deadline = Date().addingTimeInterval(timeout)
        var left = survivors()
        while !left.isEmpty && Date() < deadline {
            usleep(20_000)
            left = survivors()
        }
        return left
    }

    /// Kills whatever is left (after a failed test) and removes the scratch folder.
    func cleanUp() {
        if status == nil { kill(-pid, SIGKILL); kill(pid, SIGKILL); _ = try? waitBlocking() }
        for p in survivors() { kill(p, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// What /proc says about processes.
enum ProcTable {
    static func pids() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(pid_t.init)
    }

    /// State letter and parent, from /proc/PID/stat (the command may hold spaces and parentheses).
    static func stat(_ pid: pid_t) -> (state: Character, ppid: pid_t, pgrp: pid_t, session: pid_t)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let f = text[text.index(after: close)...].split(separator: " ")
        guard f.count > 4, let s = f[0].first, let ppid = pid_t(f[1]), let pgrp = pid_t(f[2]),
              let sid = pid_t(f[3]) else { return nil }
        return (s, ppid, pgrp, sid)
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        guard let s = stat(pid) else { return false }
        return s.state != "Z" && s.state != "X"
    }

    static func children(of parent: pid_t) -> [pid_t] {
        pids().filter { stat($0)?.ppid == parent }
    }

    /// VmHWM of a live process, in KiB.
    static func peakRSSKiB(_ pid: pid_t) -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/status") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ")[1])
        }
        return nil
    }

    static func withEnvironmentEntry(_ entry: String) -> [pid_t] {
        let needle = Data(entry.utf8)
        return pids().filter { pid in
            guard isAlive(pid), let env = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return env.split(separator: 0).contains { Data($0) == needle }
        }
    }
}
