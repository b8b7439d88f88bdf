import ArgumentParser
import Foundation
@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorLessons
import ProcTutorSupervisor
import ProcTutorSystem
import ProcTutorTerminal

/// `proctutor run TARGET`: runs a lesson's demo or any Python file under the tracer and prints every event.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson's demo or any Python file under the tracer and report every process.",
        discussion: """
            Prints one line per event as it happens (--plain, the default) or NDJSON (--json; fields in \
            docs/engine.md), then a summary, and exits with the program's exit code (128+N if signal N killed \
            it, 124 on timeout, 130 on Ctrl-C).
            """)

    @Argument(help: "A lesson id (05-broken-pool, or its number 5) or a path to a Python file.")
    var target: String

    @Flag(help: "Print events as NDJSON, one object per line.")
    var json = false

    @Flag(help: "Print events as readable lines (the default).")
    var plain = false

    @Flag(help: "Also print the raw stdout/stderr stream as the terminal would have shown it.")
    var raw = false

    @Option(help: "Which of a lesson's demos to run (lesson 5: original, original-spawn, surfaced, fixed).")
    var variant: String?

    @Option(help: "Stop the whole tree after this many seconds (exit 124; default: the demo's timeout, else 60).")
    var timeout: Double?

    @Option(help: "Force multiprocessing's default start method: fork, spawn or forkserver.")
    var startMethod: String?

    @Option(help: "The Python interpreter (default: $PROCTUTOR_PYTHON, then python3 on PATH).")
    var python: String?

    @Option(help: "Stop the tree when more processes than this are alive at once.")
    var maxProcesses: Int = 256

    @Option(help: "The lessons folder (default: $PROCTUTOR_LESSONS, then the installed or checked-out lessons).")
    var lessons: String?

    @Option(name: .customLong("repeat"),
            help: "Run the program N times (1–1000), one after another, and print a tally of what differed.")
    var repeatCount: Int?

    @Option(help: ArgumentHelp("The language of messages, stop reasons and the summary: zh or en (default: from "
                               + "LC_ALL, LC_MESSAGES, LANG). --json is always English.", valueName: "zh|en"))
    var lang: Lang?

    @Option(help: .hidden)
    var timeScale: Double?

    @Argument(parsing: .postTerminator, help: "Arguments for the program (after --).")
    var arguments: [String] = []

    func validate() throws {
        let l = lang ?? environmentLang
        func bad(_ zh: String, _ en: String) -> ValidationError { ValidationError(Localized(zh: zh, en: en)[l]) }
        if json && plain { throw bad("--json 和 --plain 不能同时使用", "--json and --plain exclude each other") }
        if let m = startMethod, !["fork", "spawn", "forkserver"].contains(m) {
            throw bad("--start-method 必须是 fork、spawn 或 forkserver，而不是 \(m)",
                      "--start-method must be fork, spawn or forkserver, not \(m)")
        }
        if let t = timeout, t <= 0 { throw bad("--timeout 必须大于 0 秒", "--timeout must be more than 0 seconds") }
        if maxProcesses < 1 { throw bad("--max-processes 至少是 1", "--max-processes must be at least 1") }
        if let s = timeScale, s <= 0 { throw ValidationError("--time-scale must be more than 0") }
    }

    /// The most runs `--repeat` takes.
    static let repeatLimit = 1000

    func run() throws {
        let lang = self.lang ?? environmentLang
        if let n = repeatCount, !(1...Self.repeatLimit).contains(n) {
            throw failure(CLI.repeatRange(Self.repeatLimit, n), lang)
        }
        let target = try RunTarget.resolve(target, variant: variant, lessons: lessons, lang: lang)
        let method = startMethod.flatMap(StartMethod.init(rawValue:)) ?? target.startMethod
        // --timeout wins, then the demo's own limit from lesson.yaml, then the default.
        let limit = timeout ?? target.timeout ?? DemoRunner.defaultTimeout
        let config = RunConfig(program: target.program, arguments: arguments, python: python, startMethod: method,
                               timeout: limit, timeScale: timeScale, maxProcesses: maxProcesses, inheritsStdin: true,
                               lesson: target.lesson, variant: target.variant)
        if let n = repeatCount {
            throw ExitCode(Int32(RepeatedRun(config: config, count: n, json: json, lang: lang).run()))
        }
        let session: PrintedRun
        do {
            session = try PrintedRun(config: config, style: PrintStyle(json: json, raw: raw, lang: lang))
        } catch {
            throw failure("proctutor run: " + CLI.text(of: error, lang))
        }
        throw ExitCode(Int32(RunWaiter.wait(for: session)))
    }
}

