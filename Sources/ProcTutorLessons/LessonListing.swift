import ProcTutorCore

/// The table `proctutor lessons` prints: number, id, title, done, quiz scores. Pure: aligned by display width,
/// so Chinese titles (two columns per character) line up.
public enum LessonListing {
    public static func lines(_ lessons: [Lesson], progress: StudentProgress, lang: Lang) -> [String] {
        let header = [Localized(zh: "#", en: "#"), Localized(zh: "编号", en: "id"), Localized(zh: "标题", en: "title"),
                      Localized(zh: "完成", en: "done"), Localized(zh: "测验最好", en: "quiz best"),
                      Localized(zh: "测验上次", en: "quiz last"), Localized(zh: "练习", en: "exercises")]
        var rows: [[String]] = [header.map { $0[lang] }]
        for l in lessons {
            let p = progress[lesson: l.id]
            rows.append([String(l.number), l.id, l.title[lang], p.done ? "✓" : "-",
                         score(p.bestScore), score(p.lastScore), exercises(l, p)])
        }
        let widths = (0..<header.count).map { c in rows.map { TextWidth.of($0[c]) }.max() ?? 0 }
        var out = rows.map { row in
            row.enumerated().map { c, cell in
                TextWidth.pad(cell, to: widths[c], alignRight: c == 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        if let id = progress.lastLesson, let last = lessons.first(where: { $0.id == id }) {
            out.append("")
            out.append(Localized(zh: "上次学到：第 \(last.number) 课（\(last.id)）",
                                 en: "Last lesson: \(last.number) (\(last.id))")[lang])
        }
        return out
    }

    /// Exercises passed of the lesson's exercises (`1/1`), or `-` for a lesson without any.
    static func exercises(_ lesson: Lesson, _ p: LessonProgress) -> String {
        guard !lesson.exercises.isEmpty else { return "-" }
        let passed = lesson.exercises.filter { p.exercisesPassed.contains($0.id) }.count
        return "\(passed)/\(lesson.exercises.count)"
    }

    static func score(_ s: QuizScore?) -> String {
        s.map { "\($0.correct)/\($0.total)" } ?? "-"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
