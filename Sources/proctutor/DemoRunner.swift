import ProcTutorCore

/// Runs a lesson demo to completion for a predict question and returns its events.
enum DemoRunner {
    static func run(path: String, startMethod: StartMethod?) -> DemoRunResult {
        // Wired to the engine (SupervisedRun) once it is on main.
        .failure(DemoRunFailure(message: "the demo engine is not built into this proctutor yet"))
    }
}
