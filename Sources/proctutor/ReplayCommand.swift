import ArgumentParser
import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorTerminal
import ProcTutorUI

/// `proctutor replay FILE`: a recorded run (`run --json > FILE`, or one the tutorial kept) on the tutorial's
/// panes, the state at a moment for scripts, or an asciicast for slides.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded run: step, rewind and slow it down on the tutorial's panes.",
        discussion: """
            FILE is what `proctutor run TARGET --json` printed, or a run the tutorial kept under \
            $XDG_STATE_HOME/proctutor/runs/. Keys: p play/pause, , . previous/next event, < > slower/faster, \
            0 start, $ end, ? help, q quit. With --at T, prints the state at T seconds instead (--plain: one \
            line per process, then the output so far; --json: one object). With --cast OUT.cast, writes the \
            replay as an asciicast v2 file (asciinema's format).
            """)

    @Argument(help: ArgumentHelp("A recording: the output of `proctutor run … --json`.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Print the state at this many seconds after the start, and exit.", valueName: "T"))
    var at: Double?

    @Flag(help: "With --at: print one JSON object.")
    var json = false

    @Flag(help: "With --at: print plain lines (the default).")
    var plain = false

    @Option(help: ArgumentHelp("Playback speed, 0.01 to 4 (default: slow for a short run, else 1).", valueName: "X"))
    var speed: Double?

    @Option(help: ArgumentHelp("Write the replay as an asciicast v2 file instead of showing it.", valueName: "out.cast"))
    var cast: String?

    @Option(help: ArgumentHelp("With --cast: the screen size.", valueName: "COLSxROWS"))
    var size: String = "120x40"

    @Option(help: ArgumentHelp("The language: zh or en (default: from LC_ALL, LC_MESSAGES, LANG).",
                               valueName: "zh|en"))
    var lang: Lang?

    /// Bad options are bad input like a bad file: one line and exit 2 (the parser's own errors say 64).
    func checkOptions() throws {
        func bad(_ message: String) -> ExitCode { failure("proctutor replay: " + message) }
        if json && plain { throw bad("--json and --plain exclude each other") }
        if (json || plain) && at == nil { throw bad("--json and --plain go with --at T") }
        if let at, !(at >= 0) { throw bad("--at must be 0 or more seconds (got \(at))") }
        if let speed, !(speed >= 0.01 && speed <= 4) { throw bad("--speed must be from 0.01 to 4 (got \(speed))") }
        if cast != nil && at != nil { throw bad("--cast and --at exclude each other") }
        if cast != nil && CastSize(size) == nil {
            throw bad("--size must be COLSxROWS, at least 80x24 and at most 400x200 (got '\(size)')")
        }
    }

    func run() throws {
        try checkOptions()
        let environment = ProcessInfo.processInfo.environment
        let recording = try Self.load(file)
        let end = Replay.end(of: recording)
        if let at {
            guard at <= end + 1e-9 else {
                throw failure("proctutor replay: \(file): --at \(at) is past the end of the recording (\(end) s)")
            }
            let moment = Replay.moment(recording, at: at)
            if json { writeText(1, Replay.json(moment) + "\n") }
            else { writeText(1, Replay.plain(moment).joined(separator: "\n") + "\n") }
            return
        }
        let language = lang ?? Lang.preferred(environment: environment)
        if let cast {
            let sz = CastSize(size)!
            let title = recording.header.map { "proctutor replay: " + ($0.program.split(separator: "/").last.map(String.init) ?? $0.program) }
                ?? "proctutor replay"
            let text = Cast.render(recording, file: file, lang: language, speed: speed, width: sz.cols, height: sz.rows,
                                   title: title, timestamp: Int(Date().timeIntervalSince1970))
            do { try text.write(toFile: cast, atomically: true, encoding: .utf8) } catch {
                throw failure("proctutor replay: cannot write \(cast): \(error.localizedDescription)")
            }
            return
        }
        guard Tutorial.canRunFullScreen(environment: environment) else {
            throw failure("proctutor replay: the terminal cannot show the replay (TERM=dumb or not a terminal); "
                          + "use --at T --plain or --json to print a moment")
        }
        let state = Replay.state(recording, file: file, lang: language, speed: speed,
                                 monochrome: !(environment["NO_COLOR"] ?? "").isEmpty)
        let session = TutorialSession(state: state, store: nil, python: nil)
        let exit = try Tutorial.run(hooks: session.hooks, environment: environment)
        for note in session.problems { printError(note) }
        if exit != .quit { throw ExitCode(exit.exitCode) }
    }

    /// The recording in `path`, or one line saying what is wrong with it and where (exit 2).
    static func load(_ path: String) throws -> Recording {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw failure("proctutor replay: \(path): no such file")
        }
        if isDir.boolValue { throw failure("proctutor replay: \(path) is a folder; give a recording file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("proctutor replay: \(path): cannot read it (permission denied)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let recording: Recording
        do { recording = try Recording.parse(text: text, file: path) } catch {
            throw failure("proctutor replay: \(error)")
        }
        if recording.truncated {
            let lines = text.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } + 1
            printError("proctutor replay: \(path):\(lines): the last line is cut off (the run was interrupted while it "
                       + "was written); replaying the \(recording.events.count) events before it")
        }
        if recording.events.isEmpty { throw failure("proctutor replay: \(path):2: the recording has no events") }
        return recording
    }
}

/// `--size COLSxROWS`.
struct CastSize {
    var cols: Int
    var rows: Int

    init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]),
              (80...400).contains(c), (24...200).contains(r) else { return nil }
        cols = c
        rows = r
    }
}
