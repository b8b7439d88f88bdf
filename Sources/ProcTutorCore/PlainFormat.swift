/// The `--plain` form of events: one readable, terminal-safe line each.
///
/// `+0.031s  15081 ← 15080  start Process-1 (fork)`
///
/// The event lines (start, out, exit, reaped, task) are the same in both languages, a stable form for grep; the
/// sentences (why the run stopped, a notice, the summary) are in `lang` (`EngineWords`).
public enum PlainFormat {
    public static func line(_ event: Event) -> String { line(event, lang: .en) }

    public static func line(_ event: Event, lang: Lang) -> String {
        let time = "+" + seconds(event.t) + "s"
        let body: String
        switch event.kind {
        case let .run(h):
            var s = "run \(Sanitizer.sanitize(h.program))"
            if let lesson = h.lesson {
                s += " (lesson \(Sanitizer.sanitize(lesson))\(h.variant.map { ", " + Sanitizer.sanitize($0) } ?? ""))"
            }
            s += ", method \(h.startMethod?.rawValue ?? "default"), Python \(h.pythonVersion.map { Sanitizer.sanitize($0) } ?? "?")"
            body = s
        case let .start(pid, ppid, name, method, parent):
            let logical = parent.map { " (parent \($0))" } ?? ""
            body = "\(pad(pid)) ← \(ppid)\(logical)  start \(name.map { Sanitizer.sanitize($0) } ?? "-") (\(method.rawValue))"
        case let .output(pid, stream, text):
            body = "\(pad(pid))  \(stream == .stdout ? "out" : "err")  \(Sanitizer.sanitize(text))"
        case let .state(pid, state):
            body = "\(pad(pid))  \(state.rawValue)"
        case let .exit(pid, code, signal):
            if let signal {
                body = "\(pad(pid))  exit: killed by signal \(signal)\(signalName(signal).map { " (\($0))" } ?? "")"
            } else if let code {
                body = "\(pad(pid))  exit \(code)"
            } else {
                body = "\(pad(pid))  exit (status unknown)"
            }
        case let .reaped(pid, by):
            body = "\(pad(pid))  reaped by \(by)"
        case let .task(pid, id, status, function, args, error):
            var s = "\(pad(pid))  task #\(id) \(status.rawValue) \(Sanitizer.sanitize(function))"
            if status == .started { s += Sanitizer.sanitize(args.hasPrefix("(") ? args : "(\(args))") }
            if let error { s += ": " + Sanitizer.sanitize(error) }
            body = s
        case let .retrieved(id):
            body = "\(pad(nil))  task #\(id) failure retrieved by the program"
        case let .raw(stream, text):
            body = "\(pad(nil))  raw \(stream == .stdout ? "out" : "err")  \(Sanitizer.sanitize(text))"
        case let .stopped(reason, detail):
            // English keeps the engine's own words (what `--json` carries); Chinese says it in a sentence.
            let detail = Sanitizer.sanitize(detail)
            body = Localized(zh: "已停止（\(EngineWords.reasonWord(reason, .zh))）：\(EngineWords.stopSentence(reason, detail: detail, .zh))",
                             en: "stopped (\(reason.rawValue)): \(detail)")[lang]
        case let .notice(text):
            body = Localized(zh: "注意：", en: "note: ")[lang] + EngineWords.notice(Sanitizer.sanitize(text), lang)
        case let .summary(s):
            body = summary(s)[lang]
        }
        return time + "  " + body
    }

    /// A run's summary line, without its time.
    static func summary(_ s: Summary) -> Localized {
        var zh = ["退出码 \(s.exitCode)", "\(s.processes) 个进程", "同时存活最多 \(s.maxAlive) 个", seconds(s.duration) + " 秒"]
        var en = ["exit code \(s.exitCode)", "\(s.processes) process\(s.processes == 1 ? "" : "es")",
                  "at most \(s.maxAlive) alive", seconds(s.duration) + " s"]
        if s.unretrievedFailures > 0 {
            zh.append("\(s.unretrievedFailures) 个失败的任务没有人用 .get() 取回")
            en.append("\(s.unretrievedFailures) failed task\(s.unretrievedFailures == 1 ? "" : "s") nobody retrieved with .get()")
        }
        return Localized(zh: "总结：" + zh.joined(separator: "，"), en: "summary: " + en.joined(separator: ", "))
    }

    static func pad(_ pid: PID?) -> String {
        let s = pid.map(String.init) ?? "?"
        return s.count >= 5 ? s : String(repeating: " ", count: 5 - s.count) + s
    }

    /// Three decimals, no Foundation.
    public static func seconds(_ t: Double) -> String {
        let ms = Int((max(t, 0) * 1000).rounded())
        let frac = ms % 1000
        return "\(ms / 1000)." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + "\(frac)"
    }

    public static func signalName(_ n: Int) -> String? {
        let names = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
                     9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM",
                     15: "SIGTERM"]
        return names[n]
    }
}
