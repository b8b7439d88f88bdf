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
    /// With `texts`, the lesson comes with its texts (the tutorial's first frame shows them).
    /// - Throws: `LessonLibraryError`, as `init(directory:)` and `lesson(named:)` do.
    public static func lesson(named name: String, in directory: String, texts: Bool = false) throws -> Lesson {
        let query = LessonQuery(name)
        var candidates: [Lesson] = []
        var numbers: Set<Int> = []
        for folder in try lessonFolders(in: directory) where query.mayBe(folder: folder) {
            // As the library does: of two lessons with one number, the first folder's counts.
            guard let lesson = LessonLoader.load(folder: Paths.join(directory, folder), texts: texts).lesson,
                  numbers.insert(lesson.number).inserted else { continue }
            candidates.append(lesson)
        }
        candidates.sort { ($0.number, $0.id) < ($1.number, $1.id) }
        if let lesson = match(name, in: candidates) { return lesson }
        return try LessonLibrary(directory: directory).lesson(named: name)
    }
}

/// What the tutorial's first frame needs, read without the other lessons: the lesson it opens at, with its
/// texts, and how many lesson folders there are (the lessons to come, for the lesson's position `1/5`).
///
/// Loading all five lessons is most of what the tutorial does before its first frame (YAML, quizzes, Markdown:
/// ~12 ms of the ~36 ms here), so the tutorial opens with this and loads the library right after the frame is
/// drawn (`LessonLibrary.opening(named:resume:)` then says which lesson the full library opens at: the same one,
/// unless folder names and lesson numbers disagree).
public struct LessonOpening: Sendable {
    public let lesson: Lesson
    /// Lesson folders in the lessons folder, the opened one included.
    public let folders: Int

    /// The lesson named `name` (an unknown one is the library's error, listing the known lessons), else the one
    /// with the id `resume` (the student's last lesson, when it still exists), else the first folder's lesson.
    /// - Throws: `LessonLibraryError`: no such folder, no lesson folder in it, no lesson of that name; or
    ///   `.empty` when no folder holds a lesson that loads.
    public static func read(named name: String?, resume: String?, in directory: String) throws -> LessonOpening {
        let folders = try LessonLibrary.lessonFolders(in: directory)
        if let name {
            return LessonOpening(lesson: try LessonLibrary.lesson(named: name, in: directory, texts: true),
                                 folders: folders.count)
        }
        if let resume, let lesson = try? LessonLibrary.lesson(named: resume, in: directory, texts: true),
           lesson.id == resume {
            return LessonOpening(lesson: lesson, folders: folders.count)
        }
        for folder in folders {
            if let lesson = LessonLoader.load(folder: Paths.join(directory, folder)).lesson {
                return LessonOpening(lesson: lesson, folders: folders.count)
            }
        }
        throw LessonLibraryError.empty(path: directory)
    }
}

extension LessonLibrary {
    /// The lesson the tutorial opens at: the one `name` names, else the student's last (`resume`, an id) if it
    /// is still there, else the first.
    /// - Throws: `LessonLibraryError.unknownLesson` for a `name` no lesson has.
    public func opening(named name: String?, resume: String?) throws -> Lesson? {
        if let name { return try lesson(named: name) }
        return resume.flatMap { id in lessons.first { $0.id == id } } ?? lessons.first
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
