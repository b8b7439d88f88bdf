import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// One broken fixture per kind of mistake, each with its exact message and position.
@Suite struct CheckTests {
    static let cases: [(String, [String])] = [
        ("yaml-syntax", ["01-hello/lesson.yaml:3:6: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 9)"]),
        ("duplicate-key", ["01-hello/lesson.yaml:2:1: key 'number' is given more than once in the same mapping; keep only one"]),
        ("missing-key", ["01-hello/lesson.yaml:1:1: lesson.yaml is missing the required key 'title'"]),
        ("wrong-type", ["01-hello/lesson.yaml:2:9: 'number' must be a whole number, not \"one\""]),
        ("quoted-number", ["01-hello/lesson.yaml:2:9: 'number' must be a number, written without quotes"]),
        ("number-zero", ["01-hello/lesson.yaml:2:9: 'number' must be 1 or more, not 0"]),
        ("unknown-key", ["01-hello/lesson.yaml:3:1: unknown key 'author' in lesson.yaml; expected one of: id, number, title, demos, text, quiz, exercises"]),
        ("misspelt-key", [
            "01-hello/lesson.yaml:14:5: question 'fork-fail' is missing the required key 'explanation'",
            "01-hello/lesson.yaml:22:5: unknown key 'explanaton' in question 'fork-fail'; did you mean 'explanation'?",
        ]),
        ("id-mismatch", ["01-hello/lesson.yaml:1:5: 'id' is \"01-hallo\" but the folder is named \"01-hello\"; they must be equal"]),
        ("duplicate-number", ["02-again/lesson.yaml:2:9: lesson number 1 is already used by '01-hello'; numbers must be unique"]),
        ("unknown-kind", ["01-hello/lesson.yaml:39:11: unknown question kind 'essay' in question 'module-name'; use one of: single, multiple, short, predict"]),
        ("answer-out-of-range", ["01-hello/lesson.yaml:21:13: answer 'd' of question 'fork-fail' is out of range: it has 3 choices (a–c or 1–3)"]),
        ("answer-number-out-of-range", ["01-hello/lesson.yaml:21:13: answer 4 of question 'fork-fail' is out of range: it has 3 choices (a–c or 1–3)"]),
        ("single-with-list", ["01-hello/lesson.yaml:21:13: question 'fork-fail' is a single-choice question: its 'answer' is one letter; use kind: multiple for several"]),
        ("multiple-empty", ["01-hello/lesson.yaml:30:13: the 'answer' of question 'fork-returns' is empty; list every right choice, like [a, c]"]),
        ("bad-observe", ["01-hello/lesson.yaml:46:14: unknown observation 'proceses' in question 'processes'; did you mean 'processes'?"]),
        ("predict-with-answer", ["01-hello/lesson.yaml:47:5: question 'processes' is a predict question: the real run gives its answer, so remove 'answer'"]),
        ("predict-unknown-demo", ["01-hello/lesson.yaml:52:11: question 'exit' runs demo 'fixed', but the lesson has no such demo (it has: demo)"]),
        ("bad-start-method", ["01-hello/lesson.yaml:53:19: 'start_method' must be fork, spawn or forkserver, not \"thread\""]),
        ("numeric-not-number", ["01-hello/lesson.yaml:35:14: question 'hi-lines' is numeric but its accepted answer \"two\" is not a number"]),
        ("duplicate-question-id", ["01-hello/lesson.yaml:38:9: two questions have the id 'fork-fail'; question ids must be unique in a lesson"]),
        ("missing-language", ["01-hello/lesson.yaml:4:3: 'title' is missing the English text 'en'; every text needs both zh and en"]),
        ("missing-demo-file", ["01-hello/lesson.yaml:8:11: demo file 'demo2.py' does not exist in the lesson folder"]),
        ("missing-text-file", ["01-hello/lesson.yaml:12:7: English text file 'text.english.md' does not exist in the lesson folder"]),
        ("demo-syntax-error", ["01-hello/demo.py:3:19: the demo does not compile: SyntaxError: expected ':'"]),
        ("markdown-html", [
            "01-hello/text.en.md:5:1: warning: raw HTML is not rendered in the terminal; it is shown as plain text",
            "01-hello/text.en.md:7:4: warning: images cannot be shown in the terminal; only their description is",
        ]),
        ("language-drift", [
            "01-hello/text.zh.md: warning: the texts differ in headings: 2 in Chinese, 1 in English; the two languages should match",
            "01-hello/text.zh.md: warning: the texts differ in Python code blocks: 0 in Chinese, 1 in English; the two languages should match",
        ]),
        ("bad-timeout", ["01-hello/lesson.yaml:10:14: the 'timeout' of demo 1 must be a number of seconds above 0, not \"-5\""]),
        ("empty-text", ["01-hello/text.zh.md:1:1: the lesson text is empty"]),
        ("answers-in-one-place", ["01-hello/lesson.yaml:14:3: warning: the quiz's 3 single-choice answers are all b; spread them over the positions so that guessing a position does not pay"]),
        ("longest-answers", [
            "01-hello/lesson.yaml:14:3: warning: in Chinese, the right answer is the longest choice in 2 of the quiz's 3 single-choice questions (fork-fail, pid-of-parent); give some distractors the answer's length, so that picking the longest choice does not pay",
            "01-hello/lesson.yaml:14:3: warning: in English, the right answer is the longest choice in 2 of the quiz's 3 single-choice questions (fork-fail, pid-of-parent); give some distractors the answer's length, so that picking the longest choice does not pay",
        ]),
        ("few-questions", ["01-hello/lesson.yaml:14:3: warning: the quiz has 2 questions; give at least 6"]),
        ("exercise-bad-observe", ["01-hello/lesson.yaml:64:18: unknown observation 'childrn' in check 1 of exercise 'fork-one'; did you mean 'children'?"]),
        ("exercise-bad-expect", ["01-hello/lesson.yaml:65:17: the 'expect' of check 1 of exercise 'fork-one' has min 3 above max 2; no run could pass"]),
        ("exercise-missing-starter", ["01-hello/lesson.yaml:59:14: exercise file 'start.py' does not exist in the lesson folder"]),
        ("exercise-order-count", ["01-hello/lesson.yaml:64:16: the 'order' of check 1 of exercise 'fork-one' lists two texts, [\"printed first\", \"printed after\"]; it has 1"]),
        ("exercise-missing-hints", [
            "01-hello/lesson.yaml:56:5: exercise 'fork-one' is missing the required key 'hints'",
            "01-hello/lesson.yaml:64:23: 'start_method' must be fork, spawn or forkserver, not \"threads\"",
        ]),
        ("no-lesson-yaml", ["01-hello: no lesson.yaml in this folder; every lesson folder needs one (see lessons/README.md)"]),
    ]

