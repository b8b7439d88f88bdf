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

/// Issue 17: what a student types for a number or a name is read as they mean it, and no wrong answer is right.
@Suite struct AnswerNormalisationTests {
    static let l = Localized(zh: "x", en: "x")
    static func q(_ kind: Question.Kind) -> Question { Question(id: "q", prompt: l, kind: kind, explanation: l) }
    static let four = q(.short(accepted: ["4"], numeric: true))
    static let minus15 = q(.short(accepted: ["-15"], numeric: true))
    static let typeError = q(.short(accepted: ["TypeError"], numeric: false))
    static let broken = q(.short(accepted: ["BrokenProcessPool"], numeric: false))
    static let predict = q(.predict(observation: .processes, demo: nil, startMethod: nil))

    func grade(_ input: String, _ question: Question, observed: Int? = nil) -> Grade? {
        guard case let .success(a) = Grading.parse(input, for: question) else { return nil }
        return Grading.grade(a, for: question, observed: observed)
    }

    @Test func fullWidthDigitsAndUnits() {
        for right in ["４", "４行", "4行", "4 行", "4个", " 4 个进程 ", "4 lines", "4 Processes", "４　个", "四", "四行", "4.0 行"] {
            #expect(grade(right, Self.four) == .correct, "\(right)")
        }
        for wrong in ["5行", "3 or 4", "4 or 5", "4到5", "4个左右", "4多个", "十四", "4 5", "4x4", "44", "几个", "4 not", "四五个"] {
            #expect(grade(wrong, Self.four) != .correct, "\(wrong)")
        }
    }

    @Test func chineseNumerals() {
        let cases: [(String, Double)] = [("〇", 0), ("零", 0), ("三", 3), ("两", 2), ("两个", 2), ("十", 10), ("十二", 12),
                                         ("二十", 20), ("二十三", 23), ("九十九", 99), ("五个进程", 5), ("负三", -3)]
        for (typed, value) in cases { #expect(Grading.number(typed) == value, "\(typed)") }
        for bad in ["三四", "十十", "二十三四", "一百", "零十", "十二十"] { #expect(Grading.number(bad) == nil, "\(bad)") }
        #expect(grade("三个", Self.predict, observed: 3) == .correct)
        #expect(grade("二十三", Self.predict, observed: 23) == .correct)
        #expect(grade("二十", Self.predict, observed: 23) == .wrong)
    }

    @Test func unicodeMinusAndDashes() {
        for right in ["−15", "-15", "–15", "—15", "‐15", "－15", " - 15 ", "－１５"] {
            #expect(grade(right, Self.minus15) == .correct, "\(right)")
            #expect(grade(right, Self.predict, observed: -15) == .correct, "\(right)")
        }
        #expect(grade("15", Self.minus15) == .wrong)
        #expect(grade("−14", Self.predict, observed: -15) == .wrong)
        #expect(Grading.parse("2 processes", for: Self.predict) == .success(.number(2)))
        #expect(Grading.parse("2 or 3", for: Self.predict) == .failure(.notANumber("2 or 3")))
    }

    @Test func theWholeErrorLineForAnExceptionName() {
        for right in ["TypeError", " typeerror ", "TypeError: must be real number, not str", "TypeError:",
                      "builtins.TypeError: x", "ＴｙｐｅＥｒｒｏｒ：x"] {
            #expect(grade(right, Self.typeError) == .correct, "\(right)")
        }
        for wrong in ["ValueError: TypeError", "TypeErrors: x", "Type Error", "TypeError is raised", "xTypeError: y",
                      "ValueError"] {
            #expect(grade(wrong, Self.typeError) == .wrong, "\(wrong)")
        }
        #expect(grade("concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated abruptly",
                      Self.broken) == .correct)
        // A non-class answer takes no error line: "fork: x" is not "fork".
        #expect(grade("fork: x", GradingTests.short) == .wrong)
    }
}
