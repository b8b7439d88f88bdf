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

    /// A number as typed: "4", " 4.0", "-1", "1e3". Nil for anything else.
    public static func number(_ s: String) -> Double? {
        let t = halfwidth(s).trimmingWhitespace()
        guard !t.isEmpty, let d = Double(t), d.isFinite else { return nil }
        return d
    }

    static func matches(_ typed: String, _ accepted: String, numeric: Bool) -> Bool {
        if numeric, let a = number(typed), let b = number(accepted) {
            return abs(a - b) <= 1e-9 * max(1, abs(b))
        }
        return typed.trimmingWhitespace().lowercased() == halfwidth(accepted).trimmingWhitespace().lowercased()
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