    @Test(arguments: cases)
    func reportsMistake(fixture: String, expected: [String]) {
        let dir = Fixture.broken(fixture)
        let check = LessonCheck(directory: dir)
        let got = check.problems.map { d -> String in
            var d = d
            if d.path.hasPrefix(dir + "/") { d.path.removeFirst(dir.count + 1) }
            return d.description
        }
        #expect(got == expected)
        let onlyWarnings = expected.allSatisfy { $0.contains(": warning: ") }
        #expect(check.passes(strict: false) == onlyWarnings)
        #expect(!check.passes(strict: true))
    }

    @Test func everyBrokenFixtureIsTested() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.root + "/broken").sorted()
        #expect(names == Self.cases.map(\.0).sorted())
    }

    @Test func goodFixtureIsClean() {
        let check = LessonCheck(directory: Fixture.good)
        #expect(check.problems == [])
        #expect(check.lessonCount == 2)
        #expect(check.passes(strict: true))
    }

    @Test func missingPythonIsReportedNotFatal() {
        let problems = DemoCompiler.check(files: [Fixture.good + "/01-hello/demo.py"], python: "no-such-python3")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("no-such-python3 not found on PATH") == true)
    }

    @Test func answerPositionsAreWarnedAboutOnlyWhenTheyCluster() {
        let l = Localized(zh: "x", en: "x")
        func single(_ answer: Int) -> Question {
            Question(id: "q\(answer)", prompt: l, kind: .single(choices: [l, l, l, l], answer: answer), explanation: l)
        }
        let other = Question(id: "m", prompt: l, kind: .multiple(choices: [l, l, l], answers: [0, 1, 2]), explanation: l)
        #expect(LessonLoader.answerPositionWarning([single(2), single(2), single(2)])?.contains("are all c;") == true)
        #expect(LessonLoader.answerPositionWarning([single(1), single(2), other, single(1), single(2)])?
            .contains("4 single-choice answers are all b or c;") == true)
        #expect(LessonLoader.answerPositionWarning([single(0), single(1), single(2)]) == nil)
        // Too few to tell; multiple-choice answers do not count.
        #expect(LessonLoader.answerPositionWarning([single(1), single(1), other]) == nil)
        #expect(LessonLoader.answerPositionWarning([]) == nil)
    }

    @Test func longestRightAnswersAreWarnedAboutPastHalf() {
        let l = Localized(zh: "x", en: "x")
        // The answer (b) is `zh`/`en` wide; the distractors are 4 columns (two CJK characters, or four letters).
        func single(_ id: String, zh: String, en: String) -> Question {
            let other = Localized(zh: "干扰", en: "abcd")
            return Question(id: id, prompt: l, kind: .single(choices: [other, Localized(zh: zh, en: en), other, other], answer: 1),
                            explanation: l)
        }
        let longZh = single("a", zh: "正确答案", en: "ab")     // 8 columns against 4 in Chinese, 2 against 4 in English
        let tieZh = single("b", zh: "正确", en: "abcd")        // a tie is not "longest"
        let short = single("c", zh: "对", en: "ab")
        let multi = Question(id: "m", prompt: l, kind: .multiple(choices: [l, l], answers: [0]), explanation: l)

        let two = LessonLoader.answerLengthWarnings([longZh, single("d", zh: "正确答案啊", en: "ab"), short, multi])
        #expect(two.count == 1)
        #expect(two.first?.hasPrefix("in Chinese, the right answer is the longest choice in 2 of the quiz's 3 single-choice questions (a, d);") == true,
                "\(two)")
        // Exactly half is not more than half; ties and multiple-choice questions do not count.
        #expect(LessonLoader.answerLengthWarnings([longZh, short, tieZh, short]) == [])
        #expect(LessonLoader.answerLengthWarnings([longZh, tieZh, tieZh, multi, multi]) == [])
        // Too few single-choice questions to tell.
        #expect(LessonLoader.answerLengthWarnings([longZh, longZh]) == [])
        // Both languages: one warning each. Width is display width: "正确答案" (8) beats "abcdefg" (7).
        let both = single("e", zh: "正确答案", en: "abcdefgh")
        let ws = LessonLoader.answerLengthWarnings([both, both, both])
        #expect(ws.count == 2)
        #expect(ws.last?.hasPrefix("in English, the right answer is the longest choice in 3 of the quiz's 3") == true)
        #expect(LessonLoader.isStrictlyLongest(0, of: ["正确答案", "abcdefg"]))
        #expect(!LessonLoader.isStrictlyLongest(0, of: ["正确", "abcd"]))
        #expect(!LessonLoader.isStrictlyLongest(5, of: ["a"]))
    }

    @Test func diagnosticFormats() {
        #expect(Diagnostic(path: "a.yaml", line: 3, column: 5, "bad").description == "a.yaml:3:5: bad")
        #expect(Diagnostic(path: "a.yaml", line: 3, "bad").description == "a.yaml:3: bad")
        #expect(Diagnostic(path: "dir", "bad", severity: .warning).description == "dir: warning: bad")
    }
}

