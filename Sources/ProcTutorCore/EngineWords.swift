/// The engine's words, in both languages, in one place: the English the supervisor writes into the events
/// (`stopped`'s `detail`, `notice`'s `text`; the `--json` stream and the recordings stay English, a data format)
/// and how the UI and `proctutor run --plain --lang zh` say the same thing. Every English text is built here, so
/// the reader that finds its numbers again cannot drift from the writer (`EngineWordsTests`).
public enum EngineWords {
    // MARK: - Stop details, as the supervisor writes them

    public static func timeoutDetail(seconds: Double) -> String {
        "the run took longer than \(number(seconds)) s; the whole tree was stopped"
    }

    public static func leftoverDetail(seconds: Double) -> String {
        "processes still running \(number(seconds)) s after the main process exited were stopped"
    }

    /// 60 as `60`, 0.5 as `0.5`.
    static func number(_ s: Double) -> String { s == s.rounded() && abs(s) < 1e15 ? "\(Int(s))" : "\(s)" }

    public static func processLimitDetail(alive: Int, limit: Int) -> String {
        "\(alive) processes alive, more than the limit of \(limit) (--max-processes); the whole tree was stopped"
    }

    public static let userStopDetail = "stopped on request; the whole tree was stopped"
    public static let interruptDetail = "interrupted (Ctrl-C); the whole tree was stopped"
    public static let supervisorLostDetail = "the supervisor process ended unexpectedly; the program's session was killed"

    // MARK: - Notices, as the engine writes them

    public static let garbageLineNotice =
        "ignored a line in the event channel that is not a tracer record (something other than the tracer wrote into it)"

    public static func forgedRecordNotice(pid: Int32) -> String {
        "ignored a record in the event channel about process \(pid), which is not part of this run"
    }

    public static func garbageCountNotice(_ n: Int) -> String {
        "\(n) line(s) in the event channel were not tracer records"
    }

    public static func unknownCommandNotice(_ line: String) -> String {
        "unknown supervisor command \"\(line)\""
    }

    public static let invalidConfigurationNotice = "proctutor __supervise: invalid configuration"

    // MARK: - In the reader's language

    /// A short word for the reason, for one-line summaries.
    public static func reasonWord(_ r: StopReason, _ lang: Lang) -> String {
        let w: Localized = switch r {
        case .timeout: Localized(zh: "超时", en: "timeout")
        case .interrupt: Localized(zh: "被中断", en: "interrupted")
        case .processLimit: Localized(zh: "进程过多", en: "too many processes")
        case .userStop: Localized(zh: "由你停止", en: "by you")
        case .leftover: Localized(zh: "遗留进程", en: "leftover processes")
        case .supervisorLost: Localized(zh: "监督进程丢失", en: "supervisor lost")
        }
        return w[lang]
    }

    /// The whole sentence: why the run was stopped, with the numbers of the engine's detail where it has them.
    public static func stopSentence(_ r: StopReason, detail: String, _ lang: Lang) -> String {
        let sentence: Localized = switch r {
        case .timeout:
            if let m = detail.firstMatch(of: #/longer than ([0-9.]+) s/#) {
                Localized(zh: "运行超过了 \(m.1) 秒的时限，整个进程树已被停止。",
                          en: "the run took longer than its time limit of \(m.1) s; the whole process tree was stopped.")
            } else {
                Localized(zh: "运行超过了时限，整个进程树已被停止。",
                          en: "the run took longer than its time limit; the whole process tree was stopped.")
            }
        case .interrupt:
            Localized(zh: "被中断（Ctrl-C），整个进程树已被停止。",
                      en: "interrupted (Ctrl-C); the whole process tree was stopped.")
        case .processLimit:
            if let m = detail.firstMatch(of: #/([0-9]+) processes alive, more than the limit of ([0-9]+)/#) {
                Localized(zh: "同时存活的进程有 \(m.1) 个，超过了上限 \(m.2) 个，整个进程树已被停止。",
                          en: "\(m.1) processes were alive at once, more than the limit of \(m.2); the whole process tree was stopped.")
            } else {
                Localized(zh: "同时存活的进程超过了上限，整个进程树已被停止。",
                          en: "more processes were alive at once than the limit; the whole process tree was stopped.")
            }
        case .userStop:
            Localized(zh: "你停止了这次运行（s 或重新运行），整个进程树已被停止。",
                      en: "you stopped the run (s, or a re-run); the whole process tree was stopped.")
        case .leftover:
            if let m = detail.firstMatch(of: #/still running ([0-9.]+) s after/#) {
                Localized(zh: "主进程退出 \(m.1) 秒后仍有进程在运行（孤儿或守护进程），它们已被停止。",
                          en: "processes were still running \(m.1) s after the main process exited (orphans, daemons); they were stopped.")
            } else {
                Localized(zh: "主进程退出后仍有进程在运行（孤儿或守护进程），它们已被停止。",
                          en: "processes were still running after the main process exited (orphans, daemons); they were stopped.")
            }
        case .supervisorLost:
            Localized(zh: "监督进程意外结束，程序的整个会话已被杀死。",
                      en: "the supervisor process ended unexpectedly; the program's whole session was killed.")
        }
        return sentence[lang]
    }

    /// A notice in the reader's language when it is one the engine writes; else as written (a run-start error
    /// reaches the user through the CLI, already in their language). Not a `Localized` table: the engine's
    /// notices arrive as English text on the wire (and in recordings), so Chinese is found by their patterns.
    public static func notice(_ text: String, _ lang: Lang) -> String {
        guard lang == .zh else { return text }
        if text == garbageLineNotice {
            return "忽略了事件通道里不是跟踪器记录的一行（有别的东西往通道里写了内容）"
        }
        if let m = text.firstMatch(of: #/^ignored a record in the event channel about process ([0-9]+), which is not part of this run$/#) {
            return "忽略了事件通道里关于进程 \(m.1) 的一条记录：它不属于这次运行"
        }
        if let m = text.firstMatch(of: #/^([0-9]+) line\(s\) in the event channel were not tracer records$/#) {
            return "事件通道里有 \(m.1) 行不是跟踪器记录"
        }
        if let m = text.firstMatch(of: #/^unknown supervisor command "(.*)"$/#) {
            return "监督进程收到了不认识的命令“\(m.1)”"
        }
        if text == invalidConfigurationNotice {
            return "proctutor __supervise：配置无效"
        }
        // Notices of recordings made before every line was kept (2026-12-02): they still replay.
        if let m = text.firstMatch(of: #/^process ([0-9]+) wrote more than ([0-9]+) MB; the rest of its output is in the raw stream only$/#) {
            return "进程 \(m.1) 的输出超过了 \(m.2) MB；其余的输出只在原始流里（按 o 查看）"
        }
        if let m = text.firstMatch(of: #/^(stdout|stderr): ([0-9]+) bytes in the middle were not kept(; its last ([0-9]+) lines? follow)?$/#) {
            return "\(m.1)：中间的 \(m.2) 字节没有保留" + (m.4.map { "；下面是它的最后 \($0) 行" } ?? "")
        }
        if let m = text.firstMatch(of: #/^(stdout|stderr) passed ([0-9]+) MB; the rest is not kept but its last lines, shown at the end$/#) {
            return "\(m.1) 超过了 \(m.2) MB；之后的内容不保留，只在结束时显示它的最后几行"
        }
        if text == "output of this process beyond 1 MB is not attributed" {
            return "这个进程超过 1 MB 的输出不再标注是谁写的"
        }
        return text
    }
}
