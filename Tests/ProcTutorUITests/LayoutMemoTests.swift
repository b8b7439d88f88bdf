import Testing
import ProcTutorCore
@testable import ProcTutorUI

@Suite struct LayoutMemoTests {
    /// Counts the layouts it was asked for and returns one line naming the input and width.
    final class Counter: @unchecked Sendable {
        var calls = 0
        func layout(_ text: String, _ width: Int) -> [StyledLine] {
            calls += 1
            return [StyledLine("\(text)@\(width)")]
        }
    }

    @Test func theSameInputAtTheSameWidthIsLaidOutOnce() {
        let memo = LayoutMemo<String>(capacity: 2)
        let c = Counter()
        #expect(memo.lines("a", width: 10, layout: c.layout) == [StyledLine("a@10")])
        #expect(memo.lines("a", width: 10, layout: c.layout) == [StyledLine("a@10")])
        #expect(c.calls == 1)
        // Another width or another text is a new layout, never the kept one.
        #expect(memo.lines("a", width: 11, layout: c.layout) == [StyledLine("a@11")])
        #expect(memo.lines("b", width: 11, layout: c.layout) == [StyledLine("b@11")])
        #expect(c.calls == 3)
    }

    @Test func anEqualValueBuiltElsewhereUsesTheKeptLayout() {
        let memo = LayoutMemo<String>(capacity: 2)
        let c = Counter()
        _ = memo.lines(String(repeating: "x", count: 40), width: 5, layout: c.layout)
        _ = memo.lines((0..<40).map { _ in "x" }.joined(), width: 5, layout: c.layout)
        #expect(c.calls == 1)
    }

    @Test func theLeastRecentlyUsedLayoutIsDroppedFirst() {
        let memo = LayoutMemo<String>(capacity: 2)
        let c = Counter()
        _ = memo.lines("a", width: 1, layout: c.layout)
        _ = memo.lines("b", width: 1, layout: c.layout)
        _ = memo.lines("a", width: 1, layout: c.layout)  // a is now the most recent: b goes next
        _ = memo.lines("c", width: 1, layout: c.layout)
        #expect(c.calls == 3)
        _ = memo.lines("a", width: 1, layout: c.layout)
        #expect(c.calls == 3)
        _ = memo.lines("b", width: 1, layout: c.layout)
        #expect(c.calls == 4)
    }

    /// The lesson pane draws the same lines whether its layout was kept or made anew.
    @Test func theLessonPaneShowsTheSameLinesFromTheMemo() throws {
        let doc = Document(blocks: [.paragraph([.text("多进程 multiprocessing 是一个很长的段落，需要换行才能显示在窄的窗格里。")])])
        let direct = DocumentView.lines(doc, width: 12)
        #expect(direct.count > 2)
        #expect(LessonPane.layouts.lines(doc, width: 12, layout: DocumentView.lines) == direct)
        #expect(LessonPane.layouts.lines(doc, width: 12, layout: DocumentView.lines) == direct)
    }
}
