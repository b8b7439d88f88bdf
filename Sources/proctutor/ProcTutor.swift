import ArgumentParser

/// The root command: wiring only. Each subcommand lives in its own file.
///
/// Every subcommand names itself (`commandName:`): otherwise the parser derives the name from the type name at
/// each start (`String(describing:)`, a demangling that scans the static binary's protocol conformances).
@main
struct ProcTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proctutor",
        abstract: "A terminal tutorial that teaches Python multiprocessing by running the real thing.",
        subcommands: [Learn.self, Run.self, WatchCommand.self, Lessons.self, Quiz.self, Check.self, Supervise.self],
        defaultSubcommand: Learn.self
    )
}
