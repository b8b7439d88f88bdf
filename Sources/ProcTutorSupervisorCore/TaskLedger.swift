import ProcTutorCore

/// Pool tasks: which function each worker's task runs, which failures were retrieved (by `get()` or an
/// `error_callback`), and how many nobody retrieved.
///
/// One of `RunAssembler`'s three parts. A task record may leave out its function and arguments (the tracer
/// sends them once, with the task's start); the ledger fills them in from what it was told before.
struct TaskLedger {
    struct Label: Equatable {
        var function: String
        var args: String
    }

    /// Tasks each worker has started and not finished.
    private var open: [PID: [Int: Label]] = [:]
    /// The task each worker finished last: a result that cannot be sent is reported `done`, then `failed`.
    private var finished: [PID: (job: Int, label: Label)] = [:]
    private var failed: [Int] = []
    private var retrieved = Set<Int>()
    private var callbacks = Set<Int>()

    /// A new process holds `pid`: the old holder's tasks are not its.
    mutating func forget(_ pid: PID) {
        open[pid] = nil
        finished[pid] = nil
    }

    /// A task record. Returns the label to report, and whether the failure was retrieved at once (it has an
    /// error callback, which Pool calls with the exception).
    mutating func task(pid: PID, job: Int, status: TaskStatus, function: String?, args: String?)
        -> (label: Label, retrievedNow: Bool)
    {
        let known = open[pid]?[job] ?? finished[pid].flatMap { $0.job == job ? $0.label : nil }
        let label = Label(function: function ?? known?.function ?? "?", args: args ?? known?.args ?? "")
        if status == .started {
            open[pid, default: [:]][job] = label
        } else {
            open[pid]?[job] = nil
            finished[pid] = (job, label)
        }
        guard status == .failed else { return (label, false) }
        failed.append(job)
        return (label, callbacks.contains(job) && retrieved.insert(job).inserted)
    }

    /// The result of `job` was fetched. Returns whether that is news.
    mutating func retrieve(_ job: Int) -> Bool {
        retrieved.insert(job).inserted
    }

    /// `job` was submitted with an error callback. Returns whether that retrieves a failure already seen.
    mutating func errorCallback(_ job: Int) -> Bool {
        callbacks.insert(job)
        return failed.contains(job) && retrieved.insert(job).inserted
    }

    /// Failures nobody retrieved: the summary's `unretrieved_failures`.
    var unretrievedFailures: Int {
        failed.filter { !retrieved.contains($0) }.count
    }
}
