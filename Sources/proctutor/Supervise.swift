import ArgumentParser
import ProcTutorSupervisor

/// Hidden: the supervising process that `run` and the tutorial start (`proctutor __supervise CONFIG-JSON`).
struct Supervise: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "__supervise", shouldDisplay: false)

    @Argument var config: String

    func run() throws {
        Supervisor.main(configJSON: config)
    }
}
