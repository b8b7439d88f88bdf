import Foundation

/// The outcome of one check against one run: passed or not, what the run showed, and what was wrong.
public struct CheckResult: Equatable, Sendable {
    public var check: ExerciseCheck
    /// The start method of the run it was checked against (nil: the interpreter's default).
    public var startMethod: StartMethod?
    public var passed: Bool
    /// What the run showed, as printed beside the check (`3`, `2: 8813, 8814`, `?`).
    public var observed: String
    /// What was wrong; nil when the check passed.
    public var message: Localized?

    /// What the check asks, in a few words: `children of the main process = 3 (spawn)`.
    public var label: Localized { ExerciseGrading.label(check, startMethod: startMethod) }
}

/// Checks of an exercise against the events of its runs. Pure: the caller runs the program.
public enum ExerciseGrading {
    /// Every check of `exercise`, each against the run of its start method (`runs[exercise.method(of:)]`);
    /// a check whose run is missing fails as "not run".
    public static func evaluate(_ exercise: Exercise, runs: [StartMethod?: [Event]]) -> [CheckResult] {
        exercise.checks.map { check in
            let method = exercise.method(of: check)
            guard let events = runs[method] else {
                return CheckResult(check: check, startMethod: method, passed: false, observed: "?",
                                   message: Localized(zh: "这次运行没有进行", en: "this run did not take place"))
            }
            return evaluate(check, startMethod: method, events: events)
        }
    }

    public static func evaluate(_ check: ExerciseCheck, startMethod: StartMethod?, events: [Event]) -> CheckResult {
        switch check.kind {
        case let .observe(observation, expectation):
            let value = observation.value(in: events)
            let pids = observation.pids(in: events) ?? []
            let pidText = pids.map(String.init).joined(separator: ", ")
            let observed = value.map { v in pids.isEmpty ? "\(v)" : "\(v): \(pidText)" } ?? "?"
            let passed = value.map(expectation.accepts) ?? false
            guard !passed else {
                return CheckResult(check: check, startMethod: startMethod, passed: true, observed: observed,
                                   message: nil)
            }
            let message: Localized
            if let m = check.message {
                message = fill(m, observed: value.map(String.init) ?? "?", expected: expectation.text, pids: pidText)
            } else if value == nil {
                message = Localized(zh: "\(label(observation).zh)：这次运行看不出来（程序没有启动，或者没有走到这一步）",
                                    en: "\(label(observation).en): the run cannot tell (the program did not start, or never got that far)")
            } else {
                let l = label(observation)
                let tail = pids.isEmpty ? "" : "（\(pidText)）"
                let tailEn = pids.isEmpty ? "" : " (\(pidText))"
                message = Localized(zh: "\(l.zh)：期望 \(expectation.text)，实际是 \(value!)\(tail)",
                                    en: "\(l.en): expected \(expectation.text), observed \(value!)\(tailEn)")
            }
            return CheckResult(check: check, startMethod: startMethod, passed: false, observed: observed,
                               message: message)
        case let .order(first, then):
            let lines = events.compactMap { e -> String? in
                if case let .output(_, _, text) = e.kind { text } else { nil }
            }
            let lastFirst = lines.lastIndex { $0.contains(first) }
            let firstThen = lines.firstIndex { $0.contains(then) }
            let observed: String
            let why: Localized?
            switch (lastFirst, firstThen) {
            case (nil, _):
                observed = "-"
                why = Localized(zh: "没有一行含有“\(first)”", en: "no line contains “\(first)”")
            case (_, nil):
                observed = "-"
                why = Localized(zh: "没有一行含有“\(then)”", en: "no line contains “\(then)”")
            case let (a?, b?) where a < b:
                observed = "✓"
                why = nil
            default:
                observed = "✗"
                why = Localized(zh: "含“\(then)”的一行出现在含“\(first)”的最后一行之前",
                                en: "a line with “\(then)” came before the last line with “\(first)”")
            }
            let message = why.map { w in check.message.map { fill($0, observed: observed, expected: "", pids: "") } ?? w }
            return CheckResult(check: check, startMethod: startMethod, passed: why == nil, observed: observed,
                               message: message)
        }
    }

