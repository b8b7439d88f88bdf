import Foundation
import ProcTutorCore

/// One lesson folder read from disk: the lesson (when its metadata is usable) and every problem found.
public struct LoadedLesson: Sendable {
    public var lesson: Lesson?
    public var problems: [Diagnostic]
    /// Where `number` was written, to position a duplicate number across lessons.
    var numberLine: Int?
    var numberColumn: Int?
}

/// Reads one lesson folder: `lesson.yaml`, the texts it names, and checks that the demos it names exist.
///
/// A lesson whose text or quiz has problems still loads (its demos can run); only a lesson without usable
/// `id`, `number` and `title` is left out.
public enum LessonLoader {
    /// The smallest quiz the built-in lessons have; a smaller one is a warning (instructors may want fewer).
    public static let recommendedQuestions = 6

    public static func load(folder: String) -> LoadedLesson {
        load(folder: folder, texts: true)
    }

    /// With `texts: false` only `lesson.yaml` is read: the lesson comes without its texts (`text` is empty), and
    /// only the problems of `lesson.yaml` itself are found (for `proctutor run N`, which needs only the demos).
    static func load(folder: String, texts: Bool) -> LoadedLesson {
        let folderName = URL(fileURLWithPath: folder).lastPathComponent
        let yamlPath = Paths.join(folder, "lesson.yaml")
        guard Paths.isFile(yamlPath) else {
            return LoadedLesson(problems: [Diagnostic(path: folder, "no lesson.yaml in this folder; every lesson folder needs one (see lessons/README.md)")])
        }
        guard let text = readText(yamlPath) else {
            return LoadedLesson(problems: [Diagnostic(path: yamlPath, "cannot read the file, or it is not UTF-8 text")])
        }
        var (file, problems) = LessonParser.parse(text, path: yamlPath, folderName: folderName)
        guard texts else { return loaded(file, documents: [:], problems: problems, folder: folder) }

        for demo in file.demos where !Paths.isFile(Paths.join(folder, demo.file)) {
            let n = file.demoFileNodes[demo.name]
            problems.append(Diagnostic(path: yamlPath, line: n?.mark?.line, column: n?.mark?.column,
                                       "demo file '\(demo.file)' does not exist in the lesson folder"))
        }

        for (name, node) in file.exerciseFiles where !Paths.isFile(Paths.join(folder, name)) {
            problems.append(Diagnostic(path: yamlPath, line: node.mark?.line, column: node.mark?.column,
                                       "exercise file '\(name)' does not exist in the lesson folder"))
        }

        var documents: [Lang: Document] = [:]
        for lang in Lang.allCases {
            guard let (name, node) = file.textFiles[lang] else { continue }
            let path = Paths.join(folder, name)
            guard Paths.isFile(path) else {
                problems.append(Diagnostic(path: yamlPath, line: node.mark?.line, column: node.mark?.column,
                                           "\(lang == .zh ? "Chinese" : "English") text file '\(name)' does not exist in the lesson folder"))
                continue
            }
            guard let md = readText(path) else {
                problems.append(Diagnostic(path: path, "cannot read the file, or it is not UTF-8 text"))
                continue
            }
            let (doc, mdProblems) = MarkdownParser.parse(md, path: path)
            documents[lang] = doc
            problems += mdProblems
        }

        if let zh = documents[.zh], let en = documents[.en], let (name, _) = file.textFiles[.zh] {
            problems += parity(zh: zh, en: en, zhPath: Paths.join(folder, name))
        }

        if file.quizItemCount < recommendedQuestions, file.id != nil {
            let n = file.quizNode
            problems.append(Diagnostic(path: yamlPath, line: n?.mark?.line, column: n?.mark?.column,
                                       "the quiz has \(file.quizItemCount) question\(file.quizItemCount == 1 ? "" : "s"); give at least \(recommendedQuestions)",
                                       severity: .warning))
        }

        if file.id != nil, let message = answerPositionWarning(file.quiz) {
            let n = file.quizNode
            problems.append(Diagnostic(path: yamlPath, line: n?.mark?.line, column: n?.mark?.column, message,
                                       severity: .warning))
        }

        if file.id != nil {
            let n = file.quizNode
            for message in answerLengthWarnings(file.quiz) {
                problems.append(Diagnostic(path: yamlPath, line: n?.mark?.line, column: n?.mark?.column, message,
                                           severity: .warning))
            }
        }

        return loaded(file, documents: documents, problems: problems, folder: folder)
    }

    /// Single-choice questions a quiz needs before the positions of their answers say anything.
    public static let answerPositionMinimum = 3

    /// A warning when every single-choice answer of the quiz sits in one or two positions ("all b", "all b or
    /// c"): a student who notices passes by position, not by knowing. Nil with fewer than
    /// `answerPositionMinimum` single-choice questions, or when the answers use three positions or more.
    static func answerPositionWarning(_ quiz: [Question]) -> String? {
        let answers = quiz.compactMap { q -> Int? in
            if case let .single(_, answer) = q.kind { return answer } else { return nil }
        }
        let positions = Set(answers).sorted()
        guard answers.count >= answerPositionMinimum, positions.count <= 2 else { return nil }
        let letters = positions.map(Grading.letter).joined(separator: " or ")
        return "the quiz's \(answers.count) single-choice answers are all \(letters); "
            + "spread them over the positions so that guessing a position does not pay"
    }

    /// The lesson, if its metadata is usable, with the problems found.
    private static func loaded(_ file: LessonFile, documents: [Lang: Document], problems: [Diagnostic],
                               folder: String) -> LoadedLesson {
        guard let id = file.id, let number = file.number, let title = file.title else {
            return LoadedLesson(problems: problems)
        }
        let lesson = Lesson(id: id, number: number, title: title, demos: file.demos, text: documents,
                            quiz: file.quiz, directory: Paths.standardized(folder), exercises: file.exercises)
        return LoadedLesson(lesson: lesson, problems: problems, numberLine: file.numberNode?.mark?.line,
                            numberColumn: file.numberNode?.mark?.column)
    }

    /// Warnings when the two languages visibly drift apart: a different number of headings or of Python code
    /// blocks (prose may differ freely; the structure and the code a student reads should not).
    static func parity(zh: Document, en: Document, zhPath: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard !zh.blocks.isEmpty, !en.blocks.isEmpty else { return out }  // "empty" is reported already
        let counts = [("headings", TextStats.headings), ("Python code blocks", TextStats.pythonBlocks)]
        for (what, count) in counts {
            let z = count(zh.blocks), e = count(en.blocks)
            if z != e {
                out.append(Diagnostic(path: zhPath, "the texts differ in \(what): \(z) in Chinese, \(e) in English; the two languages should match",
                                      severity: .warning))
            }
        }
        return out
    }

    /// The file's text, or nil if it cannot be read or is not UTF-8.
    static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// Counts over a parsed text, looking inside lists and quotes.
enum TextStats {
    static func headings(_ blocks: [Block]) -> Int {
        count(blocks) { if case .heading = $0 { true } else { false } }
    }

    static func pythonBlocks(_ blocks: [Block]) -> Int {
        count(blocks) { if case let .code(info, _) = $0 { info.lowercased().hasPrefix("py") } else { false } }
    }

    static func count(_ blocks: [Block], _ match: (Block) -> Bool) -> Int {
        blocks.reduce(0) { n, b in
            var m = n + (match(b) ? 1 : 0)
            switch b {
            case let .list(_, items): m += items.reduce(0) { $0 + count($1, match) }
            case let .quote(inner): m += count(inner, match)
            default: break
            }
            return m
        }
    }
}
