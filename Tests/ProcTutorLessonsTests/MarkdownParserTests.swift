import Testing
import ProcTutorCore
@testable import ProcTutorLessons

@Suite struct MarkdownParserTests {
    @Test func emptyAndBlankTextsAreReported() {
        for text in ["", "\n", "   \n\n"] {
            let (doc, problems) = MarkdownParser.parse(text, path: "t.md")
            #expect(doc.blocks == [])
            #expect(problems.map(\.description) == ["t.md:1:1: the lesson text is empty"])
        }
    }

    @Test func breaksNestingAndCode() {
        let (doc, problems) = MarkdownParser.parse("""
            第一行
            第二行\\
            第三行

            > - 引用里的 *列表*
            >   ```
            >   code
            >   ```

            3. three
            4. four

                indented code
            """, path: "t.md")
        #expect(problems == [])
        #expect(doc.blocks == [
            .paragraph([.text("第一行"), .softBreak, .text("第二行"), .hardBreak, .text("第三行")]),
            .quote([.list(start: nil, items: [[.paragraph([.text("引用里的 "), .emphasis([.text("列表")])]),
                                               .code(info: "", text: "code")]])]),
            // Indented under "4." it belongs to that item (CommonMark), as a second paragraph.
            .list(start: 3, items: [[.paragraph([.text("three")])],
                                    [.paragraph([.text("four")]), .paragraph([.text("indented code")])]]),
        ])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let (doc, _) = MarkdownParser.parse("ok \u{FFFD} fine", path: "t.md")
        #expect(doc.blocks == [.paragraph([.text("ok \u{FFFD} fine")])])
    }
}
