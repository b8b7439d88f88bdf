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
    func checkOptions(_ lang: Lang) throws {
        func bad(_ zh: String, _ en: String) -> ExitCode { failure(CLI.replay(zh, en), lang) }
        if json && plain { throw bad("--json 和 --plain 不能同时使用", "--json and --plain exclude each other") }
        if (json || plain) && at == nil { throw bad("--json 和 --plain 要和 --at T 一起用", "--json and --plain go with --at T") }
        if let at, !(at >= 0) { throw bad("--at 必须是 0 或更多秒（收到 \(at)）", "--at must be 0 or more seconds (got \(at))") }
        if let speed, !(speed >= 0.01 && speed <= 4) {
            throw bad("--speed 必须在 0.01 到 4 之间（收到 \(speed)）", "--speed must be from 0.01 to 4 (got \(speed))")
        }
        if cast != nil && at != nil { throw bad("--cast 和 --at 不能同时使用", "--cast and --at exclude each other") }
        if cast != nil && CastSize(size) == nil {
            throw bad("--size 必须是 列x行，至少 80x24，至多 400x200（收到 '\(size)'）",
                      "--size must be COLSxROWS, at least 80x24 and at most 400x200 (got '\(size)')")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let language = lang ?? Lang.preferred(environment: environment)
        try checkOptions(language)
        let recording = try Self.load(file, lang: language)
        let end = Replay.end(of: recording)
        if let at {
            guard at <= end + 1e-9 else {
                throw failure(CLI.replay("\(file)：--at \(at) 超过了录像的结尾（\(end) 秒）",
                                         "\(file): --at \(at) is past the end of the recording (\(end) s)"), language)
            }
            let moment = Replay.moment(recording, at: at)
            if json { writeText(1, Replay.json(moment) + "\n") }
            else { writeText(1, Replay.plain(moment).joined(separator: "\n") + "\n") }
            return
        }
        if let cast {
            let sz = CastSize(size)!
            let title = recording.header.map { "proctutor replay: " + ($0.program.split(separator: "/").last.map(String.init) ?? $0.program) }
                ?? "proctutor replay"
            let text = Cast.render(recording, file: file, lang: language, speed: speed, width: sz.cols, height: sz.rows,
                                   title: title, timestamp: Int(Date().timeIntervalSince1970))
            do { try text.write(toFile: cast, atomically: true, encoding: .utf8) } catch {
                throw failure(CLI.replay("无法写入 \(cast)：\(error.localizedDescription)",
                                         "cannot write \(cast): \(error.localizedDescription)"), language)
            }
            return
        }
        guard Tutorial.canRunFullScreen(environment: environment) else {
            throw failure(CLI.replay("这个终端无法显示回放（TERM=dumb 或不是终端）；请用 --at T --plain 或 --json 打印某一时刻",
                                     "the terminal cannot show the replay (TERM=dumb or not a terminal); "
                                        + "use --at T --plain or --json to print a moment"), language)
        }
        let state = Replay.state(recording, file: file, lang: language, speed: speed,
                                 monochrome: !(environment["NO_COLOR"] ?? "").isEmpty)
        let session = TutorialSession(state: state, store: nil, python: nil)
        let exit = try Tutorial.run(hooks: session.hooks, environment: environment)
        for note in session.problems { printError(note) }
        if exit != .quit { throw ExitCode(exit.exitCode) }
    }

    /// The recording in `path`, or one line saying what is wrong with it and where (exit 2).
    static func load(_ path: String, lang: Lang = .en) throws -> Recording {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw failure(CLI.noSuchFile("replay", path), lang)
        }
        if isDir.boolValue {
            throw failure(CLI.replay("\(path) 是文件夹；请给一个录像文件", "\(path) is a folder; give a recording file"), lang)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure(CLI.unreadable("replay", path), lang)
        }
        let text = String(decoding: data, as: UTF8.self)
        let recording: Recording
        do { recording = try Recording.parse(text: text, file: path) } catch {
            throw failure("proctutor replay: \(error)")
        }
        if recording.truncated {
            let lines = text.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } + 1
            printError(CLI.replay("\(path):\(lines)：最后一行不完整（写录像时运行被中断了）；回放它之前的 \(recording.events.count) 个事件",
                                  "\(path):\(lines): the last line is cut off (the run was interrupted while it "
                                    + "was written); replaying the \(recording.events.count) events before it")[lang])
        }
        if recording.events.isEmpty {
            throw failure(CLI.replay("\(path):2：录像里没有事件", "\(path):2: the recording has no events"), lang)
        }
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
