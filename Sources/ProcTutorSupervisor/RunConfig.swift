import ProcTutorCore
import ProcTutorSystem

/// Everything needed to run one Python program under the supervisor.
public struct RunConfig: Sendable, Codable, Equatable {
    /// Path of the Python file to run.
    public var program: String
    /// Arguments after the file (`sys.argv[1:]`).
    public var arguments: [String]
    /// The interpreter: an explicit path or command name; nil: `$PROCTUTOR_PYTHON`, then `python3` on PATH.
    public var python: String?
    /// Forces multiprocessing's default start method (`fork`, `spawn`, `forkserver`); nil keeps the interpreter's.
    public var startMethod: StartMethod?
    /// Seconds before the tree is stopped (reason `timeout`, exit 124); nil: no limit.
    public var timeout: Double?
    /// Test-only: multiplies every `time.sleep` of the program (e.g. 0.1 runs the demos ten times faster).
    public var timeScale: Double?
    /// Most processes alive at once before the tree is stopped (reason `process-limit`).
    public var maxProcesses: Int
    /// The program's working directory; nil: the caller's.
    public var workingDirectory: String?
    /// The `proctutor` executable that runs `__supervise`; nil: this process's own executable.
    public var supervisorExecutable: String?
    /// Seconds the rest of the tree may run on after the main process exited, before it is stopped.
    public var linger: Double
    /// nil: the supervisor writes every event as NDJSON for its caller (`SupervisedRun`). Set: it prints the
    /// events itself, in this style, on the stdout it inherited (`PrintedRun`, for `proctutor run`).
    public var printing: PrintStyle?
    /// The program reads the caller's stdin (`proctutor run`: a pipe, a file, the terminal), as it would
    /// without proctutor; false: /dev/null (the tutorial's demos, whose terminal belongs to the tutorial).
    /// Honoured by `PrintedRun`, which hands that stdin to the supervisor as descriptor 3.
    public var inheritsStdin: Bool
    /// The lesson (its id) and demo variant the program is, for the run header; nil for any other file.
    public var lesson: String?
    public var variant: String?
    /// The interpreter's version for the run header; `prepared()` fills it in (cached per interpreter).
    public var pythonVersion: String?
    /// The program's path as the user typed it, when `prepared()` made `program` absolute: the program's
    /// `sys.argv[0]` is this, as under `python3 -u FILE` (used only where it names the same file).
    public var programArgument: String?

    public init(program: String, arguments: [String] = [], python: String? = nil, startMethod: StartMethod? = nil,
                timeout: Double? = 60, timeScale: Double? = nil, maxProcesses: Int = 256,
                workingDirectory: String? = nil, supervisorExecutable: String? = nil, linger: Double = 3,
                printing: PrintStyle? = nil, inheritsStdin: Bool = false, lesson: String? = nil,
                variant: String? = nil) {
        self.program = program
        self.arguments = arguments
        self.python = python
        self.startMethod = startMethod
        self.timeout = timeout
        self.timeScale = timeScale
        self.maxProcesses = maxProcesses
        self.workingDirectory = workingDirectory
        self.supervisorExecutable = supervisorExecutable
        self.linger = linger
        self.printing = printing
        self.inheritsStdin = inheritsStdin
        self.lesson = lesson
        self.variant = variant
    }
}

/// How `proctutor run` shows the events: readable lines or NDJSON, with or without the raw stream.
public struct PrintStyle: Sendable, Codable, Equatable {
    public var json: Bool
    public var raw: Bool
    /// The language of the plain lines' sentences (stop reasons, notices, the summary); NDJSON is always English.
    public var lang: Lang

    public init(json: Bool, raw: Bool, lang: Lang = .en) {
        self.json = json
        self.raw = raw
        self.lang = lang
    }
}

