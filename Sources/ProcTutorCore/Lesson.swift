/// The tutorial's two languages. Both are first-class: every text a student sees exists in both.
public enum Lang: String, Codable, Sendable, CaseIterable {
    case zh, en
}

/// A text in both languages.
public struct Localized: Equatable, Sendable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public subscript(lang: Lang) -> String {
        switch lang {
        case .zh: zh
        case .en: en
        }
    }
}

/// One runnable program of a lesson (lesson 5 has two: `original` and `fixed`).
public struct Demo: Equatable, Sendable {
    /// Short name used by `--variant` and the variant picker.
    public var name: String
    /// Path relative to the lesson folder.
    public var file: String
    public var title: Localized
    /// Start method forced for this demo, if any (nil: the interpreter's default).
    public var startMethod: StartMethod?
    /// Seconds after which a run of this demo is stopped (for a demo that never ends by itself), if the lesson
    /// sets it; nil: the runner's default.
    public var timeout: Double?

    public init(name: String, file: String, title: Localized, startMethod: StartMethod? = nil,
                timeout: Double? = nil) {
        self.name = name
        self.file = file
        self.title = title
        self.startMethod = startMethod
        self.timeout = timeout
    }
}

/// A lesson as loaded from its folder: pure values.
public struct Lesson: Equatable, Sendable {
    /// Folder name, e.g. `05-broken-pool`.
    public var id: String
    /// 1-based position, e.g. 5.
    public var number: Int
    public var title: Localized
    public var demos: [Demo]
    /// The lesson text, parsed, per language.
    public var text: [Lang: Document]
    public var quiz: [Question]
    /// Absolute path of the lesson folder.
    public var directory: String
    /// Exercises checked against the real run of the student's code (`proctutor exercise`).
    public var exercises: [Exercise]

    public init(id: String, number: Int, title: Localized, demos: [Demo], text: [Lang: Document],
                quiz: [Question], directory: String, exercises: [Exercise] = []) {
        self.exercises = exercises
        self.id = id
        self.number = number
        self.title = title
        self.demos = demos
        self.text = text
        self.quiz = quiz
        self.directory = directory
    }

    /// The demo with that name, or the first one (the default) when `name` is nil.
    public func demo(named name: String?) -> Demo? {
        guard let name else { return demos.first }
        return demos.first { $0.name == name }
    }

    /// The exercise with that id, or the first one when `id` is nil.
    public func exercise(named id: String?) -> Exercise? {
        guard let id else { return exercises.first }
        return exercises.first { $0.id == id }
    }

    /// Absolute path of a file of the lesson folder (a demo's, an exercise's starter or solution).
    public func path(of file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    /// Absolute path of a demo's program.
    public func path(of demo: Demo) -> String {
        directory.hasSuffix("/") ? directory + demo.file : directory + "/" + demo.file
    }
}
