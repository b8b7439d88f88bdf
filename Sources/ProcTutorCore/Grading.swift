/// A student's answer to one question, parsed from what they typed.
public enum Answer: Equatable, Sendable {
    /// A single-choice answer: the index of the choice (0 = a).
    case choice(Int)
    /// A multiple-choice answer: the indices picked.
    case choices(Set<Int>)
    /// A short answer as typed (trimmed).
    case text(String)
    /// A predicted count or exit code.
    case number(Int)
}

/// Why a typed answer could not be read; the quiz shows the message and asks again.
public enum AnswerProblem: Error, Equatable, Sendable {
    case empty
    /// Not a letter in a…(letter) nor a number in 1…count.
    case notAChoice(String, count: Int)
    case notANumber(String)

    public var message: Localized {
        switch self {
        case .empty:
            return Localized(zh: "请输入答案。", en: "Please type an answer.")
        case let .notAChoice(s, count):
            let range = "a–\(Grading.letter(count - 1))"
            return Localized(zh: "“\(s)”不是选项：请输入字母 \(range) 或数字 1–\(count)。",
                             en: "\"\(s)\" is not a choice: type a letter \(range) or a number 1–\(count).")
        case let .notANumber(s):
            return Localized(zh: "“\(s)”不是整数：请输入一个整数，例如 3。",
                             en: "\"\(s)\" is not a whole number: type a number such as 3.")
        }
    }
}

/// The verdict on one answer.
public enum Grade: Equatable, Sendable {
    case correct
    case wrong
    /// A predict question whose run did not show the value (the run failed or was stopped): not scored.
    case unobserved
}

/// Parsing and grading of quiz answers. Pure functions: the quiz screens and `quiz --plain` share them.
public enum Grading {
    /// The share of scored questions, in percent, a quiz needs for its lesson to count as done.
    public static let passPercent = 70

    /// Whether `correct` of `total` reaches the pass mark. A quiz with nothing scored does not.
    public static func passes(correct: Int, total: Int) -> Bool {
        total > 0 && correct * 100 >= passPercent * total
    }

    /// `correct` of `total` in whole percent, rounded down (0 for an empty quiz).
    public static func percent(correct: Int, total: Int) -> Int {
        total > 0 ? correct * 100 / total : 0
    }

