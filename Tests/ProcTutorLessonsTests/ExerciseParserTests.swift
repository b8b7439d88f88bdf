import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// The `exercises` key of lesson.yaml read into values (the broken ones are in CheckTests).
@Suite struct ExerciseParserTests {
    @Test func readsEveryField() throws {
        let library = try LessonLibrary(directory: Fixture.root + "/exercise")
        #expect(library.problems == [])
        let lesson = try #require(library.lessons.first)
        let e = try #require(lesson.exercise(named: "fork-one"))
        #expect(lesson.exercise(named: nil) == e)
        #expect(lesson.exercise(named: "nope") == nil)
        #expect(e.title == Localized(zh: "创建一个子进程", en: "Fork one child"))
        #expect(e.starter == "start.py" && e.solution == "demo.py")
        #expect(e.timeout == 10)
        #expect(e.hints.count == 2)
        #expect(e.checks.map(\.kind) == [
            .observe(.children, .exactly(1)),
            .observe(.unreapedChildren, .exactly(0)),
            .observe(.linesContaining("hi from"), .range(min: 2, max: nil)),
            .order(first: "hi from child", then: "done"),
        ])
        #expect(e.checks[0].message?.en == "{observed} children: {pids}")
        #expect(e.checks.map(\.startMethod) == [nil, nil, nil, .spawn])
        #expect(e.runs == [nil, .spawn])
        #expect(e.line == 56 && e.checks[0].line == 66)
    }

    /// Every built-in lesson has at least one exercise, and its files are in the lesson folder.
    @Test func everyBuiltInLessonHasAnExercise() throws {
        let library = try LessonLibrary(directory: Fixture.builtIn)
        #expect(library.lessons.count == 5)
        for lesson in library.lessons {
            #expect(!lesson.exercises.isEmpty, "\(lesson.id) has no exercise")
            for e in lesson.exercises {
                #expect(FileManager.default.fileExists(atPath: lesson.path(of: e.starter)))
                #expect(FileManager.default.fileExists(atPath: lesson.path(of: e.solution)))
                #expect(!e.hints.isEmpty)
            }
        }
        // Lesson 5's is the seed itself: the starter is the seed's program, the solution the fixed one.
        let five = try library.lesson(named: "5")
        #expect(five.exercises[0].starter == "original.py" && five.exercises[0].solution == "fixed.py")
        #expect(five.exercises[0].runs.contains(.spawn))
    }

    @Test func exerciseIdsNameFiles() {
        let text = """
            id: x
            number: 1
            title: { zh: "a", en: "a" }
            demos: [{ name: d, file: d.py, title: { zh: "a", en: "a" } }]
            text: { zh: a.md, en: b.md }
            exercises:
            - id: "../x"
              title: { zh: "a", en: "a" }
              task: { zh: "a", en: "a" }
              starter: s.txt
              solution: /abs.py
              hints: []
              checks: []
            """
        let (file, problems) = LessonParser.parse(text, path: "l.yaml", folderName: "x")
        let list = file.exercises
        let r = (problems: problems, ())
        #expect(list.isEmpty)
        #expect(r.problems.map(\.description) == [
            "l.yaml:7:7: the 'id' of exercise '../x' must be a word of letters, digits, - and _ starting with a letter (it names the student's file ID.py)",
            "l.yaml:10:12: the 'starter' of exercise '../x' must be a Python file (ending in .py), not \"s.txt\"",
            "l.yaml:11:13: the 'solution' of exercise '../x' must be a path inside the lesson folder, not \"/abs.py\"",
            "l.yaml:12:10: the 'hints' of exercise '../x' is empty; give at least one hint",
            "l.yaml:13:11: the 'checks' of exercise '../x' is empty; an exercise needs at least one check",
        ])
    }
}
