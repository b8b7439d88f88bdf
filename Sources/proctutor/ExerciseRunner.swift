import Foundation
@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorUI

/// Runs a student's file for an exercise: once per start method its checks need, under the supervisor, with
/// the exercise's timeout and the process limit; then grades the runs. Ctrl-C ends proctutor; its supervisor sees the
/// command socket close and takes the run's whole tree down.
enum ExerciseRunner {
    /// Why a file could not be checked at all (exit 2 of `--check`): not there, does not compile, no Python.
    struct BadInput: Error, CustomStringConvertible {
        var description: String
    }

    /// The problem that keeps `file` from running, with Python's own message and position for a syntax error;
    /// nil when it compiles.
    static func problem(of file: String, python: String?) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else { return "\(file): no such file" }
        if isDir.boolValue { return "\(file) is a folder; give a Python file" }
        guard FileManager.default.isReadableFile(atPath: file) else { return "\(file): cannot read it (permission denied)" }
        let compiled = DemoCompiler.check(files: [file], python: python ?? "python3")
        guard let d = compiled.first else { return nil }
        var plain = d
        plain.message = d.message.replacingOccurrences(of: "the demo does not compile: ", with: "")
        return plain.description
    }

    /// The report of `file` against `exercise`. Throws `BadInput` when the file cannot run at all.
    static func check(file: String, exercise: Exercise, lesson: Lesson, python: String?) throws -> ExerciseReport {
        if let p = problem(of: file, python: python) { throw BadInput(description: p) }
        var runs: [StartMethod?: [Event]] = [:]
        var vanished = false
        for method in exercise.runs {
            // A program that deletes its own file: the runs done so far count, the others did not take place.
            if !FileManager.default.fileExists(atPath: file) { vanished = true; break }
            runs[method] = try run(file: file, exercise: exercise, method: method, python: python)
        }
        var report = ExerciseReport(lesson: lesson.id, exercise: exercise, file: file, runs: runs)
        if vanished { report.notes.append((nil, ExerciseTexts.vanished)) }
        return report
    }

    /// One run's events.
    static func run(file: String, exercise: Exercise, method: StartMethod?, python: String?) throws -> [Event] {
        let config = RunConfig(program: file, python: python, startMethod: method,
                               timeout: exercise.timeout ?? Exercise.defaultTimeout,
                               maxProcesses: Exercise.processLimit, linger: 1)
        do { return try RunToEnd.run(config).events } catch {
            throw BadInput(description: "\(error)")
        }
    }
}
