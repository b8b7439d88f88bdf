import Testing
import ProcTutorCore

/// One rule for what a source line break inside a paragraph becomes, shared by the screen and the plain text.
@Suite struct SoftBreakTests {
    @Test(arguments: [
        ("进", "程", ""),     // two CJK characters: Chinese uses no spaces
        ("。", "T", ""),      // after CJK punctuation
        ("e", "（", ""),      // before CJK opening punctuation
        ("」", "的", ""),
        ("e", "n", " "),      // two Latin words
        ("s", "是", " "),     // Latin then CJK: a space, as the lessons write inside their lines (`kwargs` 是)
        ("用", "P", " "),     // CJK then Latin
        ("1", "个", " "),
        ("”", "x", " "),      // ambiguous-width quotes count as Latin
    ] as [(Character, Character, String)])
    func between(_ before: Character, _ after: Character, _ expected: String) {
        #expect(TextWidth.softBreak(between: before, and: after) == expected)
    }

    @Test func nothingAtTheEdgesOfAParagraph() {
        #expect(TextWidth.softBreak(between: nil, and: "a") == "")
        #expect(TextWidth.softBreak(between: "a", and: nil) == "")
    }
}
