import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// The tutorial's first frame has only the lesson it opens at (`lessonsToCome` counts the others, which the
/// backend loads right after that frame): the frame must be the one the whole library gives, and the lessons'
/// arrival must land the student where the whole library would have opened.
@Suite struct LessonsToComeTests {
    func opening(_ index: Int, lang: Lang = .zh) -> AppState {
        var s = AppState(lessons: [Fixtures.lessons[index]], lang: lang, width: 120, height: 40)
        s.lessonsToCome = Fixtures.lessons.count - 1
        return s
    }

    func whole(_ index: Int, lang: Lang = .zh) -> AppState {
        AppState(lessons: Fixtures.lessons, lessonIndex: index, lang: lang, width: 120, height: 40)
    }

    @Test(arguments: [(0, Lang.zh), (1, .en), (3, .zh)])
    func firstFrameIsTheWholeLibrarysFrame(index: Int, lang: Lang) {
        let first = App.view(opening(index, lang: lang)).text
        #expect(first == App.view(whole(index, lang: lang)).text)
        // The position and the lesson keys are there, counted with the lessons to come.
        #expect(first.contains("\(Fixtures.lessons[index].number)/4 "))
        #expect(first.contains(S.kLesson[lang]))
    }

    @Test func arrivalKeepsTheLessonOnScreenAndItsPanes() {
        var s = opening(1)
        s.focus = .code
        s.scroll[.lesson] = 3
        s.lessonsArrived(Fixtures.lessons, open: "02-process")
        #expect(s.lessonIndex == 1 && s.lesson?.id == "02-process" && s.lessonsToCome == 0)
        #expect(s.focus == .code && s.scroll[.lesson] == 3)
        var w = whole(1)
        w.focus = .code
        w.scroll[.lesson] = 3
        #expect(App.view(s).text == App.view(w).text)
        // → goes on to the next lesson of the whole library, as it would have.
        _ = App.update(&s, .key(.right))
        #expect(s.lesson?.id == "04-pool")
    }

    @Test func arrivalOpensTheLessonTheWholeLibraryOpensAt() {
        // The first folder held lesson 2 (folder names and numbers disagree); the library opens at lesson 1.
        var s = opening(1)
        s.scroll[.lesson] = 3
        s.lessonsArrived(Fixtures.lessons, open: "01-fork")
        #expect(s.lesson?.id == "01-fork" && s.scroll.isEmpty)
        #expect(App.view(s).text == App.view(whole(0)).text)
    }

    @Test func noLessonsArrivingKeepsTheOneOnScreenAlone() {
        var s = opening(2)
        s.lessonsArrived([], open: nil)
        #expect(s.lessons.map(\.id) == ["04-pool"] && s.lessonsToCome == 0 && s.lessonCount == 1)
        // Alone, it has no position in a sequence and no lesson keys.
        #expect(!App.view(s).text.contains("4/4"))
        #expect(Keys.handle(&s, .right).isEmpty && s.lesson?.id == "04-pool")
    }
}
