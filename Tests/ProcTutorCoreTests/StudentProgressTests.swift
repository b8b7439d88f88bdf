import Foundation
import Testing
@testable import ProcTutorCore

@Suite struct StudentProgressTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Passed exercises: recorded once, merged as a union, and a file from before exercises still reads.
    @Test func exercisesPassed() throws {
        var a = StudentProgress(), b = StudentProgress()
        a.recordExercisePassed(lesson: "01", exercise: "two")
        b.recordExercisePassed(lesson: "01", exercise: "one")
        b.recordExercisePassed(lesson: "01", exercise: "two")
        #expect(a.merged(with: b)[lesson: "01"].exercisesPassed == ["one", "two"])
        let old = #"{"version":1,"lessons":{"01":{"done":true}}}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let p = try decoder.decode(StudentProgress.self, from: Data(old.utf8))
        #expect(p[lesson: "01"] == LessonProgress(done: true))
        let data = try JSONEncoder().encode(a)
        #expect(String(decoding: data, as: UTF8.self).contains(#""exercises_passed":["two"]"#))
        #expect(try JSONDecoder().decode(StudentProgress.self, from: data) == a)
        // Without exercises the key is left out: an old reader sees the file it knows.
        #expect(!String(decoding: try JSONEncoder().encode(p), as: UTF8.self).contains("exercises"))
    }

    @Test func recordQuizKeepsBestAndLast() {
        var p = StudentProgress()
        p.recordQuiz(lesson: "01", score: QuizScore(correct: 4, total: 6, at: t0))
        p.recordQuiz(lesson: "01", score: QuizScore(correct: 2, total: 6, at: t0 + 10))
        #expect(p[lesson: "01"].bestScore == QuizScore(correct: 4, total: 6, at: t0))
        #expect(p[lesson: "01"].lastScore == QuizScore(correct: 2, total: 6, at: t0 + 10))
        p.recordQuiz(lesson: "01", score: QuizScore(correct: 6, total: 6, at: t0 + 20))
        #expect(p[lesson: "01"].bestScore?.correct == 6)
        #expect(p[lesson: "01"].done == false)
        p.markDone(lesson: "01")
        #expect(p[lesson: "01"].done)
        #expect(p[lesson: "02"] == LessonProgress())
    }

    @Test func aFinishedQuizMarksTheLessonDoneOnlyAtThePassMark() {
        var p = StudentProgress()
        p.recordFinishedQuiz(lesson: "01", score: QuizScore(correct: 4, total: 6, at: t0))  // 66 %
        #expect(p[lesson: "01"].lastScore?.correct == 4)
        #expect(!p[lesson: "01"].done)
        p.recordFinishedQuiz(lesson: "01", score: QuizScore(correct: 5, total: 7, at: t0 + 1))  // 71 %
        #expect(p[lesson: "01"].done)
        p.recordFinishedQuiz(lesson: "01", score: QuizScore(correct: 0, total: 7, at: t0 + 2))
        #expect(p[lesson: "01"].done, "a lesson once done stays done")
        p.recordFinishedQuiz(lesson: "02", score: QuizScore(correct: 0, total: 0, at: t0))
        #expect(!p[lesson: "02"].done, "nothing scored is no pass")
        #expect(Grading.passes(correct: 7, total: 10) && !Grading.passes(correct: 69, total: 100))
    }

    @Test func betterScoreComparesShares() {
        #expect(QuizScore(correct: 3, total: 4, at: t0).isBetter(than: QuizScore(correct: 4, total: 6, at: t0)))
        #expect(!QuizScore(correct: 4, total: 6, at: t0).isBetter(than: QuizScore(correct: 3, total: 4, at: t0)))
        #expect(QuizScore(correct: 6, total: 6, at: t0).isBetter(than: QuizScore(correct: 5, total: 5, at: t0)))
        #expect(!QuizScore(correct: 0, total: 0, at: t0).isBetter(than: QuizScore(correct: 0, total: 0, at: t0)))
    }

    @Test func mergeLosesNothing() {
        var a = StudentProgress()
        a.recordQuiz(lesson: "01", score: QuizScore(correct: 5, total: 6, at: t0))
        a.open(lesson: "01", at: t0)
        var b = StudentProgress()
        b.recordQuiz(lesson: "01", score: QuizScore(correct: 1, total: 6, at: t0 + 5))
        b.markDone(lesson: "02")
        b.open(lesson: "02", at: t0 + 5)
        for m in [a.merged(with: b), b.merged(with: a)] {
            #expect(m[lesson: "01"].bestScore?.correct == 5)
            #expect(m[lesson: "01"].lastScore?.correct == 1)
            #expect(m[lesson: "02"].done)
            #expect(m.lastLesson == "02")
        }
        #expect(StudentProgress().merged(with: a) == a)
        #expect(a.merged(with: StudentProgress()) == a)
    }
}
