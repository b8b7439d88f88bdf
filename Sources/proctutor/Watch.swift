import ArgumentParser
import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorTerminal
import ProcTutorUI

/// `proctutor watch FILE.py [-- ARGS]`: the tutorial's live panes around the student's own script.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run your own Python script with the tutorial's live panes: code, processes, output, timeline.",
        discussion: """
            The script starts at once. Keys: r run again (after an edit too), s stop, p pause the view (the \
            program runs on), , . step through events, F freeze the processes, n run it 20 times, m start method, \
            o raw output, Tab pane, ? help, q quit. Where the terminal cannot show it (TERM=dumb, output not a \
            terminal) the events are printed as lines instead, as `proctutor run FILE` does.
            """)

    @Argument(help: ArgumentHelp("Your Python program.", valueName: "file.py"))
    var file: String

    @Option(help: ArgumentHelp("The language: zh or en (default: from LC_ALL, LC_MESSAGES, LANG).",
                               valueName: "zh|en"))
    var lang: Lang?

    @Option(help: "Stop the whole tree after this many seconds.")
    var timeout: Double = DemoRunner.defaultTimeout

    @Argument(parsing: .postTerminator, help: "Arguments for the program (after --).")
    var arguments: [String] = []

    func validate() throws {
        if timeout <= 0 { throw ValidationError("--timeout must be more than 0 seconds") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let lang = self.lang ?? Lang.preferred(environment: environment)
        let path = try Self.program(file, lang: lang)
        let python = try? PythonLocator.locate(explicit: nil, environment: environment)
        guard Tutorial.canRunFullScreen(environment: environment) else {
            try runPlain(path, python: python, lang: lang)
            return
        }
        var state = Watch.state(program: path, timeout: timeout,
                                lang: lang,
                                monochrome: !(environment["NO_COLOR"] ?? "").isEmpty,
                                sources: PythonTokens.load(files: [path], python: python ?? "python3"))
        state.runArguments = arguments
        let session = TutorialSession(state: state, store: nil, python: python,
                                      reloadsSource: true, runs: RunStore(environment: environment),
                                      recordKey: RunStore.key(forScript: path))
        var hooks = session.hooks
        hooks.opening = [.key(.char("r"))]
        let exit: LoopExit
        do {
            exit = try Tutorial.run(hooks: hooks, environment: environment)
        } catch let error as TerminalError {
            printError(CLI.noFullScreen("watch", "\(error)")[lang])
            try runPlain(path, python: python, lang: lang)
            return
        }
        for note in session.problems { printError(note) }
        if let fallback = LocaleSetup.fallback { printError(LocaleSetup.note(fallback, lang: state.lang)) }
        if exit != .quit { throw ExitCode(exit.exitCode) }
    }

    /// The plain fallback: the run's events as lines, exit status the program's (as `proctutor run`).
    private func runPlain(_ path: String, python: String?, lang: Lang) throws {
        let config = RunConfig(program: path, arguments: arguments, python: python, timeout: timeout)
        let session: PrintedRun
        do {
            session = try PrintedRun(config: config, style: PrintStyle(json: false, raw: false, lang: lang))
        } catch {
            throw failure("proctutor watch: " + CLI.text(of: error, lang))
        }
        throw ExitCode(Int32(RunWaiter.wait(for: session)))
    }

    /// The absolute path of `file`, or a clear message saying what is wrong with it.
    static func program(_ file: String, lang: Lang = .en) throws -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else {
            throw failure(CLI.noSuchFile("watch", file), lang)
        }
        if isDir.boolValue { throw failure(CLI.isFolder(file), lang) }
        guard file.hasSuffix(".py") else { throw failure(CLI.notPython(file), lang) }
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw failure(CLI.unreadable("watch", file), lang)
        }
        return URL(fileURLWithPath: file).standardizedFileURL.path
    }
}
