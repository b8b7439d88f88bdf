import Foundation
import ProcTutorCore
import ProcTutorLessons

/// The interactive exercise: the workspace copy, then the watch loop.
enum ExerciseSession {
    static func open(lesson: Lesson, exercise: Exercise, python: String, reset: Bool, plain: Bool, lang: Lang) throws {
        throw failure("proctutor exercise: not yet")
    }
}
