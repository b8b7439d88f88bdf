import ProcTutorCore

extension LessonLibrary {
    /// The lesson `name` names, as `lesson(named:)` finds it, reading only the `lesson.yaml` of the folders whose
    /// names suggest it: no other lesson, no Markdown text (for `proctutor run N`, which needs one lesson's demos).
    ///
    /// A folder name is only a hint: the number and id are the ones `lesson.yaml` gives, and must match. When no
    /// suggested folder holds the lesson, the whole library is loaded: a lesson in an oddly named folder is still
    /// found, and an unknown name is the same error, listing the known lessons. The lesson may come without its
    /// texts (`text` empty). One difference from the library: when two lessons claim the same number, or a lesson's
    /// id is not its folder's name (errors `proctutor check` reports), the lesson in the suggested folder wins.
    /// - Throws: `LessonLibraryError`, as `init(directory:)` and `lesson(named:)` do.
    public static func lesson(named name: String, in directory: String) throws -> Lesson {
        let query = LessonQuery(name)
        var candidates: [Lesson] = []
        var numbers: Set<Int> = []
        for folder in try lessonFolders(in: directory) where query.mayBe(folder: folder) {
            // As the library does: of two lessons with one number, the first folder's counts.
            guard let lesson = LessonLoader.load(folder: Paths.join(directory, folder), texts: false).lesson,
                  numbers.insert(lesson.number).inserted else { continue }
            candidates.append(lesson)
        }
        candidates.sort { ($0.number, $0.id) < ($1.number, $1.id) }
        if let lesson = match(name, in: candidates) { return lesson }
        return try LessonLibrary(directory: directory).lesson(named: name)
    }
}

/// What the user typed to name a lesson: a number (`5`, `05`), an id (`05-broken-pool`) or an id without its
/// number (`broken-pool`); case and surrounding spaces do not matter.
struct LessonQuery {
    /// Trimmed and lower-cased.
    let text: String

    init(_ name: String) {
        text = name.trimmingScalars(where: \.isSpaceOrTab).lowercased()
    }

    var number: Int? { Int(text) }

    /// `05-broken-pool` → `broken-pool` (and `pool` → `pool`), lower-cased.
    static func withoutNumber(_ id: String) -> String? {
        id.lowercased().split(separator: "-", maxSplits: 1).last.map(String.init)
    }

    /// Whether the folder's name suggests the lesson (lesson folders are named after their ids, `NN-name`).
    func mayBe(folder: String) -> Bool {
        if let number { return Int(folder.prefix { $0 >= "0" && $0 <= "9" }) == number }
        return folder.lowercased() == text || Self.withoutNumber(folder) == text
    }
}
