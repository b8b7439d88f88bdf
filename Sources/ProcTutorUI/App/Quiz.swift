import ProcTutorCore

/// The quiz's part of `update`: keys while a quiz is open, and checking predict questions when their run ends.
enum Quiz {
    static func open(_ s: inout AppState) -> [AppCommand] {
        guard let lesson = s.lesson, !lesson.quiz.isEmpty else { return [] }
        if let quiz = s.quiz, quiz.lessonID == lesson.id { return [] }
        s.quiz = QuizSession(lessonID: lesson.id, questions: lesson.quiz)
        s.focus = .lesson
        return []
    }

    /// Handles `key` if the quiz wants it; nil lets the global keys have it.
    static func handle(_ s: inout AppState, _ key: Key) -> [AppCommand]? {
        guard var quiz = s.quiz else { return nil }
        if key == .escape {
            if quiz.leavingLosesAnswers { s.overlay = .confirmLeaveQuiz(quitting: false) } else { s.quiz = nil }
            return []
        }
        defer { if s.quiz != nil { s.quiz = quiz } }

        switch quiz.phase {
        case .asking:
            guard let q = quiz.question else { return nil }
            switch q.kind {
            case let .single(choices, _), let .multiple(choices, _):
                return choiceKey(&quiz, q, choices.count, key)
            case .short, .predict:
                switch key {
                case let .char(c):
                    quiz.input.append(c)
                    quiz.problem = nil
                    return []
                case .backspace:
                    if !quiz.input.isEmpty { quiz.input.removeLast() }
                    return []
                case .enter:
                    return submitText(&s, &quiz, q)
                default:
                    return nil
                }
            }
        case .waitingForRun:
            return key == .char("Q") ? [] : nil
        case .answered:
            switch key {
            case .enter, .char(" "), .char("n"), .right:
                quiz.next()
                if quiz.phase == .finished, !quiz.practice {
                    s.finishQuiz(lesson: quiz.lessonID, quiz.score)
                    return [.saveProgress]
                }
                return []
            case .char("Q"): return []
            default: return nil
            }
        case .finished:
            switch key {
            case .enter, .char("Q"):
                s.quiz = nil
                return []
            case .char("w"):
                // Predict questions come back asking: their demo runs again on the new answer.
                if let retake = quiz.retakeOfWrong() { quiz = retake }
                return []
            default: return nil
            }
        }
    }

    /// Single and multiple choice: a letter or number picks (single choice: selects, another letter or ↑/↓
    /// changes it; multiple: toggles), ↑/↓ move, Enter answers. Nothing is graded before Enter.
    static func choiceKey(_ quiz: inout QuizSession, _ q: Question, _ count: Int, _ key: Key) -> [AppCommand]? {
        let single: Bool
        if case .single = q.kind { single = true } else { single = false }
        switch key {
        case let .char(c):
            if c == "Q" { return [] }
            let i: Int
            switch Grading.parse(String(c), for: q) {
            case let .success(.choice(n)): i = n
            case let .success(.choices(set)) where set.count == 1: i = set.first!
            default: return nil
            }
            quiz.cursor = i
            if !single { quiz.picked.formSymmetricDifference([i]) }
            quiz.problem = nil
            return []
        case .up:
            quiz.cursor = (quiz.cursor + count - 1) % count
            return []
        case .down:
            quiz.cursor = (quiz.cursor + 1) % count
            return []
        case .enter:
            if single { answer(&quiz, q, .choice(quiz.cursor)); return [] }
            if quiz.picked.isEmpty { quiz.problem = AnswerProblem.empty.message; return [] }
            answer(&quiz, q, .choices(quiz.picked))
            return []
        default:
            return nil
        }
    }

    static func answer(_ quiz: inout QuizSession, _ q: Question, _ a: Answer) {
        quiz.record(a, Grading.grade(a, for: q))
    }

    /// Short answers are graded at once; a predict answer starts the question's demo and waits for its end.
    static func submitText(_ s: inout AppState, _ quiz: inout QuizSession, _ q: Question) -> [AppCommand] {
        switch Grading.parse(quiz.input, for: q) {
        case let .failure(problem):
            quiz.problem = problem.message
            return []
        case let .success(a):
            guard case let .predict(_, demo, method) = q.kind else {
                answer(&quiz, q, a)
                return []
            }
            quiz.answers[quiz.index] = a
            quiz.phase = .waitingForRun
            quiz.problem = nil
            s.quiz = quiz
            let forced: StartMethod?? = method.map { .some($0) }
            return Keys.startRun(&s, demo: demo, startMethod: forced)
        }
    }

    /// A run ended: if a predict question was waiting for it, check the prediction against what the run showed.
    static func runEnded(_ s: inout AppState) -> [AppCommand] {
        guard var quiz = s.quiz, quiz.phase == .waitingForRun, let q = quiz.question,
              case let .predict(observation, _, _) = q.kind, let run = s.run else { return [] }
        let value = observation.value(in: run.events)
        quiz.observed[quiz.index] = value
        let a = quiz.answers[quiz.index] ?? .number(Int.min)
        quiz.record(a, Grading.grade(a, for: q, observed: value))
        s.quiz = quiz
        return []
    }

    /// The keys that matter in the quiz now, for the key bar.
    static func keys(_ quiz: QuizSession, _ s: AppState) -> [(String, String)] {
        let l = s.lang
        switch quiz.phase {
        case .asking:
            guard let q = quiz.question else { return [] }
            switch q.kind {
            case let .single(choices, _):
                return [("a–\(Grading.letter(choices.count - 1)) ↑↓", S.kChoose[l]), ("Enter", S.kConfirm[l]),
                        ("Esc", S.kLeaveQuiz[l])]
            case let .multiple(choices, _):
                return [("a–\(Grading.letter(choices.count - 1))", S.kToggle[l]), ("Enter", S.kSubmit[l]),
                        ("Esc", S.kLeaveQuiz[l])]
            case .short:
                return [("Enter", S.kSubmit[l]), ("Esc", S.kLeaveQuiz[l])]
            case .predict:
                return [("Enter", S.kSubmitRun[l]), ("Esc", S.kLeaveQuiz[l])]
            }
        case .waitingForRun:
            return [("s", S.kStop[l]), ("Tab", S.kPane[l]), ("Esc", S.kLeaveQuiz[l])]
        case .answered:
            return [("Enter", S.kNext[l]), ("Esc", S.kLeaveQuiz[l]), ("?", S.kHelp[l])]
        case .finished:
            let wrong = quiz.wrongIndices.count
            return (wrong > 0 ? [("w", S.kRetakeWrong(wrong)[l])] : []) + [("↑↓", S.kScroll[l]), ("Enter", S.kClose[l]),
                                                                             ("q", S.kQuit[l])]
        }
    }
}
