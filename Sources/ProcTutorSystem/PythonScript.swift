import Glibc

/// A short Python helper program (compiling the demos, tokenizing them for colour): started through
/// `/usr/bin/env`, so a bare name is looked up on PATH and a missing one exits 127, as a shell would say.
public enum PythonScript {
    /// What a finished helper left.
    public struct Result: Sendable {
        /// The exit code, or 128 + the signal that ended it.
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
    }

    /// Runs `python arguments…` to its end with stdin from /dev/null, reading both pipes as they fill.
    /// - Throws: `RunError` if it cannot be started at all.
    public static func run(python: String, arguments: [String]) throws(RunError) -> Result {
        let out: (read: Int32, write: Int32), err: (read: Int32, write: Int32)
        do { out = try makePipe(); err = try makePipe() } catch { throw error as? RunError ?? RunError(zh: "\(error)", en: "\(error)") }
        let pid: pid_t
        do {
            pid = try Spawner.spawn(path: "/usr/bin/env", argv: ["env", python] + arguments, env: environment(),
                                    stdio: [.devNull, .fd(out.write), .fd(err.write)], newSession: false)
        } catch {
            for fd in [out.read, out.write, err.read, err.write] { close(fd) }
            throw error as? RunError ?? RunError(zh: "\(error)", en: "\(error)")
        }
        close(out.write)
        close(err.write)
        var buffers: [[UInt8]] = [[], []]
        var open = [out.read, err.read]
        var chunk = [UInt8](repeating: 0, count: 65536)
        // Both pipes at once: a helper that fills one while we wait on the other would never finish.
        while open.contains(where: { $0 >= 0 }) {
            guard let ready = Poll.readable(open, milliseconds: -1) else { break }
            for i in open.indices where open[i] >= 0 && ready[i] {
                let n = chunk.withUnsafeMutableBytes { read(open[i], $0.baseAddress!, $0.count) }
                if n > 0 { buffers[i] += chunk[0..<n] } else if n == 0 || errno != EINTR { close(open[i]); open[i] = -1 }
            }
        }
        let (code, signal) = decodeWaitStatus(Child.wait(pid))
        return Result(status: Int32(code ?? 128 + (signal ?? 0)), stdout: buffers[0], stderr: buffers[1])
    }

    /// Starts `python arguments…` in the background, its stdout on a pipe for the caller's poll, stdin and
    /// stderr on /dev/null. Nil if it cannot be started.
    public static func start(python: String, arguments: [String]) -> Running? {
        guard let out = try? makePipe() else { return nil }
        guard let pid = try? Spawner.spawn(path: "/usr/bin/env", argv: ["env", python] + arguments, env: environment(),
                                           stdio: [.devNull, .fd(out.write), .devNull], newSession: false) else {
            close(out.read)
            close(out.write)
            return nil
        }
        close(out.write)
        return Running(pid: pid, fd: out.read)
    }

    /// A helper started by `start`.
    public final class Running {
        public let pid: pid_t
        /// Its stdout, to poll for readability.
        public let fd: Int32
        private var reaped = false

        init(pid: pid_t, fd: Int32) {
            self.pid = pid
            self.fd = fd
        }

        /// What it wrote since the last call (call when `fd` is readable: it does not wait then); nil at its end.
        public func readAvailable() -> [UInt8]? {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n > 0 { return Array(chunk[0..<n]) }
                if n < 0 && errno == EINTR { continue }
                return nil
            }
        }

        /// Everything it writes until its end, waiting for it.
        public func readToEnd() -> [UInt8] {
            var all: [UInt8] = []
            while let more = readAvailable() { all += more }
            return all
        }

        /// Waits for it to end and reaps it (once); its wait status.
        @discardableResult
        public func wait() -> Int32 {
            guard !reaped else { return 0 }
            reaped = true
            close(fd)
            return Child.wait(pid)
        }

        /// Ends it now (SIGTERM) and reaps it.
        public func terminate() {
            guard !reaped else { return }
            Child.send(SIGTERM, to: pid)
            wait()
        }

        deinit { terminate() }
    }

    static func environment() -> [String] {
        PythonLocator.currentEnvironment().map { "\($0.key)=\($0.value)" }
    }
}
