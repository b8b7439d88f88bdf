import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor

/// What `proctutor check` adds for exercises: every reference solution passes every check and every starter
/// fails at least one, against the real Python, so no exercise is vacuous or impossible.
enum ExerciseVerification {
    /// One problem per solution check that fails, per starter that passes everything, per file that cannot run.
    /// Files that do not exist or do not compile are skipped: the static check reports them already.
    static func problems(_ lessons: [Lesson], python: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for lesson in lessons {
            let yaml = lesson.path(of: "lesson.yaml")
            for exercise in lesson.exercises {
                let what = "exercise '\(exercise.id)'"
                for (role, file) in [("solution", exercise.solution), ("starter", exercise.starter)] {
                    let path = lesson.path(of: file)
                    guard ExerciseRunner.problem(of: path, python: python) == nil else { continue }
                    let report: ExerciseReport
                    do {
                        report = try ExerciseRunner.check(file: path, exercise: exercise, lesson: lesson, python: python)
                    } catch {
                        out.append(Diagnostic(path: yaml, line: exercise.line, column: exercise.column,
                                              "cannot run the \(role) \(file) of \(what): \(error)"))
                        continue
                    }
                    if role == "solution" {
                        for r in report.results where !r.passed {
                            out.append(Diagnostic(path: yaml, line: r.check.line, column: r.check.column,
                                                  "the solution \(file) of \(what) fails this check: \(r.label.en), observed \(r.observed)"
                                                  + (r.message.map { " (\($0.en))" } ?? "")))
                        }
                        for n in report.notes {
                            out.append(Diagnostic(path: yaml, line: exercise.line, column: exercise.column,
                                                  "the solution \(file) of \(what)\(n.method.map { " under \($0.rawValue)" } ?? ""): \(n.note.en)"))
                        }
                    } else if report.passed {
                        out.append(Diagnostic(path: yaml, line: exercise.line, column: exercise.column,
                                              "the starter \(file) of \(what) passes every check; a starter must fail at least one, or the exercise asks nothing"))
                    }
                }
            }
        }
        return out
    }
}
