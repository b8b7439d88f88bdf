import ProcTutorCore
import Testing
@testable import ProcTutorTerminal

@Suite("Plain mode text")
struct PlainLessonTests {
    static func lesson(_ blocks: [Block], lang: Lang = .zh) -> Lesson {
        Lesson(id: "02-process", number: 2, title: Localized(zh: "创建进程", en: "Creating processes"),
               demos: [Demo(name: "demo", file: "demo.py", title: Localized(zh: "演示", en: "Demo"))],
               text: [lang: Document(blocks: blocks)], quiz: [], directory: "/lessons/02-process")
    }

    @Test("Chinese text wraps by display width: no line wider than asked, nothing lost")
    func chineseWraps() {
        let text = String(repeating: "进程就是一个正在运行的程序，", count: 6)
        let lines = PlainLesson.render(Self.lesson([.paragraph([.text(text)])]), of: 5, lang: .zh, width: 30)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 30 }, "\(lines.filter { TextWidth.of($0) > 30 })")
        #expect(lines.joined().contains(text))
    }

    @Test("a source line break is no space between Chinese characters, one space between words")
    func softBreaks() {
        #expect(PlainLesson.flatten([.text("进程"), .softBreak, .text("就是")]) == "进程就是")
        #expect(PlainLesson.flatten([.text("a process"), .softBreak, .text("is")]) == "a process is")
        #expect(PlainLesson.flatten([.text("进程"), .softBreak, .text("fork")]) == "进程 fork")
        // Next to CJK punctuation: nothing, as on the screen (this used to print "`None` （默认）").
        #expect(PlainLesson.flatten([.code("None"), .softBreak, .text("（默认）")]) == "`None`（默认）")
        #expect(PlainLesson.flatten([.text("结束。"), .softBreak, .text("Then")]) == "结束。Then")
        #expect(PlainLesson.flatten([.strong([.text("注意")]), .code("os.fork()")]) == "注意`os.fork()`")
    }

    @Test("control characters in lesson text are shown as pictures, never sent")
    func sanitised() {
        let lines = PlainLesson.render(Self.lesson([.paragraph([.text("bad\u{1B}[2Jtext\u{07}")]),
                                                    .code(info: "", text: "print('\u{1B}]52;c;x\u{07}')")]),
                                       of: 5, lang: .zh, width: 60)
        let all = lines.joined(separator: "\n")
        #expect(!all.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(all.contains("␛[2J"))
    }

    @Test("code keeps its lines and indentation; lists hang their continuation lines")
    func codeAndLists() {
        let lines = PlainLesson.render(
            Self.lesson([.code(info: "python", text: "if x:\n    y()\n"),
                         .list(start: nil, items: [[.paragraph([.text(String(repeating: "word ", count: 20))])]])]),
            of: 5, lang: .en, width: 40)
        #expect(lines.contains("    if x:"))
        #expect(lines.contains("        y()"))
        let item = lines.drop { !$0.hasPrefix("- ") }
        #expect(item.count >= 3)
        #expect(item.dropFirst().prefix(2).allSatisfy { $0.hasPrefix("  ") })
    }

    @Test("the footer names the plain commands for this lesson, in the lesson's language")
    func footer() {
        let zh = PlainLesson.render(Self.lesson([], lang: .zh), of: 5, lang: .zh, width: 80).joined(separator: "\n")
        #expect(zh.contains("proctutor run 2"))
        #expect(zh.contains("proctutor quiz 2 --plain"))
        #expect(zh.contains("演示"))
        let en = PlainLesson.render(Self.lesson([], lang: .en), of: 5, lang: .en, width: 80).joined(separator: "\n")
        #expect(en.contains("Run this lesson's demo:\n    proctutor run 2"))
        #expect(en.hasPrefix("2/5 · Creating processes"))
        #expect(en.contains("    proctutor learn 3"))
        let last = PlainLesson.render(Self.lesson([], lang: .en), of: 2, lang: .en, width: 80).joined(separator: "\n")
        #expect(!last.contains("Next lesson"), "the last lesson points at no next one")
        let narrow = PlainLesson.render(Self.lesson([], lang: .zh), of: 5, lang: .zh, width: 20)
        #expect(narrow.contains("    proctutor quiz 2 --plain"), "a command is never wrapped")
    }
}
