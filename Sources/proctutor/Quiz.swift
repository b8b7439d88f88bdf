import ArgumentParser
import Foundation
import Glibc
import ProcTutorCore
import ProcTutorLessons

/// `proctutor quiz LESSON --plain`: the lesson's quiz, line by line.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take a lesson's quiz in plain line mode (answers from stdin; works in a pipe).",
        discussion: """
            Questions come one at a time; answer a choice by its letter or number (several: a, c). Predict \
            questions run the lesson's demo for real, at normal speed, and compare. The end of input stops the \
            quiz with the score so far. A finished quiz's score is saved in the progress file.
            """)

    @Argument(help: ArgumentHelp("The lesson: its number (5), id (05-broken-pool) or name (broken-pool).",
                                 valueName: "lesson"))
    var lesson: String

    @Flag(help: "Plain line mode: no full-screen interface (the only mode of this command for now).")
    var plain = false

    @OptionGroup var options: LessonOptions

    func run() throws {
        let library = try options.library()
        let lesson = try options.lesson(self.lesson, in: library)
        let lang = options.language
        let store = ProgressStore()
        report(store.update { $0.open(lesson: lesson.id, at: Date()) }.1)

        let quiz = PlainQuiz(
            lesson: lesson, lang: lang, runDemo: DemoRunner.run,
            input: { Swift.readLine(strippingNewline: true) },
            output: { text in
                FileHandle.standardOutput.write(Data(text.utf8))
            },
            echo: isatty(STDIN_FILENO) == 0)
        let outcome = quiz.run()
        if outcome.finished, !lesson.quiz.isEmpty {
            let score = QuizScore(correct: outcome.correct, total: outcome.total, at: Date())
            report(store.update {
                $0.recordQuiz(lesson: lesson.id, score: score)
                $0.markDone(lesson: lesson.id)
            }.1)
        }
    }

    private func report(_ problems: [String]) {
        for p in problems { printError(p) }
    }
}