@Suite struct BuiltInLessonsTests {
    /// The shipped lessons pass the strictest check: no errors, no warnings, at least 6 questions each.
    @Test func builtInLessonsAreClean() throws {
        let check = LessonCheck(directory: Fixture.builtIn)
        #expect(check.problems.map(\.description) == [])
        #expect(check.lessonCount == 5)
        let lib = try LessonLibrary(directory: Fixture.builtIn)
        for lesson in lib.lessons {
            #expect(lesson.quiz.count >= LessonLoader.recommendedQuestions, "\(lesson.id)")
            #expect(lesson.text[.zh]?.blocks.isEmpty == false, "\(lesson.id)")
            #expect(lesson.text[.en]?.blocks.isEmpty == false, "\(lesson.id)")
        }
    }

    /// Across the five quizzes, the right answer is the longest choice in at most a quarter of the single-choice
    /// questions, in each language (what chance gives with four choices; `check` warns only past half a quiz).
    @Test func rightAnswersAreSeldomTheLongestChoice() throws {
        let lib = try LessonLibrary(directory: Fixture.builtIn)
        let singles = lib.lessons.flatMap { lesson in
            lesson.quiz.compactMap { q -> (id: String, choices: [Localized], answer: Int)? in
                if case let .single(choices, answer) = q.kind { return ("\(lesson.id)/\(q.id)", choices, answer) }
                return nil
            }
        }
        #expect(singles.count >= 12)
        for lang in Lang.allCases {
            let longest = singles.filter { LessonLoader.isStrictlyLongest($0.answer, of: $0.choices.map { $0[lang] }) }.map(\.id)
            #expect(longest.count * 4 <= singles.count, "\(lang): \(longest.count) of \(singles.count): \(longest)")
        }
    }
}
