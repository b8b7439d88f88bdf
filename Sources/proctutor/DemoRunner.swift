import Foundation
@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorSupervisor
import ProcTutorSystem

/// Runs a lesson demo to completion for a predict question and returns its events.
///
/// The same engine as `proctutor run`, at normal speed (no time scaling: students see real timing). While the
/// demo runs, Ctrl-C stops the demo (its whole tree) rather than the quiz; at the answer prompt it keeps its
/// usual meaning. If the quiz itself dies, the supervisor sees EOF and kills the demo's tree.
enum DemoRunner {
    /// The limit for demos that set none (the same as `proctutor run`'s default).
    static let defaultTimeout = 60.0

    static func run(path: String, startMethod: StartMethod?, timeout: Double?) -> DemoRunResult {
        // While the demo runs, Ctrl-C is ours (a byte on a pipe); afterwards whatever it was before.
        let interrupts = try? SignalPipe(signals: [SIGINT])
        defer { interrupts?.restore() }
        do {
            let outcome = try RunToEnd.run(RunConfig(program: path, startMethod: startMethod,
                                                     timeout: timeout ?? defaultTimeout),
                                           signals: interrupts)
            return .success(outcome.events)
        } catch {
            return .failure(DemoRunFailure(message: "\(error)"))
        }
    }
}
