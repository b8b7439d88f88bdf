import Glibc
import ProcTutorCore

/// Reads what Linux says about processes in `/proc`.
enum ProcFS {
    /// The interesting fields of `/proc/PID/stat`.
    struct Stat {
        var pid: PID
        var command: String
        /// R, S, D, T, t, Z, X, I …
        var state: Character
        var ppid: PID
        /// Field 52: the wait status, valid while the process is a zombie.
        var exitStatus: Int32?

        var procState: ProcState {
            switch state {
            case "R": .running
            case "T", "t": .stopped
            case "Z", "X": .zombie
            default: .sleeping
            }
        }
    }

    /// Reads a small file whole, or nil.
    static func read(_ path: String, limit: Int = 4096) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: limit)
        var total = 0
        while total < limit {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, limit - total) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            total += n
        }
        return total > 0 ? Array(buf[0..<total]) : nil
    }

    static func stat(_ pid: PID) -> Stat? {
        guard let bytes = read("/proc/\(pid)/stat") else { return nil }
        return parseStat(bytes)
    }

    /// Parses `pid (comm) S ppid …`; comm may hold spaces and parentheses, so fields start after the last `)`.
    static func parseStat(_ bytes: [UInt8]) -> Stat? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")),
              let close = bytes.lastIndex(of: UInt8(ascii: ")")), close > open,
              let pid = PID(String(decoding: bytes[..<open], as: UTF8.self).trimmingSpaces())
        else { return nil }
        let command = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
        let rest = String(decoding: bytes[(close + 1)...], as: UTF8.self).split(separator: " ")
        // rest[0] is field 3 (state); field N is rest[N - 3].
        guard rest.count >= 2, let state = rest[0].first, let ppid = PID(rest[1]) else { return nil }
        var exitStatus: Int32?
        if rest.count >= 50 { exitStatus = Int32(rest[49].trimmingSpaces()) }
        return Stat(pid: pid, command: command, state: state, ppid: ppid, exitStatus: exitStatus)
    }

    /// Every process's stat, by pid.
    static func all() -> [PID: Stat] {
        var result: [PID: Stat] = [:]
        guard let dir = opendir("/proc") else { return result }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let first = name.utf8.first, first >= 0x30, first <= 0x39, let pid = PID(name),
                  let s = stat(pid) else { continue }
            result[pid] = s
        }
        return result
    }

    /// All descendants of `root` (children, grandchildren, …), zombies included.
    static func descendants(of root: PID) -> [Stat] {
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
    static func isOutsider(_ pid: PID, of root: PID) -> Bool {
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

    /// Whether the process's executable looks like a Python interpreter.
    static func isPython(_ pid: PID) -> Bool {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/\(pid)/exe", &buf, buf.count - 1)
        guard n > 0 else { return false }
        let path = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasPrefix("python")
    }
}

/// Splits a wait status into an exit code or a signal number.
func decodeWaitStatus(_ status: Int32) -> (code: Int?, signal: Int?) {
    let low = status & 0x7F
    if low == 0 { return (Int((status >> 8) & 0xFF), nil) }
    if low != 0x7F { return (nil, Int(low)) }
    return (nil, nil)
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(self).trimmingCharacters(in: [" ", "\n", "\t"])
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// Seconds on CLOCK_MONOTONIC, the clock Python's `time.monotonic()` reads: shared by all processes.
func monotonicNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
