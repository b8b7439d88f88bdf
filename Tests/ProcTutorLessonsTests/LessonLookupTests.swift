import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// `LessonLibrary.lesson(named:in:)`: one lesson read from its lesson.yaml, the same lesson the library picks.
@Suite struct LessonLookupTests {
    /// The lesson without its texts, which the quick lookup does not read.
    func withoutText(_ lesson: Lesson) -> Lesson {
        var l = lesson
        l.text = [:]
        return l
    }

    @Test func findsEveryBuiltInLessonByEveryNameWithoutReadingTexts() throws {
        let library = try LessonLibrary(directory: Fixture.builtIn)
        #expect(library.lessons.count >= 5)
        for full in library.lessons {
            let names = [String(full.number), String(format: "%02d", full.number), " \(full.number) ", full.id,
                         full.id.uppercased(), String(full.id.split(separator: "-", maxSplits: 1).last!)]
            for name in names {
                let quick = try LessonLibrary.lesson(named: name, in: Fixture.builtIn)
                // Empty texts: it came from lesson.yaml alone, not from the full library (which reads them).
                #expect(quick.text.isEmpty, "\(name)")
                #expect(quick == withoutText(full), "\(name)")
            }
        }
    }

    @Test func unknownLessonIsTheLibrarysErrorListingTheLessons() throws {
        let library = try LessonLibrary(directory: Fixture.builtIn)
        for name in ["42", "no-such-lesson", "fork-bomb"] {
            #expect(throws: LessonLibraryError.unknownLesson(name, known: library.lessons.map { "\($0.number) (\($0.id))" })) {
                try LessonLibrary.lesson(named: name, in: Fixture.builtIn)
            }
        }
        #expect(throws: LessonLibraryError.notAFolder(path: "/nope", source: "the command line")) {
            try LessonLibrary.lesson(named: "1", in: "/nope")
        }
        let empty = Fixture.tempDir("empty")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: LessonLibraryError.empty(path: empty)) { try LessonLibrary.lesson(named: "1", in: empty) }
    }

    @Test func folderNamesAreOnlyHints() throws {
        let dir = Fixture.tempDir("lookup")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Numbers swapped without renaming the folders (allowed), and a folder not named after its lesson's id
        // (an error `check` reports, but the lesson still loads).
        try Fixture.writeLesson(dir, folder: "01-alpha", id: "01-alpha", number: 2)
        try Fixture.writeLesson(dir, folder: "02-beta", id: "02-beta", number: 1)
        try Fixture.writeLesson(dir, folder: "09-gamma", id: "03-gamma", number: 3)
        let library = try LessonLibrary(directory: dir)
        #expect(library.lessons.map(\.id) == ["02-beta", "01-alpha", "03-gamma"])
        for name in ["1", "2", "3", "01-alpha", "beta", "03-gamma", "gamma", "GAMMA"] {
            let quick = try LessonLibrary.lesson(named: name, in: dir)
            #expect(quick.id == library.lesson(matching: name)?.id, "\(name)")
            #expect(withoutText(quick) == withoutText(try #require(library.lesson(matching: name))), "\(name)")
        }
        #expect(try LessonLibrary.lesson(named: "1", in: dir).demos.map(\.file) == ["demo-1.py"])
        // Folder 09-gamma holds lesson 3: there is no lesson 9, and the error lists the lessons as they are.
        #expect(throws: LessonLibraryError.unknownLesson("9", known: ["1 (02-beta)", "2 (01-alpha)", "3 (03-gamma)"])) {
            try LessonLibrary.lesson(named: "9", in: dir)
        }
        #expect(throws: LessonLibraryError.unknownLesson("09-gamma", known: ["1 (02-beta)", "2 (01-alpha)", "3 (03-gamma)"])) {
            try LessonLibrary.lesson(named: "09-gamma", in: dir)
        }
    }

    @Test func queryHintsAtFoldersByNumberIdOrName() {
        #expect(LessonQuery(" 05 ").number == 5)
        #expect(LessonQuery("5").mayBe(folder: "05-broken-pool"))
        #expect(!LessonQuery("5").mayBe(folder: "15-more"))
        #expect(!LessonQuery("5").mayBe(folder: "broken-pool"))
        #expect(LessonQuery("Broken-Pool").mayBe(folder: "05-broken-pool"))
        #expect(LessonQuery("05-broken-pool").mayBe(folder: "05-broken-pool"))
        #expect(!LessonQuery("pool").mayBe(folder: "05-broken-pool"))
    }
}
