import ProcTutorCore

extension LessonLoader {
    /// Warnings, one per language, when the right answer is the strictly longest choice (in display columns, so a
    /// CJK character counts 2) in more than half of the quiz's single-choice questions: a right answer that alone
    /// carries its reason is longer than the distractors, and a student who picks the longest choice then passes
    /// without knowing. Empty with fewer than `answerPositionMinimum` single-choice questions.
    static func answerLengthWarnings(_ quiz: [Question]) -> [String] {
        let singles = quiz.compactMap { q -> (id: String, choices: [Localized], answer: Int)? in
            if case let .single(choices, answer) = q.kind { return (q.id, choices, answer) } else { return nil }
        }
        guard singles.count >= answerPositionMinimum else { return [] }
        return Lang.allCases.compactMap { lang in
            let longest = singles.filter { isStrictlyLongest($0.answer, of: $0.choices.map { $0[lang] }) }.map(\.id)
            guard longest.count * 2 > singles.count else { return nil }
            return "in \(lang == .zh ? "Chinese" : "English"), the right answer is the longest choice in "
                + "\(longest.count) of the quiz's \(singles.count) single-choice questions (\(longest.joined(separator: ", "))); "
                + "give some distractors the answer's length, so that picking the longest choice does not pay"
        }
    }

    /// Whether `choices[answer]` is wider than every other choice (a tie does not count).
    static func isStrictlyLongest(_ answer: Int, of choices: [String]) -> Bool {
        guard choices.indices.contains(answer) else { return false }
        let width = TextWidth.of(choices[answer])
        return choices.indices.allSatisfy { $0 == answer || TextWidth.of(choices[$0]) < width }
    }
}
