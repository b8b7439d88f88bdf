import Foundation
import Glibc
import ProcTutorCore

/// The tutorial's recordings: every run it starts is written, as it goes, to
/// `$XDG_STATE_HOME/proctutor/runs/KEY/WHEN-LABEL.ndjson` — the same lines as `proctutor run --json`, so
/// `proctutor replay FILE` opens any of them. Each key (a lesson, or a watched script) keeps its newest
/// `keepPerKey` runs and the whole folder at most `maxTotalBytes`; the oldest go first.
///
/// Never fatal: a folder that cannot be written costs the recording, not the run (one message, for stderr).
public struct RunStore: Sendable {
    public static let keepPerKey = 20
    public static let maxTotalBytes = 256 << 20

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The store under the progress folder of this environment (`$XDG_STATE_HOME/proctutor/runs`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(directory: Paths.join(ProgressStore.defaultDirectory(environment: environment), "runs"))
    }

    /// The key of a watched script: its file name and a short hash of its absolute path, so that two
    /// `demo.py` in different folders keep their own runs.
    public static func key(forScript path: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for b in path.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        let name = (path as NSString).lastPathComponent
        return "watch-" + safe(name) + "-" + String(hash, radix: 16)
    }

    /// A file name part made of letters, digits, `-`, `_` and `.` only.
    static func safe(_ s: String) -> String {
        let kept = s.unicodeScalars.map { c -> Character in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || "-_.".unicodeScalars.contains(c)) ? Character(c) : "_"
        }
        let text = String(kept)
        return text.isEmpty || text.hasPrefix(".") ? "_" + text : text
    }

    /// Opens a new recording for `key` (old ones pruned first). Returns nil, with the reason, when the folder
    /// cannot be written.
    public func begin(key: String, label: String, at date: Date = Date()) -> (RunRecorder?, String?) {
        let folder = Paths.join(directory, Self.safe(key))
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return (nil, "proctutor: cannot create \(folder) (\(error.localizedDescription)); runs are not recorded")
        }
        prune(keeping: Self.keepPerKey - 1, in: folder)
        pruneTotal(below: Self.maxTotalBytes)
        let stamp = Self.stamp(date)
        var path = Paths.join(folder, "\(stamp)-\(Self.safe(label)).ndjson")
        var n = 1
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        while fd < 0 && errno == EEXIST && n < 100 {
            n += 1
            path = Paths.join(folder, "\(stamp)-\(Self.safe(label))-\(n).ndjson")
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        }
        guard fd >= 0 else {
            return (nil, "proctutor: cannot write \(path) (\(String(cString: strerror(errno)))); the run is not recorded")
        }
        return (RunRecorder(fd: fd, path: path), nil)
    }

    /// The recordings of `key`, oldest first.
    public func recordings(key: String) -> [String] {
        let folder = Paths.join(directory, Self.safe(key))
        return Self.files(in: folder).map { Paths.join(folder, $0) }
    }

    /// A sortable UTC time to the millisecond: `20261202T004437.123Z`.
    static func stamp(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec)).\(msText)Z"
    }

    private static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".ndjson") }.sorted()
    }

    private func prune(keeping keep: Int, in folder: String) {
        let names = Self.files(in: folder)
        for name in names.dropLast(max(0, keep)) { unlink(Paths.join(folder, name)) }
    }

    /// Deletes the oldest recordings of any key until the folder holds less than `limit` bytes.
    private func pruneTotal(below limit: Int) {
        let keys = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var all: [(name: String, path: String, size: Int)] = []
        for key in keys {
            let folder = Paths.join(directory, key)
            for name in Self.files(in: folder) {
                let path = Paths.join(folder, name)
                var st = stat()
                if stat(path, &st) == 0 { all.append((name, path, Int(st.st_size))) }
            }
        }
        var total = all.reduce(0) { $0 + $1.size }
        for f in all.sorted(by: { $0.name < $1.name }) where total >= limit {
            unlink(f.path)
            total -= f.size
        }
    }
}

/// One recording being written: each batch of events is appended in one `write`, so a run that is cut off
/// (a crash, `kill -9`) leaves a file readable up to its last whole line.
public final class RunRecorder {
    public let path: String
    private var fd: Int32
    /// Set when a write failed: the rest of the run is not recorded (the file stays readable up to there).
    public private(set) var failed = false

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close() }

    /// Appends bytes that are already NDJSON lines (what the supervisor sent).
    public func write(lines bytes: ArraySlice<UInt8>) {
        guard fd >= 0, !failed, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = true; return }
                done += n
            }
        }
    }

    /// Appends events, one JSON line each.
    public func write(_ events: [Event]) {
        guard !events.isEmpty else { return }
        write(lines: ArraySlice(events.map { EventJSON.encode($0) + "\n" }.joined().utf8))
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}
