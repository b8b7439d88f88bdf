import Foundation
import Testing

/// Issue 17 in a real terminal: a wrong answer, the score screen's review, a retake of the wrong one, and what
/// is saved (the first attempt's score; below the pass mark the lesson is not done).
@Suite("quiz review and retake", .timeLimit(.minutes(1)))
struct QuizRetakeTests {
    @Test("answer wrong, read the review, retake the wrong one with w, and the first score is what is saved")
    func retakeTheWrongOne() throws {
        let t = try TutorialHarness(["quiz", "1", "--lessons", TutorialHarness.fixtureLessons, "--lang", "en"])
        defer { t.close() }
        try t.waitForScreen(containing: "Quiz 1/1")
        // "a" only chooses; Enter confirms.
        try t.tmux.keys("a")
        try t.tmux.waitFor("the choice, not yet graded") { $0.contains("▸ a) One") && !$0.contains("Not quite") }
        try t.tmux.keys("Enter")
        try t.tmux.waitFor("the verdict") { $0.contains("Not quite") }
        try t.tmux.keys("Enter")
        let review = try t.tmux.waitFor("the review") { $0.contains("Your answer: a) One") }
        #expect(review.contains("The answer: b) Three"), "\(review)")
        #expect(review.contains("pass mark 70 %"), "\(review)")
        #expect(review.contains("not marked done"), "\(review)")

        try t.tmux.keys("w")
        try t.tmux.waitFor("the retake's only question") { $0.contains("Quiz 1/1") && $0.contains("How many children") }
        try t.tmux.keys("b")
        try t.tmux.keys("Enter")
        try t.tmux.waitFor("the retake's verdict") { $0.contains("Correct!") }
        try t.tmux.keys("Enter")
        try t.tmux.waitFor("the practice score") { $0.contains("Practice") && $0.contains("not saved") }

        // The score screen is finished: q quits without asking.
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
        let data = try Data(contentsOf: t.stateDirectory.appendingPathComponent("proctutor/progress.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let lessons = try #require(json["lessons"] as? [String: Any], "\(json)")
        let lesson = try #require(lessons.values.first as? [String: Any], "\(lessons)")
        #expect(lesson["done"] as? Bool != true, "below the pass mark: not done: \(lesson)")
        let last = try #require(lesson["last_score"] as? [String: Any], "\(lesson)")
        #expect(last["correct"] as? Int == 0 && last["total"] as? Int == 1, "the first attempt is saved: \(last)")
    }
}
