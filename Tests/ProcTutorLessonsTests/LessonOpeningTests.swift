import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// `LessonOpening.read`: the one lesson the tutorial's first frame shows, read without the others, is the lesson
/// the whole library opens at, texts included.
@Suite struct LessonOpeningTests {
    @Test func opensWhereTheWholeLibraryOpens() throws {
        let library = try LessonLibrary(directory: Fixture.builtIn)
        let cases: [(String?, String?)] = [(nil, nil), ("3", nil), ("broken-pool", "01-fork"), (nil, "04-pool"),
                                           (nil, "99-gone"), (nil, "")]
        for (name, resume) in cases {
            let opening = try LessonOpening.read(named: name, resume: resume, in: Fixture.builtIn)
            let expected = try #require(try library.opening(named: name, resume: resume))
            #expect(opening.lesson == expected, "\(String(describing: name)) \(String(describing: resume))")
            #expect(!opening.lesson.text.isEmpty)
            #expect(opening.folders == library.lessons.count)
        }
    }

    @Test func anUnknownNameIsTheLibrarysError() throws {
        let library = try LessonLibrary(directory: Fixture.builtIn)
        let known = library.lessons.map { "\($0.number) (\($0.id))" }
        #expect(throws: LessonLibraryError.unknownLesson("42", known: known)) {
            try LessonOpening.read(named: "42", resume: "01-fork", in: Fixture.builtIn)
        }
        #expect(throws: LessonLibraryError.unknownLesson("42", known: known)) {
            try library.opening(named: "42", resume: nil)
        }
    }

    @Test func foldersWithoutALessonThatLoads() throws {
        let dir = Fixture.tempDir("opening")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: LessonLibraryError.empty(path: dir)) { try LessonOpening.read(named: nil, resume: nil, in: dir) }
        // A folder whose lesson.yaml is broken is skipped; the next folder's lesson opens, and both count.
        try FileManager.default.createDirectory(atPath: dir + "/01-broken", withIntermediateDirectories: true)
        try "id: [".write(toFile: dir + "/01-broken/lesson.yaml", atomically: true, encoding: .utf8)
        #expect(throws: LessonLibraryError.empty(path: dir)) { try LessonOpening.read(named: nil, resume: nil, in: dir) }
        try Fixture.writeLesson(dir, folder: "02-good", id: "02-good", number: 2)
        let opening = try LessonOpening.read(named: nil, resume: "01-broken", in: dir)
        #expect(opening.lesson.id == "02-good" && opening.folders == 2)
        #expect(try LessonLibrary(directory: dir).opening(named: nil, resume: "01-broken")?.id == "02-good")
    }
}
