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
    /// Processes whose parent is the main process (its logical parent under forkserver).
    case children
    /// Processes that had ended but were not yet waited for when the main process exited.
    case zombiesAtExit
    /// Processes still alive when their parent exited (the kernel gave them to a subreaper or PID 1).
    case orphansAdopted
    /// Processes that their own parent never waited for (someone else collected them, or nobody did).
    case unreapedChildren
    /// Pool tasks that returned a result.
    case tasksDone
    /// Distinct processes that printed at least one line.
    case pidsWriting
    /// Output lines containing the text that a process other than the main one wrote.
    case childLinesContaining(String)

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
        case .children: "children"
        case .zombiesAtExit: "zombies_at_exit"
        case .orphansAdopted: "orphans_adopted"
        case .unreapedChildren: "unreaped_children"
        case .tasksDone: "tasks_done"
        case .pidsWriting: "pids_writing"
        case .childLinesContaining: "child_lines_containing"
        }
    }
}
