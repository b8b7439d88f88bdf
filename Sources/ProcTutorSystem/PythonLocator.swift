import Glibc

/// Finds the Python interpreter: `--python`, then `$PROCTUTOR_PYTHON`, then `python3` on PATH.
public enum PythonLocator {
    public static let installHint = """
        Install Python 3 and try again:
          Debian/Ubuntu:  sudo apt-get install python3
          Fedora/RHEL:    sudo dnf install python3
          Alpine:         sudo apk add python3
          Arch:           sudo pacman -S python
        or point --python (or PROCTUTOR_PYTHON) at an interpreter.
        """
    public static let installHintZh = """
        请安装 Python 3 后再试：
          Debian/Ubuntu:  sudo apt-get install python3
          Fedora/RHEL:    sudo dnf install python3
          Alpine:         sudo apk add python3
          Arch:           sudo pacman -S python
        或者用 --python（或 PROCTUTOR_PYTHON）指定一个解释器。
        """

    /// The absolute path of the interpreter to use.
    /// - Throws: `RunError` saying what was tried and how to install Python.
    public static func locate(explicit: String?, environment: [String: String] = currentEnvironment()) throws -> String {
        if let explicit, !explicit.isEmpty {
            if let path = resolve(explicit, path: environment["PATH"]) { return path }
            throw RunError(zh: "--python \(explicit)：没有这个可执行文件。\n" + installHintZh,
                           en: "--python \(explicit): no such executable.\n" + installHint)
        }
        if let fromEnv = environment["PROCTUTOR_PYTHON"], !fromEnv.isEmpty {
            if let path = resolve(fromEnv, path: environment["PATH"]) { return path }
            throw RunError(zh: "PROCTUTOR_PYTHON=\(fromEnv)：没有这个可执行文件。\n" + installHintZh,
                           en: "PROCTUTOR_PYTHON=\(fromEnv): no such executable.\n" + installHint)
        }
        if let path = resolve("python3", path: environment["PATH"]) { return path }
        throw RunError(zh: "在 PATH 上找不到 python3；proctutor 要用它运行课程的演示。\n" + installHintZh,
                       en: "python3 was not found on PATH; proctutor runs the lesson demos with it.\n" + installHint)
    }

    /// What `locate(explicit: nil)` starts from, without looking behind a version-manager shim (which runs a
    /// process): good enough for a helper whose own processes nobody sees, such as the tokenizer.
    public static func candidate(environment: [String: String] = currentEnvironment()) -> String? {
        if let fromEnv = environment["PROCTUTOR_PYTHON"], !fromEnv.isEmpty { return find(fromEnv, path: environment["PATH"]) }
        return find("python3", path: environment["PATH"])
    }

    /// A command name searched on PATH, or a path checked for being executable. A version-manager shim
    /// (pyenv, asdf) is replaced by the interpreter it runs: the shim's own helper processes would otherwise
    /// show up in every run, and it adds a tenth of a second to each start.
    public static func resolve(_ name: String, path: String?) -> String? {
        guard let found = find(name, path: path) else { return nil }
        return found.contains("/shims/") ? (interpreterBehind(shim: found) ?? found) : found
    }

    static func interpreterBehind(shim: String) -> String? {
        guard let pipe = try? makePipe() else { return nil }
        defer { close(pipe.read) }
        // -E -S: no `site` (its .pth files took half of this start-up here), no PYTHON* variables; sys.executable
        // does not depend on either.
        let pid = try? Spawner.spawn(path: shim, argv: [shim, "-E", "-S", "-c", "import sys; sys.stdout.write(sys.executable)"],
                                     env: currentEnvironment().map { "\($0.key)=\($0.value)" },
                                     stdio: [.devNull, .fd(pipe.write), .devNull], newSession: false)
        close(pipe.write)
        guard let pid else { return nil }
        let (out, status) = ChildOutput.readAndWait(pid, fd: pipe.read, limit: .max)
        let path = String(decoding: out, as: UTF8.self)
        return status == 0 && path.hasPrefix("/") && access(path, X_OK) == 0 ? path : nil
    }

    public static func find(_ name: String, path: String?) -> String? {
        if name.contains("/") {
            return access(name, X_OK) == 0 && !isDirectory(name) ? name : nil
        }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            if access(candidate, X_OK) == 0, !isDirectory(candidate) { return candidate }
        }
        return nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func currentEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") {
                env[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        return env
    }
}

/// A short helper process's stdout, read to its end (or `limit` bytes), then its exit status.
public enum ChildOutput {
    public static func readAndWait(_ pid: pid_t, fd: Int32, limit: Int) -> (output: [UInt8], status: Int32) {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while out.count < limit {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return (out, Child.wait(pid))
    }
}
