import ProcTutorCore

/// Small text formats shared by the panes.
enum Format {
    /// Seconds as `0.25s`, `12.3s`, `2m05s`: short, and precise where the difference matters.
    static func seconds(_ t: Double) -> String {
        let t = max(0, t)
        if t < 10 {
            let c = Int((t * 100).rounded())
            return "\(c / 100).\(c % 100 < 10 ? "0" : "")\(c % 100)s"
        }
        if t < 60 {
            let d = Int((t * 10).rounded())
            return "\(d / 10).\(d % 10)s"
        }
        let s = Int(t.rounded())
        return "\(s / 60)m\(s % 60 < 10 ? "0" : "")\(s % 60)s"
    }

    /// Seconds to the millisecond under 10 s (`0.043s`): a replay steps between events a millisecond apart.
    static func preciseSeconds(_ t: Double) -> String {
        let t = max(0, t)
        guard t < 10 else { return seconds(t) }
        let ms = Int((t * 1000).rounded())
        let frac = ms % 1000
        return "\(ms / 1000)." + String(repeating: "0", count: frac < 10 ? 2 : frac < 100 ? 1 : 0) + "\(frac)s"
    }

    /// A count with thousands separated: `1,191`.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A playback speed: `0.25×`, `1×`, `4×`.
    static func speed(_ x: Double) -> String {
        x == x.rounded() ? "\(Int(x))×" : "\(x)×"
    }

    /// Linux signal names for the signals a demo is likely to die of.
    static func signal(_ n: Int) -> String {
        let names = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
                     9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM",
                     15: "SIGTERM", 17: "SIGCHLD", 18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP"]
        return names[n] ?? "signal \(n)"
    }
}
