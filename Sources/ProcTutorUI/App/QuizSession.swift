import ProcTutorCore

/// A quiz in progress: one question at a time, graded by `ProcTutorCore.Grading`.
public struct QuizSession: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Waiting for the student's answer.
        case asking
        /// A predict question was answered; its demo is running and will be checked when the run ends.
        case waitingForRun
        /// Feedback and the explanation are shown.
        case answered(Grade)
        /// The score.
        case finished
    }

    public var lessonID: String
    public var questions: [Question]
    public var index = 0
    public var phase: Phase = .asking
    /// What the student typed (short and predict questions).
    public var input = ""
    /// Choices picked (multiple) and the highlighted choice.
    public var picked: Set<Int> = []
    public var cursor = 0
    /// Why the typed answer could not be read, shown under the input.
    public var problem: Localized?
    /// Each question's answer and grade once given; the value the run showed for predict questions.
    public var answers: [Answer?]
    public var grades: [Grade?]
    public var observed: [Int?]
    /// A retake of the questions answered wrong: practice, its score is not saved.
    public var practice = false
    /// First visible line of the quiz (it takes the lesson pane's place, not its scroll position).
    public var scroll = 0

    public init(lessonID: String, questions: [Question]) {
        self.lessonID = lessonID
        self.questions = questions
        answers = Array(repeating: nil, count: questions.count)
        grades = Array(repeating: nil, count: questions.count)
        observed = Array(repeating: nil, count: questions.count)
    }

    /// Some answers are given and the quiz is not over: leaving would lose them, so Esc and q ask first.
    public var leavingLosesAnswers: Bool {
        phase != .finished && answers.contains { $0 != nil }
    }

    public var question: Question? { questions.indices.contains(index) ? questions[index] : nil }

    /// Right answers, and the questions that count (a predict question whose run showed nothing does not).
    public var score: QuizResult {
        QuizResult(correct: grades.filter { $0 == .correct }.count,
                  total: grades.filter { $0 != nil && $0 != .unobserved }.count)
    }

    /// Whether the current question takes typed text (keys go to the input, not to commands).
    public var takesText: Bool {
        guard phase == .asking, let q = question else { return false }
        switch q.kind {
        case .short, .predict: return true
        case .single, .multiple: return false
        }
    }

    /// Questions answered wrong (not those a run could not check).
    public var wrongIndices: [Int] { grades.indices.filter { grades[$0] == .wrong } }

    /// A new quiz of only the questions answered wrong, as practice; nil when none was.
    public func retakeOfWrong() -> QuizSession? {
        let wrong = wrongIndices
        guard !wrong.isEmpty else { return nil }
        var retake = QuizSession(lessonID: lessonID, questions: wrong.map { questions[$0] })
        retake.practice = true
        return retake
    }

    mutating func record(_ answer: Answer, _ grade: Grade) {
        answers[index] = answer
        grades[index] = grade
        phase = .answered(grade)
        problem = nil
    }

    mutating func next() {
        index += 1
        input = ""
        picked = []
        cursor = 0
        problem = nil
        scroll = 0
        phase = index < questions.count ? .asking : .finished
    }
}
