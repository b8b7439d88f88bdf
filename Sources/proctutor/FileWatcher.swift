import Foundation
@preconcurrency import Glibc
import ProcTutorSystem

/// Watches one file through inotify on its folder, so a save by rename (vim's backup-and-rename, VS Code's
/// atomic save) is seen like a write in place, and a deleted file can come back under the same watch.
final class FileWatcher {
    enum Change: Equatable {
        /// The file has new contents (closed after writing, or renamed over / created).
        case saved
        /// The file is gone (deleted or renamed away).
        case removed
    }

    /// Readable (non-blocking) when something happened in the folder: poll it for POLLIN.
    let fd: Int32
    let name: String

    /// - Throws: when inotify is not available (a message for the student).
    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        name = url.lastPathComponent
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw ExerciseRunner.BadInput(description: "cannot watch \(path): inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM)
        if inotify_add_watch(fd, url.deletingLastPathComponent().path, mask) < 0 {
            let why = String(cString: strerror(errno))
            close(fd)
            throw ExerciseRunner.BadInput(description: "cannot watch \(url.deletingLastPathComponent().path): \(why)")
        }
    }

    deinit { close(fd) }

    /// The changes to the file read so far (others in the folder are ignored), the last one last. Never blocks.
    func changes() -> [Change] {
        var out: [Change] = []
        var buf = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            var i = 0
            let header = MemoryLayout<inotify_event>.size
            while i + header <= n {
                let mask = buf.withUnsafeBytes { $0.load(fromByteOffset: i + 4, as: UInt32.self) }
                let len = Int(buf.withUnsafeBytes { $0.load(fromByteOffset: i + 12, as: UInt32.self) })
                let nameBytes = buf[(i + header)..<min(n, i + header + len)].prefix { $0 != 0 }
                if String(decoding: nameBytes, as: UTF8.self) == name {
                    if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 { out.append(.saved) }
                    // A created file is seen as saved once it is closed (IN_CLOSE_WRITE); an empty one too.
                    if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { out.append(.removed) }
                }
                i += header + len
            }
        }
        return out
    }

    /// Waits up to `seconds` for the fd to become readable (or for `other`, e.g. stdin); which one is returned.
    func wait(seconds: Double, other: Int32?) -> (file: Bool, other: Bool) {
        let ready = Poll.readable([fd] + (other.map { [$0] } ?? []), milliseconds: seconds < 0 ? -1 : Int32(seconds * 1000))
        guard let ready else { return (false, false) }
        return (ready[0], ready.count > 1 && ready[1])
    }
}