/// Waits while the supervisor prints a run's events; Ctrl-C stops the tree and the summary still comes.
enum RunWaiter {
    static func wait(for session: PrintedRun) -> Int {
        let interrupts = try? SignalPipe(signals: [SIGINT, SIGTSTP])
        var interrupted = false
        // Test-only: the same crash hook as the tutorial, so tests can prove a crash leaves no process behind.
        let crashAt = CrashHook.delay(in: ProcessInfo.processInfo.environment).map { Clock.monotonic() + $0 }
        while !session.isFinished {
            if let crashAt, Clock.monotonic() >= crashAt {
                fatalError("deliberate crash requested by \(CrashHook.variable) (test hook)")
            }
            guard let ready = Poll.readable([session.fd, interrupts?.readFD ?? -1],
                                            milliseconds: crashAt == nil ? -1 : 50) else { break }
            if ready[1], let interrupts {
                let got = interrupts.drain()
                if got.contains(SIGINT), !interrupted {
                    interrupted = true
                    session.interrupt()
                }
                if got.contains(SIGTSTP) { suspend(session, interrupts) }
            }
            if ready[0] { session.read() }
        }
        if let code = session.exitCode {
            session.reap()
            return code
        }
        writeText(1, session.lost())  // before the supervisor is reaped (see Supervisor.abandonRun)
        session.reap()
        return 1
    }

    /// Ctrl-Z: the program stops with us, as it would without proctutor (it lives in its own session, so the
    /// shell's job control alone would not stop it), and goes on when the shell continues us.
    static func suspend(_ session: PrintedRun, _ signals: SignalPipe) {
        session.pause()
        signals.stopUntilContinued()  // returns after SIGCONT (fg or bg)
        session.resume()
    }
}

/// `run --repeat N`: the program N times, one after another, each run's summary as it ends, then the tally.
///
/// The runs go through `SupervisedRun` (the events come back here, for the tally) rather than `PrintedRun`; the
/// program's stdin is /dev/null (one stdin cannot be read N times). Ctrl-C stops the current run, which is not
/// counted, and prints the tally of the finished ones (exit 130). Otherwise the exit code is 0 if every run
/// exited 0, else the last non-zero one.
struct RepeatedRun {
    var config: RunConfig
    var count: Int
    var json: Bool
    var lang: Lang

    func run() -> Int {
        let interrupts = try? SignalPipe(signals: [SIGINT, SIGTSTP])
        let began = Clock.monotonic()
        var tally = Tally()
        var exitCode = 0
        var interrupted = false
        for i in 1...count {
            let events: [Event]
            do {
                let outcome = try RunToEnd.run(config, signals: interrupts)
                events = outcome.events
                interrupted = outcome.interrupted
            } catch {
                writeText(2, "proctutor run: " + CLI.text(of: error, lang) + "\n")
                return 2
            }
            if interrupted { break }
            if i == 1, !json, case let .run(h)? = events.first?.kind {
                writeText(1, PlainFormat.line(Event(t: 0, .run(h)), lang: lang) + "\n")
            }
            tally.add(events)
            guard let last = events.last, case let .summary(s) = last.kind else { continue }
            if s.exitCode != 0 { exitCode = s.exitCode }
            let line = json ? EventJSON.encode(last)
                : Localized(zh: "第 \(i)/\(count) 次：", en: "run \(i)/\(count): ")[lang] + PlainFormat.line(last, lang: lang).drop { $0 != " " }.drop { $0 == " " }
            writeText(1, line + "\n")
        }
        let text = json ? tally.json(t: Clock.monotonic() - began, interrupted: interrupted) + "\n"
            : tally.plainLines(interrupted: interrupted, lang: lang).map { $0 + "\n" }.joined()
        writeText(1, text)
        return interrupted ? 130 : exitCode
    }
}

/// A run TARGET resolved: the program, and what its lesson's demo sets (start method, time limit), if any.
struct RunTarget {
    var program: String
    var startMethod: StartMethod?
    var timeout: Double?
    /// The lesson's id and the demo's name, when the target is a lesson (for the run header).
    var lesson: String?
    var variant: String?

    static func resolve(_ target: String, variant: String?, lessons: String? = nil, lang: Lang = .en) throws -> RunTarget {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDir), !isDir.boolValue {
            if variant != nil { throw failure(CLI.variantOnFile, lang) }
            return RunTarget(program: target)
        }
        if target.hasSuffix(".py") || target.contains("/") {
            throw failure(CLI.noSuchFile("run", target), lang)
        }
        // Only the named lesson's lesson.yaml is read, not the whole library: this runs before every demo run.
        let lesson: Lesson
        do {
            lesson = try LessonLibrary.lesson(named: target, in: try LessonLibrary.locate(explicit: lessons))
        } catch {
            if case LessonLibraryError.unknownLesson = error {
                throw failure(CLI.neitherFileNorLesson(target, CLI.text(of: error, lang), lang: lang))
            }
            throw failure(CLI.notAFileAnd(target, CLI.text(of: error, lang), lang: lang))
        }
        guard let demo = lesson.demo(named: variant) else {
            let names = lesson.demos.map(\.name).joined(separator: ", ")
            throw failure(CLI.noVariant(lesson.id, variant ?? "", names), lang)
        }
        return RunTarget(program: lesson.path(of: demo), startMethod: demo.startMethod, timeout: demo.timeout,
                         lesson: lesson.id, variant: demo.name)
    }
}

/// Prints `message` on stderr and gives the exit code to throw (no usage text: the arguments were fine).
func failure(_ message: String, code: Int32 = 2) -> ExitCode {
    writeText(2, message + "\n")
    return ExitCode(code)
}

/// Writes all of `text` to a descriptor (stdout/stderr without C's shared FILE globals).
func writeText(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        bytes = bytes.dropFirst(n)
    }
}
