import ProcTutorCore

/// The quiz, drawn in the lesson pane's place so that the run stays visible beside it.
enum QuizView {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        guard let quiz = s.quiz else { return PaneContent(title: S.quiz[s.lang], lines: []) }
        let l = s.lang
        let title = quiz.phase == .finished
            ? "\(S.quiz[l]) · \(s.lesson?.title[l] ?? "")"
            : "\(S.quiz[l]) \(min(quiz.index + 1, quiz.questions.count))/\(quiz.questions.count)"
        let note = "✓ \(quiz.score.correct)"
        return PaneContent(title: title, note: note, lines: lines(quiz, width: width, lang: l))
    }

    static func wrap(_ text: String, _ style: Style, width: Int, indent: String = "") -> [StyledLine] {
        StyledLine(screenSafe(text), style).wrapped(width: width, indent: StyledLine(indent))
    }

    static func lines(_ quiz: QuizSession, width: Int, lang l: Lang) -> [StyledLine] {
        if quiz.phase == .finished { return scoreLines(quiz, width: width, lang: l) }
        guard let q = quiz.question else { return [] }
        var out = wrap(q.prompt[l], Theme.strong, width: width)
        out.append(StyledLine())
        let answered: Bool
        if case .answered = quiz.phase { answered = true } else { answered = false }

        switch q.kind {
        case let .single(choices, right):
            for (i, c) in choices.enumerated() {
                out += choiceLine(i, c[l], mark: nil, quiz: quiz, right: answered ? i == right : nil,
                                  chosen: quiz.answers[quiz.index] == .choice(i), width: width)
            }
            if !answered { out += wrap(S.pickOne[l], Theme.hint, width: width) }
        case let .multiple(choices, right):
            for (i, c) in choices.enumerated() {
                out += choiceLine(i, c[l], mark: quiz.picked.contains(i), quiz: quiz,
                                  right: answered ? right.contains(i) : nil, chosen: quiz.picked.contains(i), width: width)
            }
            if !answered { out += wrap(S.pickAll[l], Theme.hint, width: width) }
        case .short:
            out.append(inputLine(quiz, answered: answered))
        case let .predict(_, _, method):
            out += wrap(S.predictHint[l], Theme.hint, width: width)
            if let method { out += wrap(S.startMethodIs[l] + method.rawValue, Theme.hint, width: width) }
            out.append(inputLine(quiz, answered: quiz.phase != .asking))
        }
        if let problem = quiz.problem { out += wrap(problem[l], Theme.error, width: width) }

        switch quiz.phase {
        case .waitingForRun:
            out.append(StyledLine())
            out += wrap(S.predictRunning[l], Theme.stopped, width: width)
        case let .answered(grade):
            out.append(StyledLine())
            out += feedback(quiz, q, grade, width: width, lang: l)
            out.append(StyledLine())
            out += wrap(q.explanation[l], Theme.text, width: width)
            out.append(StyledLine())
            out += wrap(S.pressNext[l], Theme.hint, width: width)
        default:
            break
        }
        return out
    }

    /// One choice: after answering, ✓ marks the right ones and ✗ a wrong pick; before, ▸ is the cursor.
    static func choiceLine(_ i: Int, _ text: String, mark: Bool?, quiz: QuizSession, right: Bool?, chosen: Bool,
                           width: Int) -> [StyledLine] {
        let box = mark.map { $0 ? "[x] " : "[ ] " } ?? ""
        let verdict = right.map { $0 ? "✓ " : chosen ? "✗ " : "  " } ?? (quiz.cursor == i ? "▸ " : "  ")
        let prefix = verdict + box + Grading.letter(i) + ") "
        var style = Theme.text
        if let right { style = right ? Theme.ok : chosen ? Theme.wrong : Theme.text }
        else if quiz.cursor == i { style = Theme.selected }
        return StyledLine(prefix + screenSafe(text), style)
            .wrapped(width: width, indent: StyledLine(String(repeating: " ", count: TextWidth.of(prefix))))
    }

    static func inputLine(_ quiz: QuizSession, answered: Bool) -> StyledLine {
        var line = StyledLine("> ", Theme.key)
        line.append(screenSafe(quiz.input), Theme.strong)
        if !answered { line.append("▏", Theme.key) }
        return line
    }

    static func feedback(_ quiz: QuizSession, _ q: Question, _ grade: Grade, width: Int, lang l: Lang) -> [StyledLine] {
        let observed = quiz.observed[quiz.index]
        var out: [StyledLine] = []
        switch grade {
        case .correct:
            out += wrap("✓ " + S.correct[l], Theme.ok, width: width)
        case .wrong:
            let expected = Grading.expected(for: q, observed: observed).map { " — " + S.theAnswer[l] + $0 } ?? ""
            out += wrap("✗ " + S.wrong[l] + expected, Theme.wrong, width: width)
        case .unobserved:
            out += wrap("? " + S.unobserved[l], Theme.stopped, width: width)
        }
        if case .predict = q.kind, let observed {
            out += wrap(S.runShowed[l] + "\(observed)", Theme.strong, width: width)
        }
        return out
    }

    /// The score, whether it passes, then every question again: the student's answer, the right one and the
    /// explanation. The pane scrolls (↑↓) as the lesson text does.
    static func scoreLines(_ quiz: QuizSession, width: Int, lang l: Lang) -> [StyledLine] {
        let score = quiz.score
        let percent = Grading.percent(correct: score.correct, total: score.total)
        var out = wrap(S.score[l] + "\(score.correct)/\(score.total)" + S.passMark(percent)[l], Theme.heading, width: width)
        if quiz.practice {
            out += wrap(S.practiceRound[l], Theme.hint, width: width)
        } else if score.passed {
            out += wrap(S.passed[l], Theme.ok, width: width)
        } else {
            out += wrap(S.belowPass[l], Theme.wrong, width: width)
        }
        out.append(StyledLine())
        out += wrap(S.review[l], Theme.strong, width: width)
        let indent = "   "
        for (i, q) in quiz.questions.enumerated() {
            let grade = quiz.grades[i]
            let (mark, style): (String, Style) = switch grade {
            case .correct: ("✓", Theme.ok)
            case .wrong: ("✗", Theme.wrong)
            case .unobserved, nil: ("?", Theme.hint)
            }
            out.append(StyledLine())
            out += StyledLine("\(mark) \(i + 1). " + screenSafe(q.prompt[l]), style)
                .wrapped(width: width, indent: StyledLine(indent))
            out += wrap(indent + S.yourAnswer[l] + given(quiz.answers[i], q, lang: l), Theme.text, width: width,
                        indent: indent)
            if grade != .correct {
                out += wrap(indent + S.rightAnswer[l] + right(q, observed: quiz.observed[i], lang: l),
                            Theme.ok, width: width, indent: indent)
            }
            out += wrap(indent + q.explanation[l], Theme.hint, width: width, indent: indent)
        }
        out.append(StyledLine())
        let wrong = quiz.wrongIndices.count
        if wrong > 0 { out += wrap("w: " + S.kRetakeWrong(wrong)[l], Theme.key, width: width) }
        out += wrap(S.scoreEnd[l], Theme.hint, width: width)
        return out
    }

    /// An answer as the review shows it: a choice with its text, typed text as typed.
    static func given(_ answer: Answer?, _ q: Question, lang l: Lang) -> String {
        switch (answer, q.kind) {
        case let (.choice(i)?, .single(choices, _)) where choices.indices.contains(i):
            return Grading.letter(i) + ") " + choices[i][l]
        case let (.choices(set)?, .multiple(choices, _)):
            return set.sorted().filter { choices.indices.contains($0) }
                .map { Grading.letter($0) + ") " + choices[$0][l] }.joined(separator: "; ")
        case let (.text(t)?, _): return t
        case let (.number(n)?, _): return n == Int.min ? S.notAnswered[l] : "\(n)"
        default: return S.notAnswered[l]
        }
    }

    /// The right answer with its text; for a predict question what the run showed.
    static func right(_ q: Question, observed: Int?, lang l: Lang) -> String {
        switch q.kind {
        case let .single(_, right):
            return given(.choice(right), q, lang: l)
        case let .multiple(_, right):
            return given(.choices(right), q, lang: l)
        case let .short(accepted, _):
            return accepted.first ?? ""
        case .predict:
            return observed.map { "\($0)" } ?? S.notObserved[l]
        }
    }
}
