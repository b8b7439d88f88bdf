import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// The quiz flow: one question at a time, graded by Core's `Grading`, predictions checked against the run.
@Suite struct QuizTests {
    func press(_ s: inout AppState, _ keys: Key...) -> [AppCommand] {
        keys.flatMap { App.update(&s, .key($0)) }
    }

    func type(_ s: inout AppState, _ text: String) {
        for c in text { _ = App.update(&s, .key(.char(c))) }
    }

    @Test func aWholeQuizWithEveryKindOfQuestion() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2)
        _ = press(&s, .char("Q"))
        #expect(s.quiz?.index == 0)

        // Single choice: a letter selects, Enter confirms. "a" is wrong.
        _ = press(&s, .char("a"), .enter)
        #expect(s.quiz?.phase == .answered(.wrong))
        _ = press(&s, .enter)

        // Multiple choice: letters toggle, Enter submits.
        _ = press(&s, .char("a"), .char("b"), .char("c"), .char("b"))
        #expect(s.quiz?.picked == [0, 2])
        _ = press(&s, .enter)
        #expect(s.quiz?.phase == .answered(.correct))
        _ = press(&s, .enter)

        // Short answer: typed keys go to the input, not to commands ("r" does not run).
        type(&s, "4.0")
        #expect(s.quiz?.input == "4.0")
        _ = press(&s, .enter)
        #expect(s.quiz?.phase == .answered(.correct))
        _ = press(&s, .enter)

        // Predict: Enter runs the question's demo with its start method, the verdict waits for the run.
        type(&s, "x")
        _ = press(&s, .enter)
        #expect(s.quiz?.problem != nil)  // not a number: asked again
        _ = press(&s, .backspace)
        type(&s, "3")
        #expect(press(&s, .enter).shapes == [.start("/lessons/04-pool/demo.py", .fork)])
        #expect(s.quiz?.phase == .waitingForRun)
        for e in Fixtures.poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.quiz?.observed[3] == 3)
        #expect(s.quiz?.phase == .answered(.correct))

        // The score is kept and saved.
        #expect(press(&s, .enter) == [.saveProgress])
        #expect(s.quiz?.phase == .finished)
        #expect(s.quizResults["04-pool"] == QuizResult(correct: 3, total: 4))
        // The backend saves what is unsaved, then says so.
        #expect(s.unsavedQuizResults == ["04-pool": QuizResult(correct: 3, total: 4)])
        var saved = StudentProgress()
        saved.recordQuiz(lesson: "04-pool", score: QuizScore(correct: 3, total: 4, at: Date(timeIntervalSince1970: 0)))
        s.progressSaved(saved)
        #expect(s.unsavedQuizResults.isEmpty)
        #expect(s.progress[lesson: "04-pool"].bestScore?.correct == 3)
        _ = press(&s, .enter)
        #expect(s.quiz == nil)
    }

    @Test func aStoppedPredictionRunIsNotScored() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 2)
        _ = press(&s, .char("Q"))
        s.quiz?.index = 3
        type(&s, "2")
        _ = press(&s, .enter)
        _ = App.update(&s, .run(s.currentRun, Fixtures.poolEvents[0]))
        #expect(press(&s, .char("s")).shapes == [.stop(RunID(1))])  // global keys work while the run goes
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.quiz?.phase == .answered(.unobserved))
        #expect(s.quiz?.score == QuizResult(correct: 0, total: 0))
    }

    @Test func aSingleChoiceIsChosenThenConfirmed() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 2)
        _ = press(&s, .char("Q"), .char("a"))
        // Chosen, not answered: another letter or ↑↓ changes it, only Enter grades.
        #expect(s.quiz?.phase == .asking)
        #expect(s.quiz?.cursor == 0)
        #expect(s.quiz?.grades == [nil, nil, nil, nil])
        _ = press(&s, .char("c"))
        #expect(s.quiz?.cursor == 2)
        _ = press(&s, .up)
        #expect(s.quiz?.cursor == 1)
        #expect(s.quiz?.phase == .asking)
        _ = press(&s, .enter)
        #expect(s.quiz?.phase == .answered(.correct))
        #expect(s.quiz?.answers[0] == .choice(1))
        // The key bar says so.
        var t = Fixtures.state(width: 120, height: 40, lesson: 2, lang: .en)
        _ = press(&t, .char("Q"))
        let bar = App.view(t).rowText(39)
        #expect(bar.contains("choose") && bar.contains("Enter") && bar.contains("confirm"), "\(bar)")
    }

    @Test func leavingAHalfAnsweredQuizAsks() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 2, lang: .en)
        // No answer yet: Esc leaves at once.
        _ = press(&s, .char("Q"), .escape)
        #expect(s.quiz == nil && s.overlay == nil)

        _ = press(&s, .char("Q"), .char("b"), .enter)
        _ = press(&s, .escape)
        #expect(s.overlay == .confirmLeaveQuiz(quitting: false))
        #expect(App.view(s).text.contains("Leave? (y/n)"))
        _ = press(&s, .char("n"))  // stays, answers kept
        #expect(s.overlay == nil && s.quiz?.grades[0] == .correct)
        _ = press(&s, .escape, .char("y"))
        #expect(s.quiz == nil)

        // q on a half-answered quiz asks too, in the UI's language; y quits.
        var z = Fixtures.state(width: 80, height: 24, lesson: 2, lang: .zh)
        _ = press(&z, .char("Q"), .char("b"), .enter, .enter)
        #expect(press(&z, .char("q")) == [])
        #expect(z.overlay == .confirmLeaveQuiz(quitting: true))
        #expect(App.view(z).text.contains("确定退出吗"))
        #expect(press(&z, .char("y")) == [.quit])

        // A finished quiz closes without asking.
        var f = Fixtures.state(width: 80, height: 24, lesson: 2)
        _ = press(&f, .char("Q"))
        f.quiz?.answers[0] = .choice(1)
        f.quiz?.phase = .finished
        #expect(press(&f, .char("q")) == [.quit])
    }

    /// Lesson 4's fixture quiz with a wrong single choice, a right multiple, a wrong short answer and a wrong
    /// prediction (3 workers): 1 of 4.
    func finishedWithThreeWrong(lang: Lang = .en, width: Int = 120, height: Int = 40) -> AppState {
        var s = Fixtures.state(width: width, height: height, lesson: 2, lang: lang)
        _ = press(&s, .char("Q"), .char("a"), .enter, .enter, .char("a"), .char("c"), .enter, .enter)
        type(&s, "5")
        _ = press(&s, .enter, .enter)
        type(&s, "2")
        _ = press(&s, .enter)
        for e in Fixtures.poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        _ = press(&s, .enter)
        return s
    }

    @Test func theScoreScreenReviewsEveryQuestion() {
        let s = finishedWithThreeWrong()
        #expect(s.quiz?.phase == .finished)
        let lines = QuizView.lines(s.quiz!, width: 200, lang: .en).map(\.text)
        let text = lines.joined(separator: "\n")
        for expected in ["Your answer: a) It returns -1", "The answer: b) It raises OSError", "Python turns the failure into OSError.",
                         "Your answer: a) start(); c) join()", "fork is a function of the os module.",
                         "Your answer: 5", "The answer: 4", "Your answer: 2", "The answer: 3",
                         "Pool starts every worker at once.", "pass mark 70 %", "w: retake the 3 wrong ones"] {
            #expect(text.contains(expected), "\(expected) in:\n\(text)")
        }
        // The right one has no "The answer" line: three for three wrong.
        #expect(lines.filter { $0.contains("The answer: ") }.count == 3)
        // Longer than the pane at 80×24: it scrolls.
        var small = finishedWithThreeWrong(width: 80, height: 24)
        let top = App.view(small).text
        _ = press(&small, .down, .down, .down)
        #expect(small.quiz?.scroll == 3)
        #expect(App.view(small).text != top)
    }

    @Test func belowThePassMarkTheScoreIsSavedButTheLessonIsNotDone() {
        let s = finishedWithThreeWrong()
        #expect(s.unsavedQuizResults["04-pool"] == QuizResult(correct: 1, total: 4))
        #expect(s.quizResults["04-pool"]?.passed == false)
        #expect(QuizView.lines(s.quiz!, width: 200, lang: .en).map(\.text).joined().contains("not marked done"))
        #expect(!PaneContent.make(.lesson, { var t = s; t.quiz = nil; return t }(), width: 60).title.contains("✓"))
        #expect(QuizResult(correct: 3, total: 4).passed)
        #expect(QuizResult(correct: 7, total: 10).passed)
        #expect(!QuizResult(correct: 2, total: 3).passed)
        #expect(!QuizResult(correct: 0, total: 0).passed)
    }

    @Test func retakingTheWrongOnesAsksOnlyThoseAndSavesNothing() {
        var s = finishedWithThreeWrong()
        #expect(press(&s, .char("w")) == [])
        let retake = try! #require(s.quiz)
        #expect(retake.practice)
        #expect(retake.questions.map(\.id) == ["single", "short", "predict"])
        #expect(retake.phase == .asking && retake.index == 0)
        _ = press(&s, .char("b"), .enter)
        #expect(s.quiz?.phase == .answered(.correct))
        _ = press(&s, .enter)
        type(&s, "4")
        _ = press(&s, .enter, .enter)
        // The predict question runs its demo again.
        type(&s, "3")
        #expect(press(&s, .enter).shapes == [.start("/lessons/04-pool/demo.py", .fork)])
        for e in Fixtures.poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .runEnded(s.currentRun))
        #expect(s.quiz?.phase == .answered(.correct))
        // Practice: finishing saves nothing and keeps the first attempt's result.
        #expect(press(&s, .enter) == [])
        #expect(s.quiz?.phase == .finished)
        #expect(s.quizResults["04-pool"] == QuizResult(correct: 1, total: 4))
        #expect(QuizView.lines(s.quiz!, width: 200, lang: .en).map(\.text).joined().contains("not saved"))
        // All right this time: nothing left to retake.
        _ = press(&s, .char("w"))
        #expect(s.quiz?.practice == true && s.quiz?.phase == .finished)
    }

    @Test func choiceQuestionsLeaveOtherKeysToTheApp() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 2)
        _ = press(&s, .char("Q"))
        #expect(press(&s, .char("r")).shapes == [.start("/lessons/04-pool/demo.py", nil)])
        _ = press(&s, .down, .down)
        #expect(s.quiz?.cursor == 2)
        _ = press(&s, .up, .enter)
        #expect(s.quiz?.phase == .answered(.correct))
    }

    @Test func theQuizScrollsOnItsOwnAndTheLessonKeepsItsPlace() {
        var s = Fixtures.state(width: 80, height: 24, lesson: 1)
        // A question longer than the pane, so that a borrowed scroll position would show.
        s.lessons[1].quiz[0].prompt = Localized(zh: "开头 " + String(repeating: "很长的题目。", count: 150), en: "")
        _ = press(&s, .pageDown)
        let lessonOffset = s.scroll[.lesson]
        #expect((lessonOffset ?? 0) > 0)
        _ = press(&s, .char("Q"))
        #expect(App.view(s).rowText(3).contains("开头"))  // the first question, from its top
        _ = press(&s, .escape)
        #expect(s.scroll[.lesson] == lessonOffset)
    }
}
