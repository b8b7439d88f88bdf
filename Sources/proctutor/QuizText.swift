import ProcTutorCore

/// The words of the plain quiz, in both languages: each a `Localized`, picked with `[lang]` where it is written.
enum QuizText {
    static func header(_ lesson: Lesson, count: Int) -> Localized {
        Localized(zh: "第 \(lesson.number) 课测验：\(lesson.title.zh)（共 \(count) 题）",
                  en: "Lesson \(lesson.number) quiz: \(lesson.title.en) (\(count) question\(count == 1 ? "" : "s"))")
    }

    static let howTo = Localized(
        zh: "输入选项的字母或数字后按回车；结束输入（Ctrl-D）即停止并显示得分。",
        en: "Type the letter or number of your answer and press Enter; end the input (Ctrl-D) to stop with your score.")

    static func question(_ i: Int, of n: Int, _ kind: Question.Kind) -> Localized {
        let hint = switch kind {
        case .single: Localized(zh: "单选", en: "one answer")
        case .multiple: Localized(zh: "多选：输入所有正确选项，如 a, c", en: "several answers: type them all, like a, c")
        case .short: Localized(zh: "填空", en: "type your answer")
        case .predict: Localized(zh: "预测：先输入一个数字，然后真正运行演示程序来核对",
                                 en: "predict: type a number, then the demo really runs to check it")
        }
        return Localized(zh: "第 \(i) 题 / 共 \(n) 题（\(hint.zh)）", en: "Question \(i) of \(n) (\(hint.en))")
    }

    static let right = Localized(zh: "正确。", en: "Right.")

    static func wrong(expected: String?) -> Localized {
        guard let expected else { return Localized(zh: "不对。", en: "Not quite.") }
        return Localized(zh: "不对。正确答案：\(expected)", en: "Not quite. The answer: \(expected)")
    }

    static func running(_ file: String, _ method: StartMethod?) -> Localized {
        guard let method else { return Localized(zh: "正在运行 \(file)……", en: "Running \(file)…") }
        return Localized(zh: "正在运行 \(file)（启动方式 \(method.rawValue)）……",
                         en: "Running \(file) (start method \(method.rawValue))…")
    }

    static func ran(processes: Int, exitCode: Int?, seconds: Double) -> Localized {
        let secs = String(format: "%.1f", seconds)
        let code = exitCode.map(String.init) ?? "?"
        return Localized(zh: "运行结束：\(processes) 个进程，退出码 \(code)，用时 \(secs) 秒。",
                         en: "The run ended: \(processes) process\(processes == 1 ? "" : "es"), exit code \(code), \(secs) s.")
    }

    static func stopped(_ reason: StopReason) -> Localized {
        switch reason {
        case .timeout:
            Localized(zh: "（这个程序不会自己结束：到了时间限制，proctutor 停止了它。）",
                      en: "(The program does not end by itself: proctutor stopped it at its time limit.)")
        case .interrupt, .userStop:
            Localized(zh: "（你用 Ctrl-C 停止了这次运行。）", en: "(You stopped the run with Ctrl-C.)")
        case .processLimit:
            Localized(zh: "（进程太多：proctutor 停止了整个进程树。）", en: "(Too many processes: proctutor stopped the whole tree.)")
        default:
            Localized(zh: "（运行被停止：\(reason.rawValue)。）", en: "(The run was stopped: \(reason.rawValue).)")
        }
    }

    static func observed(_ value: Int) -> Localized {
        Localized(zh: "实际运行的结果：\(value)。", en: "The real run shows: \(value).")
    }

    static func notScored(_ why: String) -> Localized {
        Localized(zh: "无法核对（\(why)），本题不计分。", en: "Cannot check this one (\(why)); it is not scored.")
    }

    static let youStopped = Localized(zh: "运行被你提前停止了", en: "you stopped the run before it ended")
    static let notObserved = Localized(zh: "这次运行没有显示这个值", en: "the run did not show this value")

    static func score(_ correct: Int, _ total: Int) -> Localized {
        Localized(zh: "得分：\(correct) / \(total)。", en: "Score: \(correct) of \(total).")
    }

    /// Whether the score reaches the pass mark, and what that means for the lesson.
    static func passMark(_ correct: Int, _ total: Int) -> Localized {
        let mark = Grading.passPercent
        if Grading.passes(correct: correct, total: total) {
            return Localized(zh: "及格线 \(mark)%：已及格，本课完成。", en: "Pass mark \(mark) %: passed; the lesson is done.")
        }
        return Localized(zh: "没到及格线 \(mark)%：成绩已保存，但本课未标记为完成。",
                         en: "Below the pass mark of \(mark) %: the score is saved, but the lesson is not marked done.")
    }

    static func endedEarly(_ correct: Int, _ total: Int) -> Localized {
        Localized(zh: "输入结束，测验提前停止。目前得分：\(correct) / \(total)。",
                  en: "Input ended; the quiz stopped early. Score so far: \(correct) of \(total).")
    }

    static let noQuestions = Localized(zh: "这一课还没有测验题。", en: "This lesson has no quiz questions yet.")
}
