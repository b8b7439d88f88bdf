/// A lesson's exercise: a task, a starter file the student edits, checks against the real run of the student's
/// code, graduated hints and a reference solution. Pure values, read from `lesson.yaml`.
public struct Exercise: Equatable, Sendable {
    /// Unique in the lesson, e.g. `three-children`; the workspace file is `ID.py`.
    public var id: String
    public var title: Localized
    /// What the student is asked to do.
    public var task: Localized
    /// The file the student starts from, relative to the lesson folder.
    public var starter: String
    /// The reference solution, relative to the lesson folder: it passes every check.
    public var solution: String
    /// Shown one at a time, in order, when the student asks.
    public var hints: [Localized]
    /// Seconds after which a run is stopped (tree killed); nil: `Exercise.defaultTimeout`.
    public var timeout: Double?
    /// The start method checks run under unless they name their own; nil: the interpreter's default.
    public var startMethod: StartMethod?
    public var checks: [ExerciseCheck]
    /// Where the exercise is written in `lesson.yaml` (1-based), to position problems of its runs.
    public var line: Int?
    public var column: Int?

    /// The limit for exercises that set none.
    public static let defaultTimeout = 30.0
    /// The most processes a student's program may have alive at once (a fork bomb is stopped there).
    public static let processLimit = 64

    public init(id: String, title: Localized, task: Localized, starter: String, solution: String,
                hints: [Localized], timeout: Double? = nil, startMethod: StartMethod? = nil,
                checks: [ExerciseCheck], line: Int? = nil, column: Int? = nil) {
        self.id = id
        self.title = title
        self.task = task
        self.starter = starter
        self.solution = solution
        self.hints = hints
        self.timeout = timeout
        self.startMethod = startMethod
        self.checks = checks
        self.line = line
        self.column = column
    }

    /// The start method a check runs under.
    public func method(of check: ExerciseCheck) -> StartMethod? {
        check.startMethod ?? startMethod
    }

    /// The runs the checks need, one per start method, in the order the checks first name them.
    public var runs: [StartMethod?] {
        var out: [StartMethod?] = []
        for c in checks where !out.contains(method(of: c)) { out.append(method(of: c)) }
        return out
    }
}

/// One check of an exercise: an observation of the run with its expected value, or an order of two lines.
public struct ExerciseCheck: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The observation's value must meet the expectation.
        case observe(Observation, Expectation)
        /// A line containing `first` is printed, a line containing `then` too, and the last of the first kind
        /// comes before the first of the second.
        case order(first: String, then: String)
    }

    public var kind: Kind
    /// The start method this check runs under (nil: the exercise's).
    public var startMethod: StartMethod?
    /// Said when the check fails, instead of the generic text; `{observed}`, `{expected}` and `{pids}` are
    /// replaced by the run's values.
    public var message: Localized?
    /// Where the check is written in `lesson.yaml`.
    public var line: Int?
    public var column: Int?

    public init(_ kind: Kind, startMethod: StartMethod? = nil, message: Localized? = nil, line: Int? = nil,
                column: Int? = nil) {
        self.kind = kind
        self.startMethod = startMethod
        self.message = message
        self.line = line
        self.column = column
    }
}

/// The value a check wants: an exact number or a range (either end may be open).
public enum Expectation: Equatable, Sendable {
    case exactly(Int)
    case range(min: Int?, max: Int?)

    public func accepts(_ value: Int) -> Bool {
        switch self {
        case let .exactly(n): value == n
        case let .range(lo, hi): (lo.map { value >= $0 } ?? true) && (hi.map { value <= $0 } ?? true)
        }
    }

    /// As a student reads it: `3`, `≥ 2`, `≤ 4`, `2–3`.
    public var text: String {
        switch self {
        case let .exactly(n): "\(n)"
        case let .range(lo?, hi?): lo == hi ? "\(lo)" : "\(lo)–\(hi)"
        case let .range(lo?, nil): "≥ \(lo)"
        case let .range(nil, hi?): "≤ \(hi)"
        case .range(nil, nil): "any"
        }
    }
}
