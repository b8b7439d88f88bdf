import ArgumentParser
import Foundation
import Glibc
import ProcTutorCore
import ProcTutorLessons
import ProcTutorTerminal

/// `proctutor quiz LESSON`: the lesson's quiz in the full-screen tutorial, or line by line with `--plain`.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Take a lesson's quiz: in the tutorial, or in plain line mode (--plain: answers from stdin).",
        discussion: """
            Without --plain the tutorial opens in the lesson's quiz (where the terminal cannot show it — \
            TERM=dumb, not a terminal — the plain mode runs instead). In plain mode questions come one at a \
            time; answer a choice by its letter or number (several: a, c). Predict questions run the lesson's \
            demo for real, at normal speed, and compare. The end of input stops the quiz with the score so far. \
            A finished quiz's score is saved in the progress file.
            """)

    @Argument(help: ArgumentHelp("The lesson: its number (5), id (05-broken-pool) or name (broken-pool).",
                                 valueName: "lesson"))
    var lesson: String

    @Flag(help: "Plain line mode: no full-screen interface; answers read from stdin (pipes, screen readers).")
    var plain = false

    @OptionGroup var options: LessonOptions

    func run() throws {
        let library = try options.library()
        let lesson = try options.lesson(self.lesson, in: library)
        let lang = options.language
        let environment = ProcessInfo.processInfo.environment
        let store = ProgressStore(environment: environment)
        if !plain && Tutorial.canRunFullScreen(environment: environment) {
            let (progress, problems) = store.load()
            do {
                try Learn.fullScreen(.loaded(library, at: lesson), lang: lang, store: store, progress: progress,
                                     notes: problems, environment: environment, openQuiz: true)
                return
            } catch let error as TerminalError {
                printError(CLI.quizPlainInstead("\(error)")[options.language])
            }
        }
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
                $0.recordFinishedQuiz(lesson: lesson.id, score: score)
            }.1)
        }
    }

    private func report(_ problems: [String]) {
        for p in problems { printError(p) }
    }
}
