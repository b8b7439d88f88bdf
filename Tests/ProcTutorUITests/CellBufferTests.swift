import Testing
import ProcTutorCore
@testable import ProcTutorUI

@Suite struct CellBufferTests {
    @Test func wideCharacterTakesACellAndAContinuation() {
        var b = CellBuffer(width: 6, height: 1)
        let used = b.put("a你b", x: 0, y: 0)
        #expect(used == 4)
        #expect(b[1, 0] == Cell(text: "你", width: 2))
        #expect(b[2, 0].width == 0)
        #expect(b.rowText(0) == "a你b  ")
    }

    @Test func wideCharacterThatWouldStraddleTheEdgeBecomesASpace() {
        var b = CellBuffer(width: 4, height: 1)
        b.put("abc你", x: 0, y: 0)
        #expect(b.rowText(0) == "abc ")
        var clipped = CellBuffer(width: 10, height: 1)
        clipped.put("你好吗", x: 0, y: 0, maxWidth: 5)
        #expect(clipped.rowText(0) == "你好      ")
        #expect(clipped[4, 0] == Cell(text: " ", width: 1))
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = CellBuffer(width: 4, height: 1)
        b.put("你好", x: 0, y: 0)
        b.put("x", x: 1, y: 0)  // the continuation half of 你
        #expect(b.rowText(0) == " x好")
        b.put("y", x: 2, y: 0)  // the first half of 好
        #expect(b.rowText(0) == " xy ")
        #expect(b.cells.allSatisfy { $0.width == 1 })
    }

    @Test func controlCharactersNeverReachTheBuffer() {
        var b = CellBuffer(width: 16, height: 1)
        b.put("a\u{1B}[2Jb\u{7F}\u{9B}\t", x: 0, y: 0)
        #expect(b.rowText(0) == #"a␛[2Jb␡\u{9b}   "#)
    }

    @Test func combiningMarkJoinsThePreviousCell() {
        var b = CellBuffer(width: 3, height: 1)
        b.put("e\u{301}x", x: 0, y: 0)
        #expect(b[0, 0].text == "e\u{301}")
        #expect(b.rowText(0) == "e\u{301}x ")
    }

    @Test func snapshotMasksEachStyleWithALetterColumnForColumn() {
        var b = CellBuffer(width: 6, height: 2)
        b.put("ab", x: 1, y: 0, style: Style(fg: .red, bold: true))
        b.put("你", x: 0, y: 1, style: Style(reverse: true))
        b.put("c", x: 4, y: 1, style: Style(fg: .red, bold: true))
        #expect(b.snapshot == """
            "\u{20}ab   "
            "你  c "
            styles:
            ".aa..."
            "bb..a."
              a: bold fg=red
              b: reverse

            """)
    }

    @Test func sharedBordersMeetInJunctions() {
        var b = CellBuffer(width: 7, height: 5)
        BlockWidget(title: "").render(into: &b, area: Rect(x: 0, y: 0, width: 4, height: 5))
        BlockWidget(title: "").render(into: &b, area: Rect(x: 3, y: 0, width: 4, height: 3))
        BlockWidget(title: "").render(into: &b, area: Rect(x: 3, y: 2, width: 4, height: 3))
        #expect(b.text == """
            ┌──┬──┐
            │  │  │
            │  ├──┤
            │  │  │
            └──┴──┘
            """)
    }
}

@Suite struct VariantPickerTests {
    @Test func everyVariantWhenTheyFitOnlyTheChosenOneWhenNot() {
        let lesson = Fixtures.lessons[3]
        let wide = CodePane.picker(lesson, chosen: lesson.demos[1], width: 200, lang: .en)
        #expect(wide.text == "v   original  ▸ fixed    fixed, every worker started with spawn  ")
        let narrow = CodePane.picker(lesson, chosen: lesson.demos[1], width: 40, lang: .en)
        #expect(narrow.text == "v ‹2/3›  fixed ")
    }
}

@Suite struct DocumentViewTests {
    func text(_ inl: [Inline], width: Int = 80) -> [String] {
        DocumentView.lines(Document(blocks: [.paragraph(inl)]), width: width).map(\.text)
    }

    @Test func softBreaksJoinCJKWithoutASpaceAndLatinWithOne() {
        #expect(text([.text("进程"), .softBreak, .text("结束")]) == ["进程结束"])
        #expect(text([.text("the"), .softBreak, .text("end")]) == ["the end"])
        #expect(text([.text("用"), .softBreak, .text("Pool")]) == ["用 Pool"])
        #expect(text([.code("None"), .softBreak, .text("（默认）")]) == ["None（默认）"])
        #expect(text([.text("a"), .hardBreak, .text("b")]) == ["a", "b"])
    }

    @Test func listItemsHangTheirContinuationLines() {
        let doc = Document(blocks: [.list(start: 9, items: [[.paragraph([.text("一二三四五六七八")])], [.paragraph([.text("x")])]])])
        #expect(DocumentView.lines(doc, width: 12).map(\.text) == ["9.  一二三四", "    五六七八", "10. x"])
    }
}
