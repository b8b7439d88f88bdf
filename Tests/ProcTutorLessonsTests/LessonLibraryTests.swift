import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

@Suite struct LessonLibraryTests {
    @Test func loadsGoodFixtureInOrder() throws {
        let lib = try LessonLibrary(directory: Fixture.good)
        #expect(lib.problems == [])
        #expect(lib.lessons.map(\.id) == ["01-hello", "02-pool"])
        let hello = lib.lessons[0]
        #expect(hello.number == 1)
        #expect(hello.title == Localized(zh: "你好，进程", en: "Hello, processes"))
        #expect(hello.demos == [Demo(name: "demo", file: "demo.py", title: Localized(zh: "演示", en: "Demo"))])
        #expect(hello.directory == Fixture.good + "/01-hello")
        #expect(hello.path(of: hello.demos[0]) == Fixture.good + "/01-hello/demo.py")
        let pool = lib.lessons[1]
        #expect(pool.demo(named: "fixed")?.startMethod == .spawn)
        #expect(pool.demo(named: "fixed")?.timeout == 30)
        #expect(pool.demo(named: "original")?.timeout == nil)
        #expect(pool.demo(named: nil)?.name == "original")
    }

    @Test func parsesEveryQuestionKind() throws {
        let lib = try LessonLibrary(directory: Fixture.good)
        let quiz = lib.lessons[0].quiz
        #expect(quiz.count == 6)
        #expect(quiz[0].kind == .single(choices: [Localized(zh: "返回 -1", en: "It returns -1"),
                                                  Localized(zh: "抛出 OSError", en: "It raises OSError"),
                                                  Localized(zh: "返回 0", en: "It returns 0")], answer: 1))
        if case let .multiple(_, answers) = quiz[1].kind { #expect(answers == [0, 2]) } else { Issue.record("not multiple") }
        #expect(quiz[2].kind == .short(accepted: ["2"], numeric: true))
        #expect(quiz[3].kind == .short(accepted: ["os"], numeric: false))
        #expect(quiz[4].kind == .predict(observation: .processes, demo: nil, startMethod: nil))
        #expect(quiz[5].kind == .predict(observation: .exitCode, demo: "demo", startMethod: .fork))
        #expect(quiz[5].explanation.en == "It ends normally: 0.")
        let pool = lib.lessons[1].quiz
        #expect(pool[1].kind == .predict(observation: .linesContaining("done"), demo: nil, startMethod: nil))
        #expect(pool[2].kind == .single(choices: [Localized(zh: "是", en: "Yes"), Localized(zh: "不是", en: "No")], answer: 1))
        if case let .multiple(_, answers) = pool[3].kind { #expect(answers == [0, 1, 3]) } else { Issue.record("not multiple") }
    }

    @Test func parsesMarkdownText() throws {
        let lib = try LessonLibrary(directory: Fixture.good)
        let en = try #require(lib.lessons[0].text[.en])
        #expect(en.blocks == [
            .heading(level: 1, [.text("Hello")]),
            .paragraph([.text("Watch the "), .strong([.text("PID")]), .text(" column: a second process appears after "),
                        .code("os.fork()"), .text(".")]),
            .list(start: nil, items: [[.paragraph([.text("one")])], [.paragraph([.text("two")])]]),
            .code(info: "python", text: "import os\npid = os.fork()"),
        ])
        let pool = try #require(lib.lessons[1].text[.en])
        #expect(pool.blocks[1] == .paragraph([.text("Workers are "), .emphasis([.text("reused")]), .text(".")]))
        #expect(pool.blocks[2] == .quote([.paragraph([.text("A quote.")])]))
        #expect(pool.blocks[3] == .thematicBreak)
        #expect(pool.blocks[4] == .list(start: 1, items: [[.paragraph([.text("first")])],
            [.paragraph([.link(url: "https://docs.python.org", [.text("link")])])]]))
        #expect(lib.lessons[0].text[.zh]?.blocks.first == .heading(level: 1, [.text("你好")]))
    }

    @Test func matchesLessonsByNumberIdAndName() throws {
        let lib = try LessonLibrary(directory: Fixture.good)
        for name in ["2", "02", "02-pool", "pool", "POOL", " 2 "] {
            #expect(lib.lesson(matching: name)?.id == "02-pool", "\(name)")
        }
        #expect(lib.lesson(matching: "3") == nil)
        #expect(lib.lesson(matching: "hello-world") == nil)
        #expect(throws: LessonLibraryError.unknownLesson("7", known: ["1 (01-hello)", "2 (02-pool)"])) {
            try lib.lesson(named: "7")
        }
        let message = LessonLibraryError.unknownLesson("7", known: ["1 (01-hello)", "2 (02-pool)"]).description
        #expect(message == "no lesson '7'; the lessons are: 1 (01-hello), 2 (02-pool)")
    }

    @Test func locatePrefersExplicitThenEnvironment() throws {
        #expect(try LessonLibrary.locate(explicit: Fixture.good, environment: ["PROCTUTOR_LESSONS": "/nope"]) == Fixture.good)
        #expect(try LessonLibrary.locate(explicit: nil, environment: ["PROCTUTOR_LESSONS": Fixture.good]) == Fixture.good)
        #expect(throws: LessonLibraryError.notAFolder(path: "/nope", source: "PROCTUTOR_LESSONS")) {
            try LessonLibrary.locate(explicit: nil, environment: ["PROCTUTOR_LESSONS": "/nope"])
        }
        #expect(throws: LessonLibraryError.notAFolder(path: "/nope", source: "--lessons")) {
            try LessonLibrary.locate(explicit: "/nope", environment: [:])
        }
    }

    @Test func locateFallsBackToTheCheckout() throws {
        let found = try LessonLibrary.locate(explicit: nil, environment: [:])
        #expect(Paths.standardized(found) == Paths.standardized(Fixture.builtIn))
        let candidates = LessonLibrary.builtInCandidates()
        #expect(candidates.last.map(Paths.standardized) == Paths.standardized(Fixture.builtIn))
        #expect(candidates.first?.hasSuffix("/share/proctutor/lessons") == true)
    }

    @Test func notFoundListsWhereItLooked() {
        let e = LessonLibraryError.notFound(tried: ["--lessons (not given)", "/a/share/proctutor/lessons"])
        #expect(e.description == """
            cannot find the lessons folder; looked in:
              --lessons (not given)
              /a/share/proctutor/lessons
            use --lessons DIR or set PROCTUTOR_LESSONS
            """)
    }

    @Test func emptyOrMissingFolderIsAnError() throws {
        let dir = Fixture.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: LessonLibraryError.empty(path: dir)) { try LessonLibrary(directory: dir) }
        #expect(throws: LessonLibraryError.self) { try LessonLibrary(directory: dir + "/missing") }
    }

    @Test func builtInLessonsLoadTheirDemos() throws {
        let lib = try LessonLibrary(directory: Fixture.builtIn)
        #expect(lib.lessons.map(\.number) == [1, 2, 3, 4, 5])
        let five = try lib.lesson(named: "5")
        #expect(five.id == "05-broken-pool")
        #expect(five.demo(named: "fixed")?.file == "fixed.py")
        for lesson in lib.lessons {
            for demo in lesson.demos { #expect(FileManager.default.fileExists(atPath: lesson.path(of: demo))) }
        }
    }
}
