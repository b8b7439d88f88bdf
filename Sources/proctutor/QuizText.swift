import ProcTutorCore

/// The words of the plain quiz, in both languages.
enum QuizText {
    static func header(_ lesson: Lesson, count: Int, _ lang: Lang) -> String {
        switch lang {
        case .zh: "第 \(lesson.number) 课测验：\(lesson.title.zh)（共 \(count) 题）"
        case .en: "Lesson \(lesson.number) quiz: \(lesson.title.en) (\(count) question\(count == 1 ? "" : "s"))"
        }
    }

    static func howTo(_ lang: Lang) -> String {
        switch lang {
        case .zh: "输入选项的字母或数字后按回车；结束输入（Ctrl-D）即停止并显示得分。"
        case .en: "Type the letter or number of your answer and press Enter; end the input (Ctrl-D) to stop with your score."
        }
    }

    static func question(_ i: Int, of n: Int, _ kind: Question.Kind, _ lang: Lang) -> String {
        let hint: String = switch (kind, lang) {
        case (.single, .zh): "单选"
        case (.single, .en): "one answer"
        case (.multiple, .zh): "多选：输入所有正确选项，如 a, c"
        case (.multiple, .en): "several answers: type them all, like a, c"
        case (.short, .zh): "填空"
        case (.short, .en): "type your answer"
        case (.predict, .zh): "预测：先输入一个数字，然后真正运行演示程序来核对"
        case (.predict, .en): "predict: type a number, then the demo really runs to check it"
        }
        return lang == .zh ? "第 \(i) 题 / 共 \(n) 题（\(hint)）" : "Question \(i) of \(n) (\(hint))"
    }

    static func right(_ lang: Lang) -> String { lang == .zh ? "正确。" : "Right." }

    static func wrong(expected: String?, _ lang: Lang) -> String {
        guard let expected else { return lang == .zh ? "不对。" : "Not quite." }
        return lang == .zh ? "不对。正确答案：\(expected)" : "Not quite. The answer: \(expected)"
    }

    static func running(_ file: String, _ method: StartMethod?, _ lang: Lang) -> String {
        switch (method, lang) {
        case let (m?, .zh): "正在运行 \(file)（启动方式 \(m.rawValue)）……"
        case (nil, .zh): "正在运行 \(file)……"
        case let (m?, .en): "Running \(file) (start method \(m.rawValue))…"
        case (nil, .en): "Running \(file)…"
        }
    }

    static func ran(processes: Int, exitCode: Int?, seconds: Double, _ lang: Lang) -> String {
        let secs = String(format: "%.1f", seconds)
        let code = exitCode.map(String.init) ?? "?"
        return lang == .zh ? "运行结束：\(processes) 个进程，退出码 \(code)，用时 \(secs) 秒。"
            : "The run ended: \(processes) process\(processes == 1 ? "" : "es"), exit code \(code), \(secs) s."
    }

    static func stopped(_ reason: StopReason, _ lang: Lang) -> String {
        switch (reason, lang) {
        case (.timeout, .zh): "（这个程序不会自己结束：到了时间限制，proctutor 停止了它。）"
        case (.timeout, .en): "(The program does not end by itself: proctutor stopped it at its time limit.)"
        case (.interrupt, .zh), (.userStop, .zh): "（你用 Ctrl-C 停止了这次运行。）"
        case (.interrupt, .en), (.userStop, .en): "(You stopped the run with Ctrl-C.)"
        case (.processLimit, .zh): "（进程太多：proctutor 停止了整个进程树。）"
        case (.processLimit, .en): "(Too many processes: proctutor stopped the whole tree.)"
        case (_, .zh): "（运行被停止：\(reason.rawValue)。）"
        case (_, .en): "(The run was stopped: \(reason.rawValue).)"
        }
    }

    static func observed(_ value: Int, _ lang: Lang) -> String {
        lang == .zh ? "实际运行的结果：\(value)。" : "The real run shows: \(value)."
    }

    static func notScored(_ why: String, _ lang: Lang) -> String {
        lang == .zh ? "无法核对（\(why)），本题不计分。" : "Cannot check this one (\(why)); it is not scored."
    }

    static func youStopped(_ lang: Lang) -> String {
        lang == .zh ? "运行被你提前停止了" : "you stopped the run before it ended"
    }

    static func notObserved(_ lang: Lang) -> String {
        lang == .zh ? "这次运行没有显示这个值" : "the run did not show this value"
    }

    static func score(_ correct: Int, _ total: Int, _ lang: Lang) -> String {
        lang == .zh ? "得分：\(correct) / \(total)。" : "Score: \(correct) of \(total)."
    }

    /// Whether the score reaches the pass mark, and what that means for the lesson.
    static func passMark(_ correct: Int, _ total: Int, _ lang: Lang) -> String {
        let mark = Grading.passPercent
        if Grading.passes(correct: correct, total: total) {
            return lang == .zh ? "及格线 \(mark)%：已及格，本课完成。" : "Pass mark \(mark) %: passed; the lesson is done."
        }
        return lang == .zh ? "没到及格线 \(mark)%：成绩已保存，但本课未标记为完成。"
            : "Below the pass mark of \(mark) %: the score is saved, but the lesson is not marked done."
    }

    static func endedEarly(_ correct: Int, _ total: Int, _ lang: Lang) -> String {
        lang == .zh ? "输入结束，测验提前停止。目前得分：\(correct) / \(total)。"
            : "Input ended; the quiz stopped early. Score so far: \(correct) of \(total)."
    }

    static func noQuestions(_ lang: Lang) -> String {
        lang == .zh ? "这一课还没有测验题。" : "This lesson has no quiz questions yet."
    }
}
