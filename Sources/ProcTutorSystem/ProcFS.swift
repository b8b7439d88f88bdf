import Glibc
import ProcTutorCore

/// Reads what Linux says about processes in `/proc`.
public enum ProcFS {
    /// The interesting fields of `/proc/PID/stat`.
    public struct Stat: Sendable {
        public var pid: PID
        public var command: String
        /// R, S, D, T, t, Z, X, I …
        public var state: Character
        public var ppid: PID
        /// Field 52: the wait status, valid while the process is a zombie.
        public var exitStatus: Int32?

        public var procState: ProcState {
            switch state {
            case "R": .running
            case "T", "t": .stopped
            case "Z", "X": .zombie
            default: .sleeping
            }
        }
    }

    /// Reads a file whole, up to `limit` bytes, or nil. The buffer grows with what the file holds (4 KB reads),
    /// so a generous limit (an environment may be large) costs nothing for the usual small file.
    public static func read(_ path: String, limit: Int = 4096) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(limit, 4096))
        while result.count < limit {
            let want = min(chunk.count, limit - result.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, want) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            result += chunk[0..<n]
        }
        return result.isEmpty ? nil : result
    }

    public static func stat(_ pid: PID) -> Stat? {
        guard let bytes = read("/proc/\(pid)/stat") else { return nil }
        return parseStat(bytes)
    }

    /// Parses `pid (comm) S ppid …`; comm may hold spaces and parentheses, so fields start after the last `)`.
    /// Byte-level: it runs for every process of the machine on each walk.
    public static func parseStat(_ bytes: [UInt8]) -> Stat? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")),
              let close = bytes.lastIndex(of: UInt8(ascii: ")")), close > open
        else { return nil }
        var pid: PID = 0
        for b in bytes[..<open] where b >= 0x30 && b <= 0x39 { pid = pid &* 10 &+ PID(b - 0x30) }
        // Fields after ")": field 3 is the state, 4 the ppid, 52 the exit status.
        var field = 2
        var i = close + 1
        var state: Character = "?"
        var ppid: PID = -1
        var exitStatus: Int32?
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
            guard i < bytes.count else { break }
            field += 1
            let start = i
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x0A { i += 1 }
            switch field {
            case 3: state = Character(Unicode.Scalar(bytes[start]))
            case 4, 52:
                var v: Int32 = 0
                var neg = false
                for b in bytes[start..<i] {
                    if b == UInt8(ascii: "-") { neg = true } else { v = v &* 10 &+ Int32(b &- 0x30) }
                }
                if field == 4 { ppid = neg ? -v : v } else { exitStatus = neg ? -v : v }
            default: break
            }
            if field >= 52 { break }
        }
        guard ppid >= 0, state != "?" else { return nil }
        let command = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
        return Stat(pid: pid, command: command, state: state, ppid: ppid, exitStatus: exitStatus)
    }

    /// The pid of every process on the machine, as `/proc` lists them.
    public static func pids() -> [PID] {
        var result: [PID] = []
        guard let dir = opendir("/proc") else { return result }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let first = name.utf8.first, first >= 0x30, first <= 0x39, let pid = PID(name) { result.append(pid) }
        }
        return result
    }

    /// Every process's stat, by pid.
    public static func all() -> [PID: Stat] {
        var result: [PID: Stat] = [:]
        for pid in pids() {
            if let s = stat(pid) { result[pid] = s }
        }
        return result
    }

    /// All descendants of `root` (children, grandchildren, …), zombies included.
    public static func descendants(of root: PID) -> [Stat] {
        let table = all()
        var children: [PID: [PID]] = [:]
        for (pid, s) in table { children[s.ppid, default: []].append(pid) }
        var result: [Stat] = []
        var queue = children[root] ?? []
        var seen = Set<PID>()
        while let pid = queue.popLast() {
            guard seen.insert(pid).inserted, let s = table[pid] else { continue }
            result.append(s)
            queue.append(contentsOf: children[pid] ?? [])
        }
        return result
    }

    /// Whether `pid` is a live process that does not descend from `root` (its parent chain never reaches it).
    /// A process that does not exist, or is a zombie, is not an outsider: it can no longer be harmed.
    public static func isOutsider(_ pid: PID, of root: PID) -> Bool {
        guard pid > 0, pid != root, let s = stat(pid), s.state != "Z", s.state != "X" else { return false }
        var parent = s.ppid
        for _ in 0..<4096 {
            if parent == root { return false }
            if parent <= 1 { return true }
            guard let p = stat(parent) else { return true }
            parent = p.ppid
        }
        return true
    }

    /// Every process whose environment, as it was exec'd, holds exactly `entry` (`NAME=value`).
    ///
    /// Finds what no parent chain leads to any more: a process that left the session with `setsid()` and whose
    /// subreaper is gone. Processes of other users cannot be read and are not listed.
    public static func processes(withEnvironmentEntry entry: String) -> [PID] {
        let wanted = Array(entry.utf8)
        return pids().filter { pid in
            guard let environ = read("/proc/\(pid)/environ", limit: 1 << 20) else { return false }
            return environ.split(separator: 0, omittingEmptySubsequences: true).contains { $0.elementsEqual(wanted) }
        }
    }

    /// Whether the process's executable looks like a Python interpreter.
    public static func isPython(_ pid: PID) -> Bool {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/\(pid)/exe", &buf, buf.count - 1)
        guard n > 0 else { return false }
        let path = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasPrefix("python")
    }
}
