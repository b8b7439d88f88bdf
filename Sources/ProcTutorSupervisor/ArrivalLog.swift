import Glibc
import ProcTutorCore
import ProcTutorSystem

/// Benchmark-only: when `PROCTUTOR_BENCH_ARRIVALS` names a file, the supervisor appends one line
/// `PID ARRIVED STAMPED` per `start` event: when that event leaves the supervisor, and the time in its record (the
/// tracer's clock reading at the birth), both in CLOCK_MONOTONIC seconds, the clock Python's `time.monotonic()`
/// reads. `scripts/bench` (figure 3, docs/performance.md) joins it with
/// each child's own clock reading at birth. Off unless the variable is set; never seen by the traced program.
struct ArrivalLog {
    static let variable = "PROCTUTOR_BENCH_ARRIVALS"
    private var fd: Int32 = -1

    /// Opens the file named by the variable, if any.
    init(environment: [String: String]) {
        guard let path = environment[Self.variable], !path.isEmpty else { return }
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    }

    /// Records the arrival of every `start` among `events`; `origin` turns their run times back into clock times.
    func record(_ events: [Event], origin: Double) {
        guard fd >= 0 else { return }
        let now = Clock.monotonic()
        var text = ""
        for e in events {
            if case let .start(pid, _, _, _, _) = e.kind { text += "\(pid) \(now) \(origin + e.t)\n" }
        }
        if !text.isEmpty { _ = writeAll(fd, Array(text.utf8)) }
    }
}
