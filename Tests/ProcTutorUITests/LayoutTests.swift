import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// Issue 17: the reading layout, zoom, the presenter layout, one "not run yet", projector contrast.
@Suite struct LayoutTests {
    func press(_ s: inout AppState, _ keys: Key...) {
        for k in keys { _ = App.update(&s, .key(k)) }
    }

    func screen(_ s: AppState) -> String {
        let buf = App.view(s)
        return (0..<buf.height).map { buf.rowText($0) }.joined(separator: "\n")
    }

    func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func theLessonTextGetsAtLeast56ColumnsAt120x40() {
        let s = Fixtures.state(width: 120, height: 40, lesson: 1)
        let inner = ScreenLayout.contentArea(s.layout.panes[.lesson]!)
        #expect(inner.width >= 56)
        // 28 Chinese characters fit on one line.
        let line = String(repeating: "进", count: 28)
        let doc = Document(blocks: [.paragraph([.text(line)])])
        #expect(DocumentView.lines(doc, width: inner.width).count == 1)
    }

    /// `layoutWants` sizes the code pane by laying the code out at the width the code pane then draws it at:
    /// the same width, so one kept layout serves both (`CodePane.layouts`), not two layouts a frame.
    @Test func theCodePaneIsSizedAtTheWidthItIsDrawnAt() {
        for (width, height, presenter) in [(100, 30, false), (120, 40, false), (200, 60, false), (100, 30, true),
                                           (120, 40, true), (160, 50, true)] {
            var s = Fixtures.state(width: width, height: height, lesson: 2)
            s.hideText = presenter
            guard let pane = s.layout.panes[.code] else {
                Issue.record("no code pane at \(width)x\(height) presenter: \(presenter)")
                continue
            }
            let drawn = ScreenLayout.contentArea(pane).width
            let sized = presenter ? ScreenLayout.codeColumnWidth(width) - 3 : width - ScreenLayout.lessonWidth(width) - 4
            #expect(drawn == sized, "\(width)x\(height) presenter: \(presenter)")
        }
    }

