import Foundation
import Glibc
import Testing

/// Programs a student could write (by mistake or on purpose) that attack the tool running them (issue 5): each
/// runs under the real `proctutor run` with real Python. Whatever they do, the run ends with a summary, nothing of
/// theirs survives, proctutor's memory stays bounded and nothing unsafe reaches the terminal.
@Suite("Hostile programs", .serialized, .timeLimit(.minutes(3)))
struct HostileProgramTests {
    /// Runs a fixture with `proctutor run --json`, waits for the end and for the tree to be gone.
    func run(_ fixture: String, _ args: [String] = [], options: [String] = [], timeout: Double = 90)
        throws -> (Spawned, JSONRun, Int32) {
        let p = try Spawned.proctutor(["run", Paths.fixture("hostile/" + fixture), "--json", "--raw"] + options
            + (args.isEmpty ? [] : ["--"] + args))
        let status = try p.wait(timeout: timeout)
        let events = try JSONRun(p.stdout)
        return (p, events, status)
    }

    @Test("a fork bomb is stopped at the process limit, killed whole, and the reason is shown")
    func forkBomb() throws {
        let (p, events, status) = try run("fork_bomb.py")
        defer { p.cleanUp() }
        #expect(events.stopReasons.contains("process-limit"), "stop reasons: \(events.stopReasons)")
        let detail = events.of("stopped").first?["detail"] as? String ?? ""
        #expect(detail.contains("256"), "the reason names the limit: \(detail)")
        #expect(events.summary != nil)
        #expect(status != 0)
        let left = p.survivors(after: 2)
        #expect(left.isEmpty, "fork bomb processes left: \(left.count)")
        let peak = events.summary?["max_alive"] as? Int ?? 0
        Figures.record("fork bomb: max alive \(peak) (limit 256), \(events.startedPIDs.count) processes seen, leaked \(left.count)")
    }

    @Test("--max-processes sets the limit")
    func processLimitOption() throws {
        let (p, events, _) = try run("fork_bomb.py", options: ["--max-processes", "20"])
        defer { p.cleanUp() }
        #expect(events.stopReasons.contains("process-limit"))
        let detail = events.of("stopped").first?["detail"] as? String ?? ""
        #expect(detail.contains("20"))
        #expect(p.survivors(after: 2).isEmpty)
    }

    @Test("processes that ignore SIGTERM are killed when the run is stopped", .timeLimit(.minutes(1)))
    func ignoresSIGTERM() throws {
        let (p, events, status) = try run("ignore_term.py", options: ["--timeout", "2"])
        defer { p.cleanUp() }
        #expect(status == 124)
        #expect(events.stopReasons == ["timeout"])
        #expect(events.startedPIDs.count == 4)
        #expect(events.exitedPIDs == events.startedPIDs, "every process has its exit")
        #expect(events.of("exit").allSatisfy { ($0["signal"] as? Int) == Int(SIGKILL) })
        #expect(p.survivors(after: 2).isEmpty)
    }

    @Test("a child that leaves the session with setsid() is still reported and stopped")
    func setsidEscape() throws {
        let (p, events, status) = try run("setsid_escape.py")
        defer { p.cleanUp() }
        #expect(status == 0, "the main process's own exit code")
        #expect(events.stopReasons == ["leftover"])
        #expect(events.startedPIDs.count == 2)
        #expect(events.exitedPIDs == events.startedPIDs)
        #expect(p.survivors(after: 2).isEmpty)
    }

    @Test("a double-forked daemon with every descriptor closed is found, reported and stopped")
    func doubleForkDaemon() throws {
        let (p, events, status) = try run("double_fork.py")
        defer { p.cleanUp() }
        #expect(status == 0)
        #expect(events.stopReasons == ["leftover"])
        #expect(events.startedPIDs.count == 3, "main, the intermediate child and the daemon")
        #expect(events.exitedPIDs == events.startedPIDs)
        #expect(p.survivors(after: 2).isEmpty)
    }

    // MARK: - Floods

