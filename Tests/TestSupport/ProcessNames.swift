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

    /// The command line as `pkill -f` sees it: the arguments joined by spaces; nil if the process is gone.
    public static func commandLine(_ pid: Int32) -> String? {
        FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map {
            String(decoding: $0.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
    }
}