    @Test func theCodePaneShowsTheWholeDemoAndTheOutputTakesTheRest() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2, lang: .en)
        let code = ScreenLayout.contentArea(s.layout.panes[.code]!)
        let lines = CodeView.lines(Fixtures.poolSource, width: code.width).count
        #expect(code.height == lines, "the code pane is as tall as its program")
        s = Fixtures.poolState(width: 120, height: 40, lang: .en)
        let layout = s.layout
        let processes = ScreenLayout.contentArea(layout.panes[.processes]!)
        let rows = ProcessTableView.rows(s.run!, tree: s.run!.tree).rows.count
        #expect(processes.height == rows + 1, "the table and its header, no blank rows")
        let output = layout.panes[.output]!, timeline = layout.panes[.timeline]!
        #expect(output.bottom == timeline.y + 1)
        #expect(output.height > layout.panes[.processes]!.height)
    }

    @Test func nothingHasRunYetIsSaidOnce() {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            for lang in [Lang.zh, .en] {
                var s = Fixtures.state(width: w, height: h, lesson: 2, lang: lang)
                for _ in Pane.allCases {
                    #expect(occurrences(S.noRun[lang], in: screen(s)) == 1, "\(w)×\(h) \(lang) \(s.focus)")
                    press(&s, .tab)
                }
            }
        }
    }

    @Test func zZoomsTheFocusedPaneAndBack() {
        var s = Fixtures.poolState(width: 120, height: 40, lang: .en)
        press(&s, .tab, .tab)
        #expect(s.focus == .processes)
        press(&s, .char("z"))
        #expect(s.zoomed)
        #expect(s.layout.panes == [.processes: Rect(x: 0, y: 0, width: 120, height: 39)])
        #expect(screen(s).contains("MainProcess"))
        // Tab zooms the next pane; the zoom stays (remembered) across a lesson change.
        press(&s, .tab)
        #expect(s.layout.panes.keys.sorted { $0.rawValue < $1.rawValue } == [.output])
        press(&s, .right)
        #expect(s.zoomed)
        press(&s, .char("z"))
        #expect(!s.zoomed)
        #expect(s.layout.panes.count == 5)
        // At 80×24 too: the pane fills the screen, no tab strip.
        var small = Fixtures.poolState(width: 80, height: 24, lang: .en)
        press(&small, .char("z"))
        #expect(small.layout.tabs == nil && small.layout.panes.count == 1)
        #expect(small.layout.panes[small.focus]!.height == 23)
    }

    @Test func shiftLHidesTheLessonText() {
        var s = Fixtures.poolState(width: 120, height: 40, lang: .en)
        #expect(s.focus == .lesson)
        press(&s, .char("L"))
        #expect(s.hideText)
        #expect(s.layout.panes[.lesson] == nil)
        #expect(Set(s.layout.panes.keys) == [.code, .processes, .output, .timeline])
        #expect(s.focus != .lesson)
        #expect(s.layout.panes[.code]!.height == 39, "the code takes the left column")
        // Tab skips the hidden text.
        for _ in 0..<6 { press(&s, .tab); #expect(s.focus != .lesson) }
        press(&s, .char("L"))
        #expect(s.layout.panes[.lesson] != nil)
    }

    @Test func thePresenterLayoutAt80x24ShowsProcessesAndOutputTogether() {
        var s = Fixtures.poolState(width: 80, height: 24, lang: .en)
        press(&s, .char("L"))
        let layout = s.layout
        #expect(layout.tabs == nil && layout.summary != nil)
        #expect(Set(layout.panes.keys) == [.processes, .output])
        let text = screen(s)
        #expect(text.contains("MainProcess") && text.contains("PID"))
        press(&s, .tab)
        #expect([.processes, .output].contains(s.focus))
    }

    @Test func zoomAndHideTextAreInTheKeyBarAndTheHelp() {
        var s = Fixtures.state(width: 120, height: 40, lesson: 2, lang: .en)
        #expect(KeyBar.keys(s).contains { $0.key == "z" && $0.what == "zoom" })
        #expect(KeyBar.keys(s).contains { $0.key == "L" && $0.what == "hide text" })
        press(&s, .char("z"), .char("L"))
        #expect(KeyBar.keys(s).contains { $0.key == "z" && $0.what == "unzoom" })
        #expect(KeyBar.keys(s).contains { $0.key == "L" && $0.what == "show text" })
        let keys = HelpOverlay.entries.map { $0.0.en }
        #expect(keys.contains("z") && keys.contains("L"))
    }

    @Test func codeBlocksWrapAtTokenBoundariesOnly() {
        let code = "    print(\"worker\", str(identifier), os.getpid(), sorted(d),))\n    results = pool.map(square_number, range(10))\n"
        let doc = Document(blocks: [.code(info: "python", text: code)])
        for width in 30...60 {
            let lines = DocumentView.lines(doc, width: width).map(\.text)
            for (a, b) in zip(lines, lines.dropFirst()) {
                let end = a.last!, next = b.drop { $0 == " " || $0 == "↪" }.first!
                #expect(!((end.isLetter || end.isNumber || end == "_") && (next.isLetter || next.isNumber || next == "_")),
                        "cut inside a name at \(width): \(a) / \(b)")
                #expect(!")]},".contains(next), "a closing bracket starts a line at \(width): \(b)")
                #expect(TextWidth.of(a) <= width)
            }
        }
    }

    @Test func finishedRowsArePlainNotDimAndNameIsAsWideAsTheNames() {
        let s = Fixtures.poolState(width: 200, height: 60, lang: .en)
        let run = s.run!
        let exited = run.table.records.first { !$0.isAlive && !($0.isZombie && !run.ended) }
        if let exited { #expect(!ProcessTableView.rowStyle(exited, run: run).dim) }
        #expect(!Theme.exitedRow.dim)
        let (header, _, _) = ProcessTableView.lines(run, width: 190, lang: .en)
        let text = header.text
        let name = text.range(of: "NAME")!, state = text.range(of: "STATE")!
        let gap = text.distance(from: name.upperBound, to: state.lowerBound)
        let longest = run.table.records.map { ($0.name ?? "").count }.max()!
        #expect(gap <= longest + 2, "NAME column: \(gap) columns")
    }
}
