import ProcTutorCore
@testable import ProcTutorUI

// The tests speak for the backend: it tags every message of a run with the id the app gave that run.

extension AppState {
    /// The id of the run on screen (RunID(0), which no run has, when there is none: its news are dropped).
    var currentRun: RunID { runID ?? RunID(0) }
}

/// A command as a test pins it: a start by its program and start method (its id, timeout and arguments are
/// checked where they matter), a stop by the run it stops.
enum CommandShape: Equatable {
    case start(String, StartMethod?)
    case stop(RunID)
    case other(AppCommand)
}

extension Array where Element == AppCommand {
    var shapes: [CommandShape] {
        map { command in
            switch command {
            case let .startRun(request): .start(request.program, request.startMethod)
            case let .stopRun(id): .stop(id)
            default: .other(command)
            }
        }
    }
}
