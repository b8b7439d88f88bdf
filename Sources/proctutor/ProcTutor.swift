import ArgumentParser
import ProcTutorCore
import ProcTutorSupervisor
import ProcTutorSystem

/// The root command: wiring only. Each subcommand lives in its own file.
///
/// Every subcommand names itself (`commandName:`): otherwise the parser derives the name from the type name at
/// each start (`String(describing:)`, a demangling that scans the static binary's protocol conformances).
@main
struct ProcTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proctutor",
        abstract: "A terminal tutorial that teaches Python multiprocessing by running the real thing.",
        discussion: """
            Five lessons run their real Python demos under a transparent tracer and show what the kernel and the \
            interpreter do: PIDs, parents, alive and zombie states, output per process, pool tasks, failures \
            nobody retrieved. Every run is recorded and can be stepped, rewound and replayed slowly.

            With no subcommand, the tutorial opens where you left off. Progress is kept in \
            $XDG_STATE_HOME/proctutor/progress.json and recordings under $XDG_STATE_HOME/proctutor/runs/ \
            (default ~/.local/state/proctutor/). --lang zh|en defaults from LC_ALL, LC_MESSAGES and LANG.
            """,
        version: ProcTutorVersion.current,
        subcommands: [Learn.self, Run.self, WatchCommand.self, ExerciseCommand.self, ReplayCommand.self, Lessons.self, Quiz.self, Check.self, Supervise.self],
        defaultSubcommand: Learn.self
    )

    /// `__supervise CONFIG-JSON` goes straight to the supervisor; everything else through the parser.
    ///
    /// The tutorial, `watch` and the quiz's demo runs start one supervisor process per run, and the program only
    /// starts once that process is up: building the parser's command tree (runtime conformance scans and `Mirror`
    /// over every subcommand) would delay every run by that much. A configuration is a JSON object, so it starts
    /// with `{`; anything else (`__supervise --help`, a bad argument) still gets the parser's answer.
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == Supervise.name, arguments[2].hasPrefix("{") {
            Supervisor.main(configJSON: arguments[2])
        }
        main(nil)
    }
}
