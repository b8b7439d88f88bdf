import ArgumentParser
import ProcTutorSupervisor
import ProcTutorSystem

/// Hidden: the supervising process that `run` and the tutorial start (`proctutor __supervise CONFIG-JSON`).
struct Supervise: ParsableCommand {
    /// The name `SupervisedRun` and `PrintedRun` start it by (`ProcTutor.main` takes it without the parser).
    static let name = "__supervise"
    static let configuration = CommandConfiguration(
        commandName: name,
        abstract: "Internal: the supervising process that run, watch and the tutorial start; not for direct use.",
        shouldDisplay: false)

    @Argument var config: String

    func run() throws {
        Supervisor.main(configJSON: config)
    }
}
