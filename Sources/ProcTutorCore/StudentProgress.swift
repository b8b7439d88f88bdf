import Foundation

/// One finished quiz: how many answers were right out of how many scored questions, and when.
public struct QuizScore: Codable, Equatable, Sendable {
    public var correct: Int
    public var total: Int
    public var at: Date

    public init(correct: Int, total: Int, at: Date) {
        self.correct = correct
        self.total = total
        self.at = at
    }

    /// Whether `self` is a better result than `other`: a higher share right, then more right.
    public func isBetter(than other: QuizScore) -> Bool {
        // Cross-multiplied to compare fractions exactly; an empty quiz counts as 0.
        let a = correct * max(other.total, 1), b = other.correct * max(total, 1)
        return a != b ? a > b : correct > other.correct
    }
}

/// What a student has done in one lesson.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The student finished the lesson (its quiz, in the tutorial).
    public var done: Bool
    public var bestScore: QuizScore?
    public var lastScore: QuizScore?
    /// Ids of the lesson's exercises the student's code has passed (every check), sorted.
    public var exercisesPassed: [String]

    public init(done: Bool = false, bestScore: QuizScore? = nil, lastScore: QuizScore? = nil,
                exercisesPassed: [String] = []) {
        self.done = done
        self.bestScore = bestScore
        self.lastScore = lastScore
        self.exercisesPassed = exercisesPassed
    }

    /// Both records combined: done if either is, the better best score, the later last score.
    public func merged(with other: LessonProgress) -> LessonProgress {
        LessonProgress(done: done || other.done,
                       bestScore: Self.pick(bestScore, other.bestScore) { $0.isBetter(than: $1) },
                       lastScore: Self.pick(lastScore, other.lastScore) { $0.at > $1.at },
                       exercisesPassed: Array(Set(exercisesPassed + other.exercisesPassed)).sorted())
    }

    static func pick(_ a: QuizScore?, _ b: QuizScore?, _ prefer: (QuizScore, QuizScore) -> Bool) -> QuizScore? {
        guard let a else { return b }
        guard let b else { return a }
        return prefer(b, a) ? b : a
    }

    private enum CodingKeys: String, CodingKey {
        case done, bestScore = "best_score", lastScore = "last_score", exercisesPassed = "exercises_passed"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        done = try c.decodeIfPresent(Bool.self, forKey: .done) ?? false
        bestScore = try c.decodeIfPresent(QuizScore.self, forKey: .bestScore)
        lastScore = try c.decodeIfPresent(QuizScore.self, forKey: .lastScore)
        // Files written before exercises existed have no such key.
        exercisesPassed = try c.decodeIfPresent([String].self, forKey: .exercisesPassed) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(done, forKey: .done)
        try c.encodeIfPresent(bestScore, forKey: .bestScore)
        try c.encodeIfPresent(lastScore, forKey: .lastScore)
        // Left out while empty, so a file without exercises reads as it did before.
        if !exercisesPassed.isEmpty { try c.encode(exercisesPassed, forKey: .exercisesPassed) }
    }
}

/// A student's progress through the tutorial: what `progress.json` holds. Pure value; the store reads and
/// writes it.
public struct StudentProgress: Codable, Equatable, Sendable {
    /// Per lesson, by lesson id (`05-broken-pool`).
    public var lessons: [String: LessonProgress]
    /// The lesson the student opened last, and when, so the tutorial resumes there.
    public var lastLesson: String?
    public var lastLessonAt: Date?

    public init(lessons: [String: LessonProgress] = [:], lastLesson: String? = nil, lastLessonAt: Date? = nil) {
        self.lessons = lessons
        self.lastLesson = lastLesson
        self.lastLessonAt = lastLessonAt
    }

    public subscript(lesson id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }

    /// Records a finished quiz: it becomes the last score, and the best one if it is better.
    public mutating func recordQuiz(lesson id: String, score: QuizScore) {
        self[lesson: id] = self[lesson: id].merged(with: LessonProgress(bestScore: score, lastScore: score))
    }

    /// A finished quiz as the tutorial and `quiz --plain` save it: the score always, the lesson done only at
    /// the pass mark (`Grading.passes`). A lesson once done stays done.
    public mutating func recordFinishedQuiz(lesson id: String, score: QuizScore) {
        recordQuiz(lesson: id, score: score)
        if Grading.passes(correct: score.correct, total: score.total) { markDone(lesson: id) }
    }

    /// The student's code passed every check of an exercise.
    public mutating func recordExercisePassed(lesson id: String, exercise: String) {
        var p = self[lesson: id]
        if !p.exercisesPassed.contains(exercise) { p.exercisesPassed = (p.exercisesPassed + [exercise]).sorted() }
        self[lesson: id] = p
    }

    public mutating func markDone(lesson id: String) {
        self[lesson: id].done = true
    }

    /// Notes the lesson the student is on.
    public mutating func open(lesson id: String, at date: Date) {
        lastLesson = id
        lastLessonAt = date
    }

    /// Two versions combined without losing anything (two tutorials saving at once): every lesson merged,
    /// the later last lesson.
    public func merged(with other: StudentProgress) -> StudentProgress {
        var out = self
        for (id, p) in other.lessons { out.lessons[id] = out.lessons[id].map { $0.merged(with: p) } ?? p }
        let mine = lastLessonAt ?? .distantPast, theirs = other.lastLessonAt ?? .distantPast
        if other.lastLesson != nil, theirs > mine || lastLesson == nil {
            out.lastLesson = other.lastLesson
            out.lastLessonAt = other.lastLessonAt
        }
        return out
    }

    private enum CodingKeys: String, CodingKey { case version, lessons, lastLesson = "last_lesson", lastLessonAt = "last_lesson_at" }

    /// The file format's version, written so a later format can tell old files apart.
    public static let version = 1

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        _ = try c.decodeIfPresent(Int.self, forKey: .version)
        lessons = try c.decodeIfPresent([String: LessonProgress].self, forKey: .lessons) ?? [:]
        lastLesson = try c.decodeIfPresent(String.self, forKey: .lastLesson)
        lastLessonAt = try c.decodeIfPresent(Date.self, forKey: .lastLessonAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.version, forKey: .version)
        try c.encode(lessons, forKey: .lessons)
        try c.encodeIfPresent(lastLesson, forKey: .lastLesson)
        try c.encodeIfPresent(lastLessonAt, forKey: .lastLessonAt)
    }
}
