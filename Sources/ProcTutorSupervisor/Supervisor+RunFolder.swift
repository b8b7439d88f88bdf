import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSystem

/// The run's temporary folder (the tracer, the channel) and what is left when a supervisor is killed.
extension Supervisor {
    /// Where runs keep their temporary folder: `$TMPDIR`, else /tmp.
    static func temporaryBase(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Removes what a run puts in its temporary folder, then the folder (only if nothing else is in it).
    /// The `detail` of the `supervisor-lost` stop that the starting side reports.
    static let lostDetail = EngineWords.supervisorLostDetail

    static func removeRunFolder(_ dir: String) {
        unlink(dir + "/sitecustomize.py")
        unlink(dir + "/events")
        rmdir(dir + "/__pycache__")
        rmdir(dir)
    }

    /// What the process that started a supervisor does when that supervisor was killed (`kill -9`): kills the
    /// program, which nobody watches any more, and removes the temporary folder the supervisor could not. Call it
    /// while the supervisor is unreaped: its pid then cannot be another's.
    ///
    /// The program's session (`main` leads it) goes first. A process that left that session with `setsid()` was
    /// found by the supervisor as its descendant; with the supervisor gone it is a child of init, and what still
    /// ties it to the run is the channel named in its environment (every traced process inherits it).
    static func abandonRun(main: pid_t?, supervisor: pid_t) {
        if let main, main > 0, Child.leadsSession(main) { Child.send(SIGKILL, to: -main) }
        for dir in leftoverFolders(ofSupervisor: supervisor) {
            // Twice: a process may fork between the listing and the kill.
            for _ in 0..<2 {
                for pid in ProcFS.processes(withEnvironmentEntry: "PROCTUTOR_EVENTS=\(dir)/events") {
                    Child.send(SIGKILL, to: pid)
                }
            }
            removeRunFolder(dir)
        }
    }

    /// The run folders a killed supervisor left (see `abandonRun`): `proctutor-PID-XXXXXX`, as `mkdtemp` names them.
    static func leftoverFolders(ofSupervisor pid: pid_t) -> [String] {
        let base = temporaryBase()
        guard let dir = opendir(base) else { return [] }
        defer { closedir(dir) }
        let prefix = "proctutor-\(pid)-"
        var found: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(prefix), name.utf8.count == prefix.utf8.count + 6 { found.append(base + "/" + name) }
        }
        return found
    }
}
