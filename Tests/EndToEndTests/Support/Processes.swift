import Foundation

/// What the kernel says about processes, read from /proc (no `ps` parsing).
enum Processes {
    /// Whether `pid` exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z"
    }

    /// The live processes whose session id is `sid` (a demo's main process leads its own session).
    static func inSession(_ sid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let s = stat(pid) else { return false }
            return s.session == sid && s.state != "Z"
        }
    }

    /// Live processes whose environment contains `entry` exactly (`NAME=value`).
    static func withEnvironmentEntry(_ entry: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let needle = Data(entry.utf8)
        return entries.compactMap(Int32.init).filter { pid in
            guard isAlive(pid), let env = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return env.split(separator: 0).contains { Data($0) == needle }
        }
    }

    /// Fields of /proc/PID/stat after the command name (which may contain spaces and parentheses).
    static func stat(_ pid: Int32) -> (state: Character, ppid: Int32, session: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 4, let state = fields[0].first, let ppid = Int32(fields[1]),
              let session = Int32(fields[3]) else { return nil }
        return (state, ppid, session)
    }

    /// Polls `condition` until it holds or `timeout` seconds pass; returns whether it held.
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    /// Waits until none of `pids` is alive; returns the ones still alive at the deadline.
    static func waitGone(_ pids: [Int32], timeout: Double) -> [Int32] {
        let deadline = Date().addingTimeInterval(timeout)
        var alive = pids.filter(isAlive)
        while !alive.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            alive = alive.filter(isAlive)
        }
        return alive
    }
}
