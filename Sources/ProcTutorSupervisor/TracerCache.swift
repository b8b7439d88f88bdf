import Glibc
import ProcTutorSystem

/// A per-user folder holding the tracer, so Python can reuse its compiled form across runs.
///
/// Written into a fresh temporary folder every run, `sitecustomize.py` (about 700 lines) was compiled from
/// source by every interpreter of every run (+6 to +20 ms each, docs/performance.md). Here it lives in
/// `$XDG_CACHE_HOME/proctutor/tracer-HASH/` (default `~/.cache`), named after its content, and the supervisor
/// compiles it once per interpreter after a run (`py_compile` writes the `.pyc` even where
/// `PYTHONDONTWRITEBYTECODE` is set, and Python reads it there). The folder must belong to the user and be
/// private; otherwise the caller falls back to the run's temporary folder.
enum TracerCache {
    /// The folder with an up-to-date `sitecustomize.py`, or nil if none can be used safely.
    static func prepare(environment: [String: String]) -> String? {
        guard let base = cacheBase(environment) else { return nil }
        let root = base + "/proctutor"
        let source = TracerSource.bytes
        let dir = root + "/tracer-" + hash(source)
        for d in [base, root, dir] where !ensurePrivateDirectory(d, strict: d != base) { return nil }
        let file = dir + "/sitecustomize.py"
        if holds(file, exactly: source) { return dir }
        // Atomic: a concurrent run sees either no file or the whole file.
        let temp = file + ".\(getpid()).tmp"
        let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        let ok = writeAll(fd, source)
        close(fd)
        guard ok, rename(temp, file) == 0 else { unlink(temp); return nil }
        return dir
    }

    /// Whether the file at `path` holds exactly `bytes`.
    ///
    /// Every run asks this of the cached tracer: its size first (one `fstat`), then one read of the expected size
    /// plus a byte (a file that grew shows it), into a buffer of that size (not a zeroed megabyte).
    static func holds(_ path: String, exactly bytes: [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size == bytes.count else { return false }
        let want = bytes.count + 1
        var total = 0
        let existing = [UInt8](unsafeUninitializedCapacity: want) { buffer, count in
            while total < want {
                let n = read(fd, buffer.baseAddress! + total, want - total)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                total += n
            }
            count = total
        }
        return existing == bytes
    }

    /// Compiles the tracer for `python` once (a marker file remembers it). Runs after a run, off its clock.
    static func compileOnce(python: String, dir: String) {
        let marker = dir + "/compiled-" + hash(Array(python.utf8))
        guard access(marker, F_OK) != 0 else { return }
        let script = "import py_compile, sys; py_compile.compile(sys.argv[1], doraise=True)"
        guard let pid = try? Spawner.spawn(path: python, argv: [python, "-c", script, dir + "/sitecustomize.py"],
                                           env: ["PATH=/usr/bin:/bin"], stdio: [.devNull, .devNull, .devNull],
                                           newSession: true) else { return }
        if Child.wait(pid) == 0 {
            let fd = open(marker, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
    }

    static func cacheBase(_ env: [String: String]) -> String? {
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { return x }
        if let home = env["HOME"], home.hasPrefix("/") { return home + "/.cache" }
        return nil
    }

    /// Creates `path` (0700) if missing; it must be a directory owned by us, and (strict) not writable by others.
    static func ensurePrivateDirectory(_ path: String, strict: Bool) -> Bool {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { return false }
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid() else { return false }
        return !strict || (st.st_mode & 0o022) == 0
    }

    /// FNV-1a, 64 bits, as hex: a name that changes when the content does. Over an array's buffer: iterating a
    /// String's UTF-8 view took a fifth of a millisecond for the tracer, on every run.
    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01b3
            }
        }
        return String(h, radix: 16)
    }
}
