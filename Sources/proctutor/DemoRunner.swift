import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSupervisor

/// Runs a lesson demo to completion for a predict question and returns its events.
///
/// The same engine as `proctutor run`, at normal speed (no time scaling: students see real timing). Ctrl-C
/// keeps its default meaning and ends the quiz; the supervisor then sees EOF and kills the demo's whole tree.
enum DemoRunner {
    /// The limit for demos that set none (the same as `proctutor run`'s default).
    static let defaultTimeout = 60.0

    static func run(path: String, startMethod: StartMethod?, timeout: Double?) -> DemoRunResult {
        let session: SupervisedRun
        do {
            session = try SupervisedRun(config: RunConfig(program: path, startMethod: startMethod,
                                                          timeout: timeout ?? defaultTimeout))
        } catch {
            return .failure(DemoRunFailure(message: "\(error)"))
        }
        var events: [Event] = []
        while !session.isFinished {
            var fds = [pollfd(fd: session.fd, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, 1000) < 0, errno != EINTR { break }
            events += session.drain()
        }
        return .success(events)
    }
}
