import Foundation

/// The outcome of checking one file against an exercise: every check's result and what stopped a run.
public struct ExerciseReport: Equatable, Sendable {
    public var lesson: String
    public var exercise: String
    public var file: String
    public var results: [CheckResult]
    /// Per run whose program was stopped from outside (timeout, process limit): why, with its start method.
    public var notes: [(method: StartMethod?, note: Localized)]

    public init(lesson: String, exercise: String, file: String, results: [CheckResult],
                notes: [(method: StartMethod?, note: Localized)] = []) {
        self.lesson = lesson
        self.exercise = exercise
        self.file = file
        self.results = results
        self.notes = notes
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.lesson == b.lesson && a.exercise == b.exercise && a.file == b.file && a.results == b.results
            && a.notes.map(\.method) == b.notes.map(\.method) && a.notes.map(\.note) == b.notes.map(\.note)
    }

    public var passed: Bool { results.allSatisfy(\.passed) }
    public var passedCount: Int { results.filter(\.passed).count }

    /// Checks `exercise` against the events of its runs (one per start method it needs).
    public init(lesson: String, exercise: Exercise, file: String, runs: [StartMethod?: [Event]]) {
        self.init(lesson: lesson, exercise: exercise.id, file: file,
                  results: ExerciseGrading.evaluate(exercise, runs: runs))
        let timeout = exercise.timeout ?? Exercise.defaultTimeout
        notes = exercise.runs.compactMap { m in
            runs[m].flatMap { ExerciseGrading.stopNote(in: $0, timeout: timeout) }.map { (m, $0) }
        }
    }

    /// The report as lines for a terminal or a pipe: one per check (✓/✗, what it asks, the observed value), the
    /// message under a failed one, the notes, and a count.
    public func plainLines(lang: Lang) -> [String] {
        var out: [String] = []
        out.append(Localized(zh: "练习 \(lesson)/\(exercise)：\(file)", en: "exercise \(lesson)/\(exercise): \(file)")[lang])
        for n in notes {
            let m = n.method.map { " (\($0.rawValue))" } ?? ""
            out.append("! \(n.note[lang])\(m)")
        }
        for r in results {
            let seen = Localized(zh: "实际", en: "observed")[lang]
            out.append("\(r.passed ? "✓" : "✗") \(r.label[lang]) · \(seen) \(r.observed)")
            if let m = r.message { out.append("    \(m[lang])") }
        }
        let n = results.count, k = passedCount
        out.append((k == n ? Localized(zh: "全部 \(n) 项检查通过", en: "all \(n) checks passed")
                           : Localized(zh: "\(n) 项检查中通过 \(k) 项", en: "\(k) of \(n) checks passed"))[lang])
        return out
    }

    /// The report as one JSON object (for CI and grading scripts). Texts are in `lang`.
    public func json(lang: Lang) -> String {
        struct Check: Encodable {
            var check: String
            var start_method: String?
            var passed: Bool
            var observed: String
            var message: String?
        }
        struct Note: Encodable {
            var start_method: String?
            var note: String
        }
        struct Body: Encodable {
            var lesson: String
            var exercise: String
            var file: String
            var passed: Bool
            var checks: [Check]
            var notes: [Note]
        }
        let body = Body(lesson: lesson, exercise: exercise, file: file, passed: passed,
                        checks: results.map { Check(check: $0.label[lang], start_method: $0.startMethod?.rawValue,
                                                    passed: $0.passed, observed: $0.observed,
                                                    message: $0.message?[lang]) },
                        notes: notes.map { Note(start_method: $0.method?.rawValue, note: $0.note[lang]) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
