import Foundation

/// What `ps`, pkill and killall match a process by, read from /proc; shared by the targets that kill processes
/// the way those tools do.
public enum ProcessNames {
    /// The name pkill and killall match by default (`/proc/PID/comm`); nil if the process is gone.
    public static func name(_ pid: Int32) -> String? {
        FileManager.default.contents(atPath: "/proc/\(pid)/comm").map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
    }

    /// The pids among `pids` that `pkill PATTERN` would kill (`pkill -f PATTERN` with `commandLine`), in order:
    /// those whose name, or whole command line, contains `pattern`.
    public static func pkillMatches(_ pattern: String, among pids: [Int32], commandLine: Bool = false) -> [Int32] {
        pids.filter { ((commandLine ? Self.commandLine($0) : name($0)) ?? "").contains(pattern) }
    }

    /// The command line as `pkill -f` sees it: the arguments joined by spaces; nil if the process is gone.
    public static func commandLine(_ pid: Int32) -> String? {
        FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map {
            String(decoding: $0.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
    }
}
