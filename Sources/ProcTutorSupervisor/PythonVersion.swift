import Glibc
import ProcTutorSystem

/// The version of an interpreter (`3.12.1`) for the run header, learnt once per interpreter file.
///
/// Asking the interpreter costs a whole start-up (15–70 ms), so the answer is kept in
/// `$XDG_CACHE_HOME/proctutor/python-versions/` (default `~/.cache`) under a name made of the interpreter's real
/// path, device, inode, size and modification time: an upgrade in place or a reinstall is asked again, every other
/// run pays one `realpath`, one `stat` and one small read. Where no private cache folder can be had, the
/// interpreter is asked every time.
public enum PythonVersion {
    /// The interpreter's version (`sys.version`'s first word), or nil if it cannot be learnt.
    public static func lookup(python: String, environment: [String: String] = PythonLocator.currentEnvironment()) -> String? {
        guard let real = realPath(python) else { return nil }
        var st = stat()
        guard stat(real, &st) == 0 else { return nil }
        let key = "\(real)\u{0}\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        let dir = cacheFolder(environment)
        let file = dir.map { $0 + "/" + TracerCache.hash(Array(key.utf8)) }
        if let file, let cached = readSmall(file), isPlausible(cached) { return cached }
        guard let version = ask(python), isPlausible(version) else { return nil }
        if let file { store(version, at: file) }
        return version
    }

    /// Digits, dots and a release tag (`3.13.0rc1`, `3.12.1+`): nothing else is taken from a file or a program.
    static func isPlausible(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 32 && s.first!.isNumber
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "+" }
    }

    static func cacheFolder(_ environment: [String: String]) -> String? {
        guard let base = TracerCache.cacheBase(environment) else { return nil }
        let root = base + "/proctutor", dir = root + "/python-versions"
        for d in [base, root, dir] where !TracerCache.ensurePrivateDirectory(d, strict: d != base) { return nil }
        return dir
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func readSmall(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 64)
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n], as: UTF8.self)
    }

    static func store(_ version: String, at path: String) {
        let temp = path + ".\(getpid()).tmp"
        let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = writeAll(fd, Array(version.utf8))
        close(fd)
        if !ok || rename(temp, path) != 0 { unlink(temp) }
    }

    /// One start of the interpreter without `site` and PYTHON* variables (sys.version depends on neither).
    static func ask(_ python: String) -> String? {
        guard let pipe = try? makePipe() else { return nil }
        defer { close(pipe.read) }
        let pid = try? Spawner.spawn(path: python, argv: [python, "-E", "-S", "-c",
                                                          "import sys; sys.stdout.write(sys.version.split()[0])"],
                                     env: ["PATH=/usr/bin:/bin"], stdio: [.devNull, .fd(pipe.write), .devNull],
                                     newSession: false)
        close(pipe.write)
        guard let pid else { return nil }
        let (out, status) = ChildOutput.readAndWait(pid, fd: pipe.read, limit: 4096)
        guard status == 0 else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
