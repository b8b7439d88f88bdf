import ProcTutorCore
import Testing
@testable import ProcTutorUI

/// `proctutor watch`: the student's script as a lone lesson with one demo and no quiz.
@Suite struct WatchStateTests {
    static let program = "/home/student/square.py"

    func press(_ s: inout AppState, _ key: Key) -> [AppCommand] { App.update(&s, .key(key)) }

    @Test func theScriptIsTheOnlyDemo() {
        let lesson = Watch.lesson(program: Self.program, timeout: 60)
        #expect(lesson.directory == "/home/student")
        #expect(lesson.demos.map(\.file) == ["square.py"])
        #expect(lesson.path(of: lesson.demos[0]) == Self.program)
        #expect(lesson.demos[0].timeout == 60)
        #expect(lesson.quiz.isEmpty)
        #expect(Watch.lesson(program: "/top.py", timeout: 1).path(of: Watch.lesson(program: "/top.py", timeout: 1).demos[0]) == "/top.py")
    }

    @Test func rRunsTheScriptWithTheChosenStartMethod() {
        var s = Watch.state(program: Self.program, timeout: 60, lang: .en, width: 120, height: 40)
        #expect(press(&s, .char("r")).shapes == [.start(Self.program, nil)])
        _ = App.update(&s, .runEnded(s.currentRun))
        _ = press(&s, .char("m"))
        _ = press(&s, .char("m"))
        #expect(press(&s, .char("r")).shapes == [.start(Self.program, .spawn)])
    }

    @Test func noLessonsToChangeAndNoQuiz() {
        var s = Watch.state(program: Self.program, timeout: 60, lang: .zh, width: 120, height: 40)
        for key: Key in [.char("Q"), .right, .left, .char("2"), .char("v")] {
            #expect(press(&s, key) == [])
        }
        #expect(s.quiz == nil)
        #expect(s.lessonIndex == 0)
        // Scrolling past the end of the text opens no quiz either.
        for _ in 0..<50 { _ = press(&s, .down) }
        #expect(s.quiz == nil)
        let bar = KeyBar.keys(s).map(\.key)
        #expect(!bar.contains("Q") && !bar.contains("←→"))
        #expect(bar.contains("r") && bar.contains("m") && bar.contains("q"))
    }

    @Test func theTextNamesTheTimeLimit() {
        let en = Watch.explanation(.en, timeout: 7.5)
        let zh = Watch.explanation(.zh, timeout: 20)
        #expect("\(en)".contains("7.5 s"))
        #expect("\(zh)".contains("20 秒"))
    }
}
