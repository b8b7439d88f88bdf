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

    /// The quiz's actions (`KeyTable` gives them their keys: the quiz modes sit above the tutorial's, so the keys
    /// a question does not take keep working).
    static func perform(_ s: inout AppState, _ action: KeyAction, _ key: Key) -> [AppCommand] {
        guard var quiz = s.quiz else { return [] }
        defer { if s.quiz != nil { s.quiz = quiz } }
        switch action {
        case .leaveQuiz:
            if quiz.leavingLosesAnswers { s.overlay = .confirmLeaveQuiz(quitting: false) } else { s.quiz = nil }
        case .choose:
            // Single choice: selects (another letter or ↑/↓ changes it); multiple: toggles. Graded on Enter only.
            guard case let .char(c) = key, let i = KeyTable.choiceIndex(c, s), let q = quiz.question else { return [] }
            quiz.cursor = i
            if case .multiple = q.kind { quiz.picked.formSymmetricDifference([i]) }
            quiz.problem = nil
        case let .moveChoice(step):
            guard let count = quiz.question?.choiceCount, count > 0 else { return [] }
            quiz.cursor = (quiz.cursor + count + step) % count
        case .confirmChoice:
            guard let q = quiz.question else { return [] }
            if case .single = q.kind { answer(&quiz, q, .choice(quiz.cursor)); return [] }
            if quiz.picked.isEmpty { quiz.problem = AnswerProblem.empty.message; return [] }
            answer(&quiz, q, .choices(quiz.picked))
        case .type:
            guard case let .char(c) = key else { return [] }
            quiz.input.append(c)
            quiz.problem = nil
        case .deleteChar:
            if !quiz.input.isEmpty { quiz.input.removeLast() }
        case .submitText:
            guard let q = quiz.question else { return [] }
            return submitText(&s, &quiz, q)
        case .nextQuestion:
            quiz.next()
            if quiz.phase == .finished, !quiz.practice {
                s.finishQuiz(lesson: quiz.lessonID, quiz.score)
                return [.saveProgress]
            }
        case .closeQuiz:
            s.quiz = nil
        case .retakeWrong:
            // Predict questions come back asking: their demo runs again on the new answer.
            if let retake = quiz.retakeOfWrong() { quiz = retake }
        default:
            break
        }
        return []
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
}

extension Question {
    /// How many choices a choice question offers (nil for typed answers).
    var choiceCount: Int? {
        switch kind {
        case let .single(choices, _), let .multiple(choices, _): choices.count
        case .short, .predict: nil
        }
    }
}
