import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

@Suite struct LessonListingTests {
    @Test func chineseColumnsAlignByDisplayWidth() throws {
        let lib = try LessonLibrary(directory: Fixture.good)
        var p = StudentProgress()
        p.recordQuiz(lesson: "02-pool", score: QuizScore(correct: 5, total: 6, at: Date(timeIntervalSince1970: 0)))
        p.markDone(lesson: "02-pool")
        p.open(lesson: "02-pool", at: Date(timeIntervalSince1970: 0))
        let lines = LessonListing.lines(lib.lessons, progress: p, lang: .zh)
        #expect(lines == [
            "#  编号      标题        完成  测验最好  测验上次  练习",
            "1  01-hello  你好，进程  -     -         -         -",
            "2  02-pool   进程池      ✓     5/6       5/6       -",
            "",
            "上次学到：第 2 课（02-pool）",
        ])
        // The "done" column starts at the same display column on every row.
        let columns = lines.prefix(3).map { line -> Int in
            let fields = line.components(separatedBy: "  ").filter { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }
            let afterTitle = line.range(of: fields[2])!.upperBound
            let done = line.range(of: fields[3], range: afterTitle..<line.endIndex)!.lowerBound
            return TextWidth.of(String(line[..<done]))
        }
        #expect(columns == [25, 25, 25])
    }

    @Test func englishListing() throws {
        let lib = try LessonLibrary(directory: Fixture.good)
        #expect(LessonListing.lines(lib.lessons, progress: StudentProgress(), lang: .en) == [
            "#  id        title             done  quiz best  quiz last  exercises",
            "1  01-hello  Hello, processes  -     -          -          -",
            "2  02-pool   The pool          -     -          -          -",
        ])
    }

    /// The exercises column: passed of the lesson's exercises.
    @Test func exercisesColumn() throws {
        let lib = try LessonLibrary(directory: Fixture.root + "/exercise")
        var p = StudentProgress()
        #expect(LessonListing.lines(lib.lessons, progress: p, lang: .en)[1].hasSuffix("-          0/1"))
        p.recordExercisePassed(lesson: "01-hello", exercise: "fork-one")
        p.recordExercisePassed(lesson: "01-hello", exercise: "fork-one")
        #expect(p[lesson: "01-hello"].exercisesPassed == ["fork-one"])
        #expect(LessonListing.lines(lib.lessons, progress: p, lang: .en)[1].hasSuffix("-          1/1"))
    }
}
