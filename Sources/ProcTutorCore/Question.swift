/// One quiz question of a lesson.
public struct Question: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Exactly one correct choice (index into `choices`).
        case single(choices: [Localized], answer: Int)
        /// A set of correct choices.
        case multiple(choices: [Localized], answers: Set<Int>)
        /// Free text or a number; any of `accepted` is right. Numbers compare as numbers.
        case short(accepted: [String], numeric: Bool)
        /// Asked before the demo runs; the answer is what the real run shows (an observation of its events).
        case predict(observation: Observation, demo: String?, startMethod: StartMethod?)
    }

    public var id: String
    public var prompt: Localized
    public var kind: Kind
    /// Shown after the student answers.
    public var explanation: Localized

    public init(id: String, prompt: Localized, kind: Kind, explanation: Localized) {
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.explanation = explanation
    }
}

/// A named fact about a run, computed from its events alone. Predict questions are checked against these.
public enum Observation: Equatable, Sendable {
    /// Distinct PIDs seen in the run, the main process included.
    case processes
    /// The most processes alive at once.
    case maxAlive
    /// The program's exit code.
    case exitCode
    /// Pool worker processes that had started before the first task started.
    case poolWorkersBeforeFirstTask
    /// Distinct worker PIDs that ran at least one task.
    case distinctTaskPIDs
    /// Tasks that failed.
    case failedTasks
    /// Failed tasks whose result nobody fetched.
    case unretrievedFailures
    /// Output lines (any process, any stream) that contain the text.
    case linesContaining(String)

    /// The name used in lesson files.
    public var name: String {
        switch self {
        case .processes: "processes"
        case .maxAlive: "max_alive"
        case .exitCode: "exit_code"
        case .poolWorkersBeforeFirstTask: "pool_workers_before_first_task"
        case .distinctTaskPIDs: "distinct_task_pids"
        case .failedTasks: "failed_tasks"
        case .unretrievedFailures: "unretrieved_failures"
        case .linesContaining: "lines_containing"
        }
    }
}
