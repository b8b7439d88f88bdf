import Testing
@testable import ProcTutorCore

@Suite struct GradingTests {
    static let l = Localized(zh: "x", en: "x")
    static func q(_ kind: Question.Kind) -> Question {
        Question(id: "q", prompt: l, kind: kind, explanation: l)
    }
    static let single = q(.single(choices: [l, l, l], answer: 1))
    static let multiple = q(.multiple(choices: [l, l, l, l], answers: [0, 2]))
    static let short = q(.short(accepted: ["fork", "os.fork"], numeric: false))
    static let numeric = q(.short(accepted: ["4"], numeric: true))
    static let predict = q(.predict(observation: .processes, demo: nil, startMethod: nil))

    func grade(_ input: String, _ question: Question, observed: Int? = nil) -> Grade? {
        guard case let .success(a) = Grading.parse(input, for: question) else { return nil }
        return Grading.grade(a, for: question, observed: observed)
    }

    @Test func singleByLetterOrNumber() {
        for right in ["b", "B", " b ", "2", "b)", "ｂ", "２"] { #expect(grade(right, Self.single) == .correct, "\(right)") }
        for wrong in ["a", "3", "c"] { #expect(grade(wrong, Self.single) == .wrong, "\(wrong)") }
        #expect(Grading.parse("d", for: Self.single) == .failure(.notAChoice("d", count: 3)))
        #expect(Grading.parse("4", for: Self.single) == .failure(.notAChoice("4", count: 3)))
        #expect(Grading.parse("0", for: Self.single) == .failure(.notAChoice("0", count: 3)))
        #expect(Grading.parse("   ", for: Self.single) == .failure(.empty))
        #expect(Grading.parse("", for: Self.single) == .failure(.empty))
    }

    @Test func multipleIsSetEquality() {
        for right in ["a,c", "c, a", "1 3", "a c", "ac", "A;C", "a,c,a", "a，c", "a、c"] {
            #expect(grade(right, Self.multiple) == .correct, "\(right)")
        }
        for wrong in ["a", "a,b,c", "c", "1 2 3 4"] { #expect(grade(wrong, Self.multiple) == .wrong, "\(wrong)") }
        #expect(Grading.parse("a,e", for: Self.multiple) == .failure(.notAChoice("e", count: 4)))
        #expect(Grading.parse(",", for: Self.multiple) == .failure(.empty))
    }

    @Test func shortIsTrimmedAndCaseInsensitive() {
        #expect(grade(" FORK ", Self.short) == .correct)
        #expect(grade("os.Fork", Self.short) == .correct)
        #expect(grade("spawn", Self.short) == .wrong)
        #expect(grade("forks", Self.short) == .wrong)
    }

    @Test func shortNumericComparesNumbers() {
        for right in ["4", "4.0", " 04 ", "４", "4e0"] { #expect(grade(right, Self.numeric) == .correct, "\(right)") }
        for wrong in ["5", "4.1", "four"] { #expect(grade(wrong, Self.numeric) == .wrong, "\(wrong)") }
    }

    @Test func predictComparesWithTheObservation() {
        #expect(grade("6", Self.predict, observed: 6) == .correct)
        #expect(grade("6.0", Self.predict, observed: 6) == .correct)
        #expect(grade("5", Self.predict, observed: 6) == .wrong)
        #expect(grade("-1", Self.predict, observed: -1) == .correct)
        #expect(grade("6", Self.predict, observed: nil) == .unobserved)
        #expect(Grading.parse("six", for: Self.predict) == .failure(.notANumber("six")))
        #expect(Grading.parse("2.5", for: Self.predict) == .failure(.notANumber("2.5")))
    }

    @Test func answerOfTheWrongShapeIsWrong() {
        #expect(Grading.grade(.text("b"), for: Self.single) == .wrong)
        #expect(Grading.grade(.choice(1), for: Self.multiple) == .wrong)
    }

    @Test func expectedAnswerAsTyped() {
        #expect(Grading.expected(for: Self.single) == "b")
        #expect(Grading.expected(for: Self.multiple) == "a, c")
        #expect(Grading.expected(for: Self.short) == "fork")
        #expect(Grading.expected(for: Self.predict, observed: 6) == "6")
        #expect(Grading.expected(for: Self.predict) == nil)
    }

    @Test func problemMessagesInBothLanguages() {
        let m = AnswerProblem.notAChoice("z", count: 3).message
        #expect(m.en == "\"z\" is not a choice: type a letter a–c or a number 1–3.")
        #expect(m.zh == "“z”不是选项：请输入字母 a–c 或数字 1–3。")
    }

    @Test func languageFromLocale() {
        #expect(Lang.preferred(environment: [:]) == .en)
        #expect(Lang.preferred(environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Lang.preferred(environment: ["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]) == .en)
        #expect(Lang.preferred(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"]) == .zh)
        #expect(Lang.preferred(environment: ["LC_ALL": "", "LANG": "zh_CN"]) == .zh)
        #expect(Lang.preferred(environment: ["LANG": "C.UTF-8"]) == .en)
    }
}
