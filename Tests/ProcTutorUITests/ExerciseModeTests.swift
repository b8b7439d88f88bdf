import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// The exercise's state machine: runs per start method, a save re-running, hints, the solution, passing.
@Suite struct ExerciseModeTests {
    @Test func runsEveryStartMethodTheChecksNeed() {
        var s = ExerciseFixtures.state(width: 120, height: 40, lang: .en, hints: 0)
        let ex = try! #require(s.exercise)
        // The default run, then the spawn run the last check needs: both kept, every check graded.
        #expect(Set(ex.runs.keys) == [nil, .spawn])
        #expect(s.run?.startMethod == .spawn)
        #expect(ex.results.map { $0?.passed } == [true, false, false, false, true])
        #expect(ex.results[1]?.message?.en == "3 children became orphans: 501, 502, 503")
        #expect(!ex.passed)
        // A save starts again from the first run, with the old results gone.
        let cmds = App.update(&s, .exerciseFileSaved)
        #expect(cmds.shapes.contains(.start(ExerciseFixtures.path, nil)))
        #expect(s.exercise?.runs.isEmpty == true)
        _ = App.update(&s, .exerciseFileRemoved)
        #expect(s.exercise?.note == ExerciseTexts.deletedFullScreen)
    }

    @Test func hintsAndTheSolutionAskFirst() {
        var s = ExerciseFixtures.state(width: 120, height: 40, lang: .en, hints: 0)
        for _ in 0..<5 { _ = App.update(&s, .key(.char("h"))) }
        #expect(s.exercise?.hintsShown == 2)
        _ = App.update(&s, .key(.char("S")))
        #expect(s.exercise?.showSolution == false && s.exercise?.askedSolution == true)
        _ = App.update(&s, .key(.char("S")))
        #expect(s.exercise?.showSolution == true)
        #expect(App.update(&s, .key(.char("E"))) == [.openEditor(path: ExerciseFixtures.path)])
    }

    @Test func passingIsSavedOnce() {
        var s = ExerciseFixtures.state(width: 120, height: 40, lang: .en, hints: 0)
        // The solution's run: the parent waits for each child (reaped by 500), prints after them.
        var e: [Event] = [Event(t: 0, .start(pid: 600, ppid: 1, name: "MainProcess", method: .main, parent: nil))]
        for pid in [601, 602, 603] {
            e.append(Event(t: 0.01, .start(pid: PID(pid), ppid: 600, name: nil, method: .osFork, parent: nil)))
            e.append(Event(t: 0.02, .output(pid: PID(pid), stream: .stdout, text: "子进程")))
            e.append(Event(t: 0.3, .exit(pid: PID(pid), code: 0, signal: nil)))
            e.append(Event(t: 0.3, .reaped(pid: PID(pid), by: 600)))
        }
        e.append(Event(t: 0.31, .output(pid: 600, stream: .stdout, text: "父进程结束")))
        e.append(Event(t: 0.32, .exit(pid: 600, code: 0, signal: nil)))
        _ = App.update(&s, .exerciseFileSaved)
        var last: [AppCommand] = []
        for _ in 0..<2 {
            for x in e { _ = App.update(&s, .run(s.currentRun, x)) }
            last = App.update(&s, .runEnded(s.currentRun))
        }
        #expect(last == [.saveProgress])
        #expect(s.exercise?.passed == true && s.exercise?.unsavedPass == true)
        // Once passed, S shows the solution at once.
        _ = App.update(&s, .key(.char("S")))
        #expect(s.exercise?.showSolution == true)
    }

    /// `x` in a lesson with an exercise asks the backend to open it (stopping a run first).
    @Test func xOpensTheLessonsExercise() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 0, lang: .en)
        s.lessons[0].exercises = [ExerciseFixtures.exercise]
        let id = s.lessons[0].id
        #expect(App.update(&s, .key(.char("x"))) == [.saveProgress, .openExercise(lessonID: id)])
        s.lessons[0].exercises = []
        #expect(App.update(&s, .key(.char("x"))) == [])
    }
}
