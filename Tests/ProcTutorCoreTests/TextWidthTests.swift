import Testing
@testable import ProcTutorCore

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("你", 2), ("，", 2), ("Ａ", 2), ("ｱ", 1), ("e\u{301}", 1), ("\u{301}", 0), ("\u{200B}", 0),
        ("👍", 2), ("❤", 1), ("❤\u{FE0F}", 2), ("🇨🇳", 2), ("👨\u{200D}👩\u{200D}👧", 2), ("한", 2),
        ("\u{1100}\u{1161}", 2), ("─", 1), ("…", 1), ("\u{0}", 0), ("\u{1B}", 0),
    ])
    func widthOfOneCluster(_ text: String, _ width: Int) {
        #expect(text.count == 1)
        #expect(TextWidth.of(text.first!) == width)
    }

    @Test func widthOfMixedText() {
        #expect(TextWidth.of("PID 进程 ok") == 11)
        #expect(TextWidth.of("") == 0)
    }

    @Test func latinBreaksAtSpacesAndDropsThem() {
        #expect(TextWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("a  b", width: 1) == ["a", "b"])
    }

    @Test func aWordLongerThanTheLineIsCut() {
        #expect(TextWidth.wrap("multiprocessing", width: 6) == ["multip", "rocess", "ing"])
    }

    @Test func cjkBreaksBetweenAnyTwoCharacters() {
        #expect(TextWidth.wrap("创建子进程的办法", width: 6) == ["创建子", "进程的", "办法"])
    }

    @Test func aWideCharacterIsNeverSplitAtTheEdge() {
        // 5 columns hold two CJK characters and one column is left empty.
        #expect(TextWidth.wrap("进程进程", width: 5) == ["进程", "进程"])
        for line in TextWidth.wrap("进程和线程，进程池。", width: 3) { #expect(TextWidth.of(line) <= 3) }
    }

    @Test func closingPunctuationNeverStartsALine() {
        let lines = TextWidth.wrap("子进程结束了，父进程还在。", width: 12)
        #expect(lines == ["子进程结束", "了，父进程还", "在。"])
        #expect(!lines.contains { $0.hasPrefix("，") || $0.hasPrefix("。") })
    }

    @Test func openingBracketNeverEndsALine() {
        let lines = TextWidth.wrap("进程池（Pool）", width: 8)
        #expect(!lines.contains { $0.hasSuffix("（") })
    }

    @Test func mixedLatinAndCJK() {
        #expect(TextWidth.wrap("调用 os.fork() 之后", width: 14) == ["调用 os.fork()", "之后"])
        #expect(TextWidth.wrap("调用 os.fork() 之后", width: 12) == ["调用", "os.fork() 之", "后"])
        // A Latin word is not split, but a line may break between it and a CJK character.
        #expect(TextWidth.wrap("用Pool创建进程", width: 8) == ["用Pool创", "建进程"])
        #expect(TextWidth.wrap("用Pool创建进程", width: 5) == ["用", "Pool", "创建", "进程"])
    }

    @Test func combiningMarksAndEmojiWrapAsOneCluster() {
        #expect(TextWidth.wrap("cafe\u{301} cafe\u{301}", width: 4) == ["cafe\u{301}", "cafe\u{301}"])
        #expect(TextWidth.wrap("👍👍👍", width: 4) == ["👍👍", "👍"])
    }

    @Test func newlinesEndLinesAndEmptyLinesStay() {
        #expect(TextWidth.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func truncateEndsInAnEllipsisAndRespectsWideCharacters() {
        #expect(TextWidth.truncate("ForkPoolWorker-1", to: 8) == "ForkPoo…")
        #expect(TextWidth.truncate("进程池任务", to: 6) == "进程…")
        #expect(TextWidth.truncate("进程池任务", to: 5) == "进程…")
        #expect(TextWidth.truncate("ok", to: 5) == "ok")
        #expect(TextWidth.pad("进程", to: 6) == "进程  ")
    }
}