    /// 100 MB written raw; through print() (the tracer's per-line path, slower) 30 MB in CI and
    /// `PROCTUTOR_FLOOD_MB` (scripts/soak: 100) otherwise.
    @Test("floods of output: every line arrives and proctutor's memory stays bounded", arguments: ["raw", "lines"])
    func flood(mode: String) throws {
        let mb = mode == "raw" ? 100 : FuzzSettings.count("PROCTUTOR_FLOOD_MB", default: 30)
        let (p, events, status) = try run("flood.py", [String(mb), mode], options: ["--timeout", "120"], timeout: 150)
        defer { p.cleanUp() }
        #expect(status == 0)
        #expect(!events.of("notice").contains { ($0["text"] as? String ?? "").contains("MB") },
                "nothing is cut any more")
        let err = events.of("output").filter { $0["stream"] as? String == "stderr" }.compactMap { $0["text"] as? String }
        #expect(err.contains("flood done"), "output after the flood still arrives")
        let raw = events.of("raw").filter { $0["stream"] as? String == "stdout" }.compactMap { $0["text"] as? String }
        #expect(raw.last == "LAST-LINE", "the last line of a flood is kept: \(raw.suffix(3))")
        let xs = raw.reduce(0) { $0 + ($1.hasPrefix("x") ? $1.utf8.count : 0) }
        #expect(xs == mb * 10486 * 99, "every byte of the flood is in the raw stream (\(xs))")
        if mode == "lines" {
            let own = events.of("output").filter { $0["stream"] as? String == "stdout" && ($0["pid"] as? Int) != nil }
            #expect(own.count == mb * 10486 + 1, "every line is attributed (\(own.count))")
        }
        #expect(p.peakMiB < Figures.rssBoundMiB, "peak RSS \(p.peakMiB) MiB")
        Figures.record(String(format: "flood %ld MB (%@): peak RSS %.1f MiB (proctutor and supervisor, VmHWM), %ld bytes of --json",
                              mb, mode, p.peakMiB, p.stdout.count))
    }

    @Test("a 10 MB line without a newline: memory stays bounded and the line arrives whole, in pieces")
    func longLine() throws {
        let (p, events, status) = try run("flood.py", ["10", "noline"])
        defer { p.cleanUp() }
        #expect(status == 0)
        #expect(p.peakMiB < Figures.rssBoundMiB, "peak RSS \(p.peakMiB) MiB")
        let ys = events.of("output").compactMap { $0["text"] as? String }.filter { $0.hasPrefix("yyyy") }
        #expect(!ys.isEmpty, "pieces of the long line are reported")
        #expect(ys.allSatisfy { $0.utf8.count <= 1 << 20 }, "no single event holds the whole 10 MB")
        #expect(ys.reduce(0) { $0 + $1.utf8.count } == 10 << 20, "every piece is attributed")
        let raw = events.of("raw").filter { $0["stream"] as? String == "stdout" }.compactMap { $0["text"] as? String }
        // Long lines come in pieces: the last pieces, together, end with it.
        #expect(raw.suffix(3).joined().hasSuffix("LAST-LINE"),
                "the end of the 10 MB line is kept: \(raw.suffix(3).map { $0.suffix(80) })")
        #expect(raw.reduce(0) { $0 + $1.utf8.count } == (10 << 20) + 9, "every byte is in the raw stream")
        Figures.record(String(format: "10 MB line without newline: peak RSS %.1f MiB", p.peakMiB))
    }

    // MARK: - The event channel

    @Test("garbage, floods, truncation and closing of the event channel: the run still works",
          arguments: ["garbage", "flood", "truncate", "close"])
    func channelAbuse(mode: String) throws {
        let (p, events, status) = try run("channel_abuse.py", [mode])
        defer { p.cleanUp() }
        #expect(status == 0)
        #expect(events.summary != nil)
        let out = events.of("output").compactMap { $0["text"] as? String }
        #expect(out.contains("main done"))
        #expect(out.contains("child alive") || mode == "truncate",
                "the child's output is attributed (after truncation the tracer's records may be lost)")
        #expect(events.startedPIDs.count >= 2, "the kernel still shows the child")
        #expect(events.exitedPIDs == events.startedPIDs)
        if mode == "garbage" || mode == "flood" {
            #expect(events.of("notice").contains { ($0["text"] as? String ?? "").contains("event channel") })
        }
        #expect(p.peakMiB < Figures.rssBoundMiB, "peak RSS \(p.peakMiB) MiB")
        #expect(p.survivors(after: 2).isEmpty)
    }

    @Test("a forged record about an outside process neither reports it nor kills it when the run stops")
    func forgedOutsider() throws {
        let outsider = try Spawned(["/bin/sleep", "600"])
        defer { outsider.cleanUp() }
        let (p, events, status) = try run("channel_abuse.py", ["forge", String(outsider.pid)], options: ["--timeout", "3"])
        defer { p.cleanUp() }
        #expect(status == 124)
        #expect(!events.startedPIDs.contains(Int(outsider.pid)), "the outsider was reported as part of the run")
        usleep(300_000)
        #expect(outsider.poll() == nil, "the outsider was killed by the stop (status \(outsider.poll() ?? -1))")
        #expect(p.survivors(after: 2).isEmpty)
    }
}

/// The figures the tests measure, appended to a file for docs/reliability.md (`$PROCTUTOR_FIGURES`, if set).
enum Figures {
    /// The memory bound the flood tests hold proctutor and its supervisor to.
    static let rssBoundMiB = 96.0

    static func record(_ line: String) {
        guard let path = ProcessInfo.processInfo.environment["PROCTUTOR_FIGURES"] else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
    }
}