    /// The letter of choice `index` (0 → "a").
    public static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(97 + max(0, min(index, 25)))))
    }

    /// Reads what the student typed for `question`. Full-width letters, digits and punctuation (typed with a
    /// Chinese input method) count as their ASCII forms.
    public static func parse(_ input: String, for question: Question) -> Result<Answer, AnswerProblem> {
        let s = halfwidth(input).trimmingWhitespace()
        if s.isEmpty { return .failure(.empty) }
        switch question.kind {
        case let .single(choices, _):
            return choiceIndex(s, count: choices.count).map { .success(.choice($0)) }
                ?? .failure(.notAChoice(s, count: choices.count))
        case let .multiple(choices, _):
            let count = choices.count
            var tokens = s.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "、" || $0 == "\t" })
                .map(String.init)
            // "ac" means a and c.
            if tokens.count == 1, tokens[0].count > 1, tokens[0].allSatisfy({ $0.isLetter }) {
                tokens = tokens[0].map { String($0) }
            }
            var picked: Set<Int> = []
            for t in tokens {
                guard let i = choiceIndex(t, count: count) else { return .failure(.notAChoice(t, count: count)) }
                picked.insert(i)
            }
            return picked.isEmpty ? .failure(.empty) : .success(.choices(picked))
        case .short:
            return .success(.text(s))
        case .predict:
            guard let d = number(s), d == d.rounded(), abs(d) < 1e9 else { return .failure(.notANumber(s)) }
            return .success(.number(Int(d)))
        }
    }

    /// Grades a parsed answer. For a predict question, `observed` is the observation's value in the real run.
    public static func grade(_ answer: Answer, for question: Question, observed: Int? = nil) -> Grade {
        switch (question.kind, answer) {
        case let (.single(_, right), .choice(i)):
            return i == right ? .correct : .wrong
        case let (.multiple(_, right), .choices(picked)):
            return picked == right ? .correct : .wrong
        case let (.short(accepted, numeric), .text(t)):
            return accepted.contains { matches(t, $0, numeric: numeric) } ? .correct : .wrong
        case let (.predict, .number(n)):
            guard let observed else { return .unobserved }
            return n == observed ? .correct : .wrong
        default:
            return .wrong
        }
    }

    /// The right answer as the student would type it: "b", "a, c", the first accepted text, or the observed value.
    public static func expected(for question: Question, observed: Int? = nil) -> String? {
        switch question.kind {
        case let .single(_, right): return letter(right)
        case let .multiple(_, right): return right.sorted().map(letter).joined(separator: ", ")
        case let .short(accepted, _): return accepted.first
        case .predict: return observed.map(String.init)
        }
    }

    /// A number as typed: "4", " 4.0", "-1", "1e3", full-width "４", Chinese "二十三" or "两", a minus that is
    /// a Unicode minus or dash ("−15"), and a unit after it ("4行", "5 个进程", "2 processes"). Nil for anything
    /// else — in particular for a hedge ("3 or 4", "3个左右", "至少 3 个"), which is not an answer.
    public static func number(_ s: String) -> Double? {
        let t = normalized(s)
        guard !t.isEmpty else { return nil }
        if let d = Double(t), d.isFinite { return d }
        return numberWithUnit(t)
    }

    /// What an answer compares as: full-width forms as ASCII, every dash and the Unicode minus as "-",
    /// runs of spaces as one, no spaces around, lower case.
    public static func normalized(_ s: String) -> String {
        let dashed = String(halfwidth(s).map { dashes.contains($0) ? "-" : $0 })
        return dashed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    /// U+2212 minus, the hyphens and dashes U+2010…U+2015, the small and full-width hyphen-minus.
    static let dashes: Set<Character> = ["\u{2212}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}",
                                         "\u{2015}", "\u{FE58}", "\u{FE63}", "\u{FF0D}"]

    static let chineseDigits: [Character: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                                                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// "三" 3, "十" 10, "十二" 12, "二十" 20, "二十三" 23, "〇" 0: 0…99 written in Chinese numerals. Nil for
    /// anything else ("三四", "十十").
    static func chineseNumber(_ s: String) -> Int? {
        let c = Array(s)
        func digit(_ i: Int) -> Int? { c.indices.contains(i) ? chineseDigits[c[i]] : nil }
        switch c.count {
        case 1: return c[0] == "十" ? 10 : digit(0)
        case 2:
            if c[0] == "十", let d = digit(1) { return 10 + d }
            if c[1] == "十", let d = digit(0), d > 0 { return d * 10 }
            return nil
        case 3:
            guard c[1] == "十", let tens = digit(0), tens > 0, let ones = digit(2) else { return nil }
            return tens * 10 + ones
        default: return nil
        }
    }

    /// Words after a number that make it not an answer but a guess at a range.
    static let hedges = ["多", "几", "些", "左右", "以上", "以下", "不", "没", "无", "或", "到", "至", "约", "大概", "余"]
    static let hedgeWords: Set<String> = ["or", "to", "not", "no", "about", "more", "less", "than", "least", "most",
                                          "and", "plus", "maybe", "approximately", "around", "over", "under"]

    /// A sign, a number (ASCII or Chinese numerals), then a unit of letters only ("行", "个进程", "processes").
    static func numberWithUnit(_ t: String) -> Double? {
        var rest = Substring(t)
        var sign = 1.0
        if rest.first == "-" || rest.first == "负" { sign = -1; rest = rest.dropFirst() }
        else if rest.first == "+" { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        let ascii = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let value: Double
        if !ascii.isEmpty {
            guard let d = Double(ascii), d.isFinite else { return nil }
            value = d
            rest = rest.dropFirst(ascii.count)
        } else {
            let zh = rest.prefix { chineseDigits[$0] != nil || $0 == "十" }
            guard !zh.isEmpty, let n = chineseNumber(String(zh)) else { return nil }
            value = Double(n)
            rest = rest.dropFirst(zh.count)
        }
        let unit = String(rest).trimmingWhitespace()
        guard unit.isEmpty || isUnit(unit) else { return nil }
        return sign * value
    }

    static func isUnit(_ u: String) -> Bool {
        guard u.count <= 24, u.allSatisfy({ $0.isLetter || $0 == " " }) else { return false }
        // A numeral in the unit means the number went on ("一百", "三十万"): not one read here.
        if u.contains(where: { chineseDigits[$0] != nil || "十百千万亿".contains($0) }) { return false }
        if hedges.contains(where: { u.contains($0) }) { return false }
        return !u.split(separator: " ").contains { hedgeWords.contains(String($0)) }
    }

    static func matches(_ typed: String, _ accepted: String, numeric: Bool) -> Bool {
        if numeric, let a = number(typed), let b = number(accepted) {
            return abs(a - b) <= 1e-9 * max(1, abs(b))
        }
        let t = normalized(typed), a = normalized(accepted)
        if t == a { return true }
        // The whole line Python printed for an exception: "TypeError: must be real number, not str".
        if isExceptionName(accepted), let colon = t.firstIndex(of: ":") {
            let head = String(t[..<colon]).trimmingWhitespace()
            return head == a || head.hasSuffix("." + a)
        }
        return false
    }

    /// A (dotted) Python class name: "TypeError", "concurrent.futures.process.BrokenProcessPool".
    static func isExceptionName(_ s: String) -> Bool {
        let t = s.trimmingWhitespace()
        guard let last = t.split(separator: ".", omittingEmptySubsequences: false).last,
              let first = last.first, first.isASCII, first.isUppercase else { return false }
        return t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
    }

    /// "b", "B", "2", "b)" → 1, when in range.
    static func choiceIndex(_ s: String, count: Int) -> Int? {
        var t = s.lowercased()
        if t.count > 1, let last = t.last, last == ")" || last == "." { t.removeLast() }
        if let n = Int(t) { return (1...max(1, count)).contains(n) ? n - 1 : nil }
        guard t.count == 1, let c = t.unicodeScalars.first, ("a"..."z").contains(c) else { return nil }
        let i = Int(c.value) - 97
        return i < count ? i : nil
    }

    /// Full-width ASCII forms (U+FF01…U+FF5E) and the ideographic space as plain ASCII.
    static func halfwidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value), let a = UnicodeScalar(u.value - 0xFEE0) { out.append(a) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}
