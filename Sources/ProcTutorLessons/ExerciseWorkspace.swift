import Foundation
import ProcTutorCore

/// Where the student's copies of the exercises live: `$XDG_DATA_HOME/proctutor/exercises/LESSON/ID.py`
/// (default `~/.local/share/proctutor/exercises/…`). The student's work is never overwritten: a reset keeps the
/// old file as `ID.py.~N~`.
public struct ExerciseWorkspace: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        root = Self.defaultDirectory(environment: environment)
    }

    /// A relative `XDG_DATA_HOME` is ignored, as the XDG spec says.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return Paths.join(data, "proctutor/exercises") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return Paths.join(home, ".local/share/proctutor/exercises")
    }

    public func folder(lesson: Lesson) -> String { Paths.join(root, lesson.id) }

    public func file(lesson: Lesson, exercise: Exercise) -> String {
        Paths.join(folder(lesson: lesson), exercise.id + ".py")
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The student's file, copied from the starter when there is none yet. `created` says whether it was.
    public func prepare(lesson: Lesson, exercise: Exercise) throws -> (path: String, created: Bool) {
        let path = file(lesson: lesson, exercise: exercise)
        if FileManager.default.fileExists(atPath: path) { return (path, false) }
        try copyStarter(lesson: lesson, exercise: exercise, to: path)
        return (path, true)
    }

    /// Starts again from the starter; the old file, if any, is kept as `ID.py.~N~` (the first free N), whose
    /// path is returned.
    public func reset(lesson: Lesson, exercise: Exercise) throws -> (path: String, kept: String?) {
        let path = file(lesson: lesson, exercise: exercise)
        var kept: String?
        if FileManager.default.fileExists(atPath: path) {
            var n = 1
            while FileManager.default.fileExists(atPath: "\(path).~\(n)~") { n += 1 }
            do { try FileManager.default.moveItem(atPath: path, toPath: "\(path).~\(n)~") } catch {
                throw Failure(description: "cannot keep \(path) as \(path).~\(n)~: \(error.localizedDescription)")
            }
            kept = "\(path).~\(n)~"
        }
        try copyStarter(lesson: lesson, exercise: exercise, to: path)
        return (path, kept)
    }

    /// Writes `data` back to the student's file (after it was deleted while watched).
    public func restore(_ data: Data, to path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func copyStarter(lesson: Lesson, exercise: Exercise, to path: String) throws {
        let starter = lesson.path(of: exercise.starter)
        guard let data = FileManager.default.contents(atPath: starter) else {
            throw Failure(description: "cannot read the starter \(starter)")
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            // O_EXCL: a file that appeared since the check is the student's, and is never replaced.
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            try handle.close()
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure(description: "cannot create \(path): \(error.localizedDescription)")
        }
    }
}
