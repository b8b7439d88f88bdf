import ProcTutorCore
import Yams

/// The contents of one `lesson.yaml`, read into Core values with every problem positioned.
///
/// Text files are only named here; `LessonLoader` reads and parses them.
struct LessonFile {
    var id: String?
    var number: Int?
    /// The node of `number`, to position the "duplicate number" problem.
    var numberNode: Node?
    var title: Localized?
    var demos: [Demo] = []
    /// The node of each demo's `file`, to position "file not found".
    var demoFileNodes: [String: Node] = [:]
    /// `text.zh` / `text.en` file names and their nodes.
    var textFiles: [Lang: (name: String, node: Node)] = [:]
    var quiz: [Question] = []
    /// How many questions the file lists, valid or not (a broken question is reported on its own).
    var quizItemCount = 0
    /// The node of the `quiz` key's value (or the root), to position "too few questions".
    var quizNode: Node?
    var exercises: [Exercise] = []
    /// Each exercise's starter and solution file names with their nodes, to position "file not found".
    var exerciseFiles: [(name: String, node: Node)] = []
}

/// Reads a `lesson.yaml` text. Pure: no file access.
enum LessonParser {
    static let startMethods: [StartMethod] = [.fork, .spawn, .forkserver]

    /// Parses `text` (the contents of `path`) for the lesson folder named `folderName`.
    static func parse(_ text: String, path: String, folderName: String) -> (LessonFile, [Diagnostic]) {
        var r = YAMLReader(path: path)
        var file = LessonFile()
        guard let root = r.compose(text) else { return (file, r.problems) }
        guard let f = r.fields(root, "lesson.yaml", required: ["id", "number", "title", "demos", "text"],
                               optional: ["quiz", "exercises"]) else { return (file, r.problems) }

        if let node = f["id"], let id = r.string(node, "'id'") {
            if id != folderName {
                r.report(node, "'id' is \"\(id)\" but the folder is named \"\(folderName)\"; they must be equal")
            }
            file.id = id
        }
        if let node = f["number"], let n = r.int(node, "'number'") {
            if n < 1 { r.report(node, "'number' must be 1 or more, not \(n)") } else { file.number = n; file.numberNode = node }
        }
        if let node = f["title"] { file.title = r.localized(node, "'title'") }
        if let node = f["demos"] { parseDemos(node, into: &file, &r) }
        if let node = f["text"], let t = r.fields(node, "'text'", required: ["zh", "en"]) {
            for lang in Lang.allCases {
                if let n = t[lang.rawValue], let name = r.string(n, "'text.\(lang.rawValue)'") {
                    file.textFiles[lang] = (name, n)
                }
            }
        }
        file.quizNode = f["quiz"] ?? root
        if let node = f["quiz"], node.scalar?.string.isEmpty != true {
            file.quiz = QuizParser.parse(node, demos: file.demos.map(\.name), &r)
            file.quizItemCount = node.sequence?.count ?? 0
        }
        if let node = f["exercises"] {
            (file.exercises, file.exerciseFiles) = ExerciseParser.parse(node, &r)
        }
        return (file, r.problems)
    }

    private static func parseDemos(_ node: Node, into file: inout LessonFile, _ r: inout YAMLReader) {
        guard let items = r.sequence(node, "'demos'") else { return }
        if items.isEmpty { r.report(node, "'demos' is empty; a lesson needs at least one program to run") }
        for (i, item) in items.enumerated() {
            let what = "demo \(i + 1)"
            guard let f = r.fields(item, what, required: ["name", "file", "title"], optional: ["start_method", "timeout"])
            else { continue }
            let name = f["name"].flatMap { r.string($0, "the 'name' of \(what)") }
            let fileName = f["file"].flatMap { r.string($0, "the 'file' of \(what)") }
            let title = f["title"].flatMap { r.localized($0, "the 'title' of \(what)") }
            var method: StartMethod?
            if let m = f["start_method"] { method = startMethod(m, &r) }
            var timeout: Double?
            if let t = f["timeout"] {
                if let s = t.scalar?.string, t.scalar?.style == .plain, let d = Double(s), d > 0, d.isFinite {
                    timeout = d
                } else {
                    r.report(t, "the 'timeout' of \(what) must be a number of seconds above 0, not \(r.describe(t))")
                }
            }
            guard let name, let fileName, let title else { continue }
            if file.demos.contains(where: { $0.name == name }) {
                r.report(f["name"], "two demos are named '\(name)'; demo names must be unique in a lesson")
                continue
            }
            if fileName.hasPrefix("/") || fileName.split(separator: "/").contains("..") {
                r.report(f["file"], "the 'file' of \(what) must be a path inside the lesson folder, not \"\(fileName)\"")
                continue
            }
            file.demos.append(Demo(name: name, file: fileName, title: title, startMethod: method, timeout: timeout))
            file.demoFileNodes[name] = f["file"]
        }
    }

    /// `fork`, `spawn` or `forkserver`.
    static func startMethod(_ node: Node, _ r: inout YAMLReader) -> StartMethod? {
        guard let s = r.string(node, "'start_method'") else { return nil }
        if let m = StartMethod(rawValue: s), startMethods.contains(m) { return m }
        r.report(node, "'start_method' must be fork, spawn or forkserver, not \"\(s)\"")
        return nil
    }
}
