import ProcTutorCore

/// The engine's words in the UI's language: why a run was stopped (one sentence per `StopReason`, with the
/// numbers read from the engine's detail where it has them) and the notices the UI recognises. The engine
/// writes English for `proctutor run` and the recordings; the screen never shows that English in Chinese mode
/// when it knows what the message means.
enum Messages {
    /// A short word for the reason, for the one-line summary.
    static func reasonWord(_ r: StopReason, _ lang: Lang) -> String {
        switch r {
        case .timeout: S.rTimeout[lang]
        case .interrupt: S.rInterrupt[lang]
        case .processLimit: S.rProcessLimit[lang]
        case .userStop: S.rUser[lang]
        case .leftover: S.rLeftover[lang]
        case .supervisorLost: S.rSupervisorLost[lang]
        }
    }

    /// The whole sentence for the output pane.
    static func stopSentence(_ r: StopReason, detail: String, _ lang: Lang) -> String {
        let zh = lang == .zh
        switch r {
        case .timeout:
            if let m = detail.firstMatch(of: #/longer than ([0-9.]+) s/#) {
                return zh ? "运行超过了 \(m.1) 秒的时限，整个进程树已被停止。"
                    : "the run took longer than its time limit of \(m.1) s; the whole process tree was stopped."
            }
            return zh ? "运行超过了时限，整个进程树已被停止。" : "the run took longer than its time limit; the whole process tree was stopped."
        case .interrupt:
            return zh ? "被中断（Ctrl-C），整个进程树已被停止。" : "interrupted (Ctrl-C); the whole process tree was stopped."
        case .processLimit:
            if let m = detail.firstMatch(of: #/([0-9]+) processes alive, more than the limit of ([0-9]+)/#) {
                return zh ? "同时存活的进程有 \(m.1) 个，超过了上限 \(m.2) 个，整个进程树已被停止。"
                    : "\(m.1) processes were alive at once, more than the limit of \(m.2); the whole process tree was stopped."
            }
            return zh ? "同时存活的进程超过了上限，整个进程树已被停止。"
                : "more processes were alive at once than the limit; the whole process tree was stopped."
        case .userStop:
            return zh ? "你停止了这次运行（s 或重新运行），整个进程树已被停止。"
                : "you stopped the run (s, or a re-run); the whole process tree was stopped."
        case .leftover:
            if let m = detail.firstMatch(of: #/still running ([0-9.]+) s after/#) {
                return zh ? "主进程退出 \(m.1) 秒后仍有进程在运行（孤儿或守护进程），它们已被停止。"
                    : "processes were still running \(m.1) s after the main process exited (orphans, daemons); they were stopped."
            }
            return zh ? "主进程退出后仍有进程在运行（孤儿或守护进程），它们已被停止。"
                : "processes were still running after the main process exited (orphans, daemons); they were stopped."
        case .supervisorLost:
            return zh ? "监督进程意外结束，程序的整个会话已被杀死。"
                : "the supervisor process ended unexpectedly; the program's whole session was killed."
        }
    }

    /// A notice of the engine in the UI's language, when it is one the UI knows; else as the engine wrote it.
    static func notice(_ text: String, _ lang: Lang) -> String {
        guard lang == .zh else { return text }
        if let m = text.firstMatch(of: #/^process ([0-9]+) wrote more than ([0-9]+) MB; the rest of its output is in the raw stream only$/#) {
            return "进程 \(m.1) 的输出超过了 \(m.2) MB；其余的输出只在原始流里（按 o 查看）"
        }
        if text.hasPrefix("ignored a line in the event channel that is not a tracer record") {
            return "忽略了事件通道里不是跟踪器记录的一行（有别的东西往通道里写了内容）"
        }
        if let m = text.firstMatch(of: #/^ignored a record in the event channel about process ([0-9]+), which is not part of this run$/#) {
            return "忽略了事件通道里关于进程 \(m.1) 的一条记录：它不属于这次运行"
        }
        if let m = text.firstMatch(of: #/^([0-9]+) line\(s\) in the event channel were not tracer records$/#) {
            return "事件通道里有 \(m.1) 行不是跟踪器记录"
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