    /// Why a run was stopped from outside, for the student (nil: it ended by itself).
    public static func stopNote(in events: [Event], timeout: Double) -> Localized? {
        for case let .stopped(reason, _) in events.lazy.map(\.kind) {
            switch reason {
            case .timeout:
                let s = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
                return Localized(zh: "程序 \(s) 秒内没有结束：整个进程树已被终止",
                                 en: "the program did not end within \(s) s: its whole process tree was stopped")
            case .processLimit:
                return Localized(zh: "同时存活的进程超过 \(Exercise.processLimit) 个：整个进程树已被终止",
                                 en: "more than \(Exercise.processLimit) processes were alive at once: the whole tree was stopped")
            case .interrupt, .userStop:
                return Localized(zh: "运行被中断", en: "the run was interrupted")
            case .supervisorLost:
                return Localized(zh: "监控进程意外退出", en: "the supervisor was lost")
            case .leftover:
                return Localized(zh: "主进程结束后仍有进程在运行：它们已被终止",
                                 en: "processes ran on after the main process had ended: they were stopped")
            }
        }
        return nil
    }

    static func fill(_ m: Localized, observed: String, expected: String, pids: String) -> Localized {
        func f(_ s: String) -> String {
            s.replacingOccurrences(of: "{observed}", with: observed).replacingOccurrences(of: "{expected}", with: expected)
                .replacingOccurrences(of: "{pids}", with: pids)
        }
        return Localized(zh: f(m.zh), en: f(m.en))
    }

    /// A check in a few words, with its expectation and start method.
    public static func label(_ check: ExerciseCheck, startMethod: StartMethod?) -> Localized {
        let method = startMethod.map { " (\($0.rawValue))" } ?? ""
        switch check.kind {
        case let .observe(o, e):
            let l = label(o)
            let relation = if case .exactly = e { "= \(e.text)" } else if e.text.hasPrefix("≥") || e.text.hasPrefix("≤") { e.text } else { "= \(e.text)" }
            return Localized(zh: "\(l.zh) \(relation)\(method)", en: "\(l.en) \(relation)\(method)")
        case let .order(a, b):
            return Localized(zh: "含“\(a)”的行都在含“\(b)”的行之前\(method)",
                             en: "lines with “\(a)” before lines with “\(b)”\(method)")
        }
    }

    /// An observation in a few words.
    public static func label(_ o: Observation) -> Localized {
        switch o {
        case .processes: Localized(zh: "进程数（含主进程）", en: "processes (main included)")
        case .maxAlive: Localized(zh: "同时存活的最多进程数", en: "most processes alive at once")
        case .exitCode: Localized(zh: "退出码", en: "exit code")
        case .poolWorkersBeforeFirstTask: Localized(zh: "第一个任务前的工作进程", en: "workers before the first task")
        case .distinctTaskPIDs: Localized(zh: "执行过任务的工作进程", en: "workers that ran a task")
        case .failedTasks: Localized(zh: "失败的任务", en: "failed tasks")
        case .unretrievedFailures: Localized(zh: "没人取回的失败", en: "failures nobody retrieved")
        case let .linesContaining(t): Localized(zh: "含“\(t)”的行", en: "lines containing “\(t)”")
        case .children: Localized(zh: "主进程的子进程", en: "children of the main process")
        case .zombiesAtExit: Localized(zh: "主进程退出时的僵尸进程", en: "zombies when the main process exited")
        case .orphansAdopted: Localized(zh: "父进程先退出的孤儿进程", en: "orphans (their parent exited first)")
        case .unreapedChildren: Localized(zh: "父进程没有等待的子进程", en: "children their parent never waited for")
        case .tasksDone: Localized(zh: "完成的任务", en: "tasks done")
        case .pidsWriting: Localized(zh: "有输出的进程", en: "processes that printed")
        case let .childLinesContaining(t): Localized(zh: "子进程输出的含“\(t)”的行", en: "lines containing “\(t)” from a child")
        }
    }
}
