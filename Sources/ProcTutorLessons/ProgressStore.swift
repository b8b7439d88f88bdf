import Foundation
import Glibc
import ProcTutorCore

/// Reads and writes a student's progress in `$XDG_STATE_HOME/proctutor/progress.json`.
///
/// Never fatal: a corrupt or unreadable file is set aside as `progress.json.corrupt-<time>` and reported; a
/// folder that cannot be written is reported and the tutorial goes on. Each report is one line for stderr.
/// Writes are atomic (temporary file in the same folder, fsync, rename) and done under an exclusive `flock` on
/// `progress.json.lock`, re-reading and merging first, so two tutorials saving at once lose nothing.
public struct ProgressStore: Sendable {
    /// The folder holding `progress.json`.
    public let directory: String

    public var file: String { Paths.join(directory, "progress.json") }
    var lockFile: String { Paths.join(directory, "progress.json.lock") }

    public init(directory: String) {
        self.directory = directory
    }

    /// The store at the standard place for this environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(directory: Self.defaultDirectory(environment: environment))
    }

    /// `$XDG_STATE_HOME/proctutor`, or `~/.local/state/proctutor` when it is unset or not absolute (as the XDG
    /// spec says).
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return Paths.join(state, "proctutor") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return Paths.join(home, ".local/state/proctutor")
    }

    /// The saved progress (empty if there is none), and one message per problem met.
    public func load() -> (StudentProgress, [String]) {
        var problems: [String] = []
        let lock = Lock(path: lockFile, createIn: nil)
        defer { lock.release() }
        return (read(&problems), problems)
    }

    /// Applies `change` to the latest saved progress and saves the result, all under the lock.
    /// - Returns: the progress as saved (or as it would have been, if saving failed) and the problems met.
    @discardableResult
    public func update(_ change: (inout StudentProgress) -> Void) -> (StudentProgress, [String]) {
        var problems: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            var p = StudentProgress()
            change(&p)
            return (p, ["proctutor: cannot create \(directory) (\(Self.reason(error))); progress is not saved"])
        }
        let lock = Lock(path: lockFile, createIn: directory)
        defer { lock.release() }
        if lock.isHeld { removeStaleTemporaries() }
        var progress = read(&problems)
        change(&progress)
        if let failure = write(progress) {
            problems.append("proctutor: cannot save progress to \(file) (\(failure)); progress is not saved")
        }
        return (progress, problems)
    }

    /// Saves `progress` merged with what is on disk (nothing already saved is lost).
    @discardableResult
    public func save(_ progress: StudentProgress) -> (StudentProgress, [String]) {
        update { $0 = $0.merged(with: progress) }
    }

    // MARK: - Reading

    private func read(_ problems: inout [String]) -> StudentProgress {
        guard FileManager.default.fileExists(atPath: file) else { return StudentProgress() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            setAside(because: "cannot be read: \(Self.reason(error))", &problems)
            return StudentProgress()
        }
        do {
            return try Self.decoder.decode(StudentProgress.self, from: data)
        } catch {
            setAside(because: "is corrupt: \(Self.reason(error))", &problems)
            return StudentProgress()
        }
    }

    /// Moves the bad file out of the way so the next save starts afresh, keeping it for the curious.
    private func setAside(because why: String, _ problems: inout [String]) {
        let stamp = Self.stampFormatter.string(from: Date())
        var target = file + ".corrupt-" + stamp
        var n = 2
        while FileManager.default.fileExists(atPath: target) {
            target = file + ".corrupt-" + stamp + "-\(n)"
            n += 1
        }
        if Glibc.rename(file, target) == 0 {
            problems.append("proctutor: progress file \(file) \(why); moved it to \(target) and started afresh")
        } else {
            let err = String(cString: strerror(errno))
            problems.append("proctutor: progress file \(file) \(why); could not move it aside (\(err)); progress is not loaded")
        }
    }

    // MARK: - Writing

    /// Removes temporary files of saves that were killed mid-write. Every save writes its temporary file while
    /// holding the lock, so whatever temporary file exists while we hold it belongs to a writer that is gone.
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".progress.json.tmp-") {
            unlink(Paths.join(directory, name))
        }
    }

    /// Writes atomically; returns why it failed, or nil.
    private func write(_ progress: StudentProgress) -> String? {
        guard let data = try? Self.encoder.encode(progress) else { return "cannot encode progress" }
        let temp = Paths.join(directory, ".progress.json.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var ok = data.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return true
        }
        let err = errno
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, Glibc.rename(temp, file) == 0 else {
            let why = String(cString: strerror(ok ? errno : err))
            unlink(temp)
            return why
        }
        // Make the rename itself durable.
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
        return nil
    }

    // MARK: - Formats

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static let stampFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f
    }()

    /// A short reason for a one-line message.
    static func reason(_ error: Error) -> String {
        switch error {
        case let DecodingError.dataCorrupted(ctx):
            return ctx.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(ctx.codingPath))"
        case let DecodingError.typeMismatch(type, ctx):
            return "expected \(type) at \(path(ctx.codingPath))"
        case let DecodingError.valueNotFound(type, ctx):
            return "missing \(type) at \(path(ctx.codingPath))"
        case let DecodingError.keyNotFound(key, ctx):
            return "missing '\(key.stringValue)' at \(path(ctx.codingPath))"
        case let e as CocoaError:
            if let posix = e.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
            return e.localizedDescription
        default:
            return "\(error)"
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map(\.stringValue).joined(separator: ".")
    }
}

/// An exclusive `flock` on a lock file, held until `release()`. Best effort: without a lock file (read-only
/// folder) it holds nothing, and reading still works.
private struct Lock {
    private let fd: Int32

    init(path: String, createIn directory: String?) {
        let flags = O_RDWR | O_CLOEXEC | (directory == nil ? 0 : O_CREAT)
        var fd = open(path, flags, 0o644)
        if fd >= 0 {
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        } else {
            fd = -1
        }
        self.fd = fd
    }

    /// Whether the exclusive lock is held (false when the lock file could not be opened).
    var isHeld: Bool { fd >= 0 }

    func release() {
        if fd >= 0 { close(fd) }  // closing drops the flock
    }
}
