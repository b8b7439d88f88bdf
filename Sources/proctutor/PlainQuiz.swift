import Foundation
import ProcTutorCore

/// What running a demo for a predict question gave: the run's events, or why it could not run.
typealias DemoRunResult = Result<[Event], DemoRunFailure>

struct DemoRunFailure: Error {
    var message: String
}

/// The quiz in plain line mode: one question at a time on the output, answers read line by line.
///
/// No terminal control at all, so it works in a pipe and with a screen reader. The end of input stops the quiz
/// with the score so far.
struct PlainQuiz {
    let lesson: Lesson
    let lang: Lang
    /// Runs a demo program (absolute path) with an optional start method and time limit, to completion.
    let runDemo: (String, StartMethod?, Double?) -> DemoRunResult
    let input: () -> String?
    let output: (String) -> Void
    /// Whether to repeat each answer after the prompt (input from a pipe is not echoed by a terminal).
    let echo: Bool

    struct Outcome: Equatable {
        var correct = 0
        /// Questions scored (a predict question whose run could not tell is not scored).
        var total = 0
        /// Every question was answered (input did not end early).
        var finished = false
    }

    func run() -> Outcome {
        var out = Outcome()
        let questions = lesson.quiz
        write(QuizText.header(lesson, count: questions.count)[lang])
        guard !questions.isEmpty else {
            write(QuizText.noQuestions[lang])
            out.finished = true
            return out
        }
        write(QuizText.howTo[lang])
        for (i, q) in questions.enumerated() {
            write("")
            write(QuizText.question(i + 1, of: questions.count, q.kind)[lang])
            write(q.prompt[lang])
            if case let .single(choices, _) = q.kind { writeChoices(choices) }
            if case let .multiple(choices, _) = q.kind { writeChoices(choices) }
            guard let answer = ask(q) else {
                write("")
                write(QuizText.endedEarly(out.correct, out.total)[lang])
                return out
            }
            switch check(q, answer) {
            case .correct:
                out.correct += 1
                out.total += 1
            case .wrong:
                out.total += 1
            case .unobserved:
                break
            }
            write(q.explanation[lang])
        }
        write("")
        write(QuizText.score(out.correct, out.total)[lang])
        write(QuizText.passMark(out.correct, out.total)[lang])
        out.finished = true
        return out
    }

    private func writeChoices(_ choices: [Localized]) {
        for (i, c) in choices.enumerated() { write("  \(Grading.letter(i))) \(c[lang])") }
    }

    /// Reads until the answer parses; nil at the end of input.
    private func ask(_ q: Question) -> Answer? {
        while true {
            write("> ", newline: false)
            guard let line = input() else { return nil }
            // What was typed goes back to the terminal (echo, and quoted in the message): never raw.
            if echo { write(Sanitizer.sanitize(line)) }
            switch Grading.parse(line, for: q) {
            case let .success(a): return a
            case let .failure(problem): write(Sanitizer.sanitize(problem.message[lang]))
            }
        }
    }

    /// Grades the answer, running the demo first for a predict question, and says how it went.
    private func check(_ q: Question, _ answer: Answer) -> Grade {
        guard case let .predict(observation, demoName, method) = q.kind else {
            let grade = Grading.grade(answer, for: q)
            write((grade == .correct ? QuizText.right : QuizText.wrong(expected: Grading.expected(for: q)))[lang])
            return grade
        }
        guard let demo = lesson.demo(named: demoName) else {
            write(QuizText.notScored("no demo '\(demoName ?? "")'")[lang])
            return .unobserved
        }
        let startMethod = method ?? demo.startMethod
        write(QuizText.running(demo.file, startMethod)[lang])
        switch runDemo(lesson.path(of: demo), startMethod, demo.timeout) {
        case let .failure(failure):
            write(QuizText.notScored(failure.message)[lang])
            return .unobserved
        case let .success(events):
            let table = ProcessTable(events)
            write(QuizText.ran(processes: table.distinctPIDs, exitCode: Observation.exitCode.value(in: events),
                               seconds: events.last?.t ?? 0)[lang])
            var stoppedByStudent = false
            for case let .stopped(reason, _) in events.map(\.kind) {
                write(QuizText.stopped(reason)[lang])
                if reason == .interrupt || reason == .userStop { stoppedByStudent = true }
            }
            // A run cut short by the student shows only part of the story: not a fair check.
            if stoppedByStudent {
                write(QuizText.notScored(QuizText.youStopped[lang])[lang])
                return .unobserved
            }
            guard let value = observation.value(in: events) else {
                write(QuizText.notScored(QuizText.notObserved[lang])[lang])
                return .unobserved
            }
            write(QuizText.observed(value)[lang])
            let grade = Grading.grade(answer, for: q, observed: value)
            write((grade == .correct ? QuizText.right : QuizText.wrong(expected: nil))[lang])
            return grade
        }
    }

    private func write(_ s: String, newline: Bool = true) {
        output(newline ? s + "\n" : s)
    }
}
