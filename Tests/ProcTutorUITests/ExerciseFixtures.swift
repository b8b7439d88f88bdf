import ProcTutorCore
@testable import ProcTutorUI

/// Lesson 1's exercise as values: the three-children task, its checks, and the runs of a starter that never
/// waits (three orphans) and of a solution that waits for each child.
enum ExerciseFixtures {
    static let path = "/home/student/.local/share/proctutor/exercises/01-fork/three-children.py"

    static let exercise = Exercise(
        id: "three-children",
        title: Localized(zh: "三个子进程，一个都不落下", en: "Three children, none left behind"),
        task: Localized(zh: "父进程要等每一个子进程结束后再打印最后一行。", en: "The parent waits for every child before its last line."),
        starter: "exercise-start.py", solution: "exercise-solution.py",
        hints: [Localized(zh: "把三个 PID 存进一个列表。", en: "Keep the three PIDs in a list."),
                Localized(zh: "对每个 PID 调用 os.waitpid(pid, 0)。", en: "Call os.waitpid(pid, 0) for each PID.")],
        checks: [
            ExerciseCheck(.observe(.children, .exactly(3))),
            ExerciseCheck(.observe(.orphansAdopted, .exactly(0)),
                          message: Localized(zh: "{observed} 个子进程成了孤儿：{pids}",
                                             en: "{observed} children became orphans: {pids}")),
            ExerciseCheck(.observe(.unreapedChildren, .exactly(0))),
            ExerciseCheck(.order(first: "子进程", then: "父进程")),
            ExerciseCheck(.observe(.exitCode, .exactly(0)), startMethod: .spawn),
        ])

    static let source = SourceCode(text: """
        import os
        import time

        for i in range(3):
            pid = os.fork()
            if pid == 0:
                print("子进程 %d" % i)
                time.sleep(0.3)
                os._exit(0)
        print("父进程结束")
        """)

    /// The starter's run: the parent exits first; the supervisor (1) collects the three orphans.
    static func starterRun() -> [Event] {
        var e: [Event] = [Event(t: 0, .start(pid: 500, ppid: 1, name: "MainProcess", method: .main, parent: nil))]
        for (i, pid) in [501, 502, 503].enumerated() {
            e.append(Event(t: 0.01 * Double(i + 1), .start(pid: PID(pid), ppid: 500, name: nil, method: .osFork, parent: nil)))
        }
        e.append(Event(t: 0.05, .output(pid: 500, stream: .stdout, text: "父进程结束")))
        for (i, pid) in [501, 502, 503].enumerated() {
            e.append(Event(t: 0.06, .output(pid: PID(pid), stream: .stdout, text: "子进程 \(i)")))
        }
        e.append(Event(t: 0.07, .exit(pid: 500, code: 0, signal: nil)))
        e.append(Event(t: 0.07, .reaped(pid: 500, by: 1)))
        for pid in [501, 502, 503] {
            e.append(Event(t: 0.36, .exit(pid: PID(pid), code: 0, signal: nil)))
            e.append(Event(t: 0.36, .reaped(pid: PID(pid), by: 1)))
        }
        e.append(Event(t: 0.36, .summary(Summary(exitCode: 0, processes: 4, maxAlive: 4, duration: 0.36, unretrievedFailures: 0))))
        return e
    }

    /// The state after the starter's runs (default, then spawn), with `hints` hints asked for.
    static func state(width: Int, height: Int, lang: Lang, hints: Int = 1) -> AppState {
        let mode = ExerciseMode(lessonID: "01-fork", exercise: exercise, path: path, solution: "os.waitpid(pid, 0)\n",
                                solutionPath: "/lessons/01-fork/exercise-solution.py", passed: false)
        var s = ExerciseMode.state(mode, lang: lang, sources: [path: source], width: width, height: height)
        feed(&s, starterRun())
        for _ in 0..<hints { _ = App.update(&s, .key(.char("h"))) }
        return s
    }

    /// `r`, the events, the run's end, as the backend delivers them; then the next run the app asks for.
    static func feed(_ s: inout AppState, _ events: [Event]) {
        var commands = App.update(&s, .key(.char("r")))
        while commands.contains(where: { if case .startRun = $0 { true } else { false } }) {
            for e in events { _ = App.update(&s, .run(s.currentRun, e)) }
            commands = App.update(&s, .runEnded(s.currentRun))
        }
    }
}
