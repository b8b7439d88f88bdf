import ProcTutorCore

/// A quiz in progress: one question at a time.
public struct QuizSession: Equatable, Sendable {
    public var lessonID: String
    public var questions: [Question]
    public var index = 0

    public init(lessonID: String, questions: [Question]) {
        self.lessonID = lessonID
        self.questions = questions
    }
}
