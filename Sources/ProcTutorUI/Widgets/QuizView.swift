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

    static func scoreLines(_ quiz: QuizSession, width: Int, lang l: Lang) -> [StyledLine] {
        let score = quiz.score
        var out = wrap(S.score[l] + "\(score.correct)/\(score.total)", Theme.heading, width: width)
        out.append(StyledLine())
        for (i, q) in quiz.questions.enumerated() {
            let (mark, style): (String, Style) = switch quiz.grades[i] {
            case .correct: ("✓", Theme.ok)
            case .wrong: ("✗", Theme.wrong)
            case .unobserved, nil: ("?", Theme.hint)
            }
            out.append(StyledLine("\(mark) \(i + 1). " + TextWidth.truncate(screenSafe(q.prompt[l]),
                                                                          to: max(1, width - 6)), style))
        }
        out.append(StyledLine())
        out += wrap(S.scoreSaved[l], Theme.hint, width: width)
        return out
    }
}
