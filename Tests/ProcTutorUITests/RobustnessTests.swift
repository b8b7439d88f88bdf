import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// Any size, any pane, any overlay: a whole frame of exactly the terminal's size, and never a crash.
@Suite struct RobustnessTests {
    static let widths = [0, 1, 2, 5, 20, 79, 80, 81, 99, 100, 101, 120, 200]
    static let heights = [0, 1, 2, 5, 23, 24, 25, 29, 30, 31, 40, 60]

    @Test func everySizeDrawsAFullFrame() {
        var s = Fixtures.poolState(width: 80, height: 24)
        for w in Self.widths {
            for h in Self.heights {
                _ = App.update(&s, .resize(width: w, height: h))
                for pane in Pane.allCases {
                    s.focus = pane
                    let frame = App.view(s)
                    #expect(frame.width == w && frame.height == h)
                    for y in 0..<h { #expect(TextWidth.of(frame.rowText(y)) == w) }
                }
                _ = App.update(&s, .key(.char("?")))
                #expect(App.view(s).cells.count == w * h)
                _ = App.update(&s, .key(.escape))
                // Scrolling at any size stays within the content.
                _ = App.update(&s, .key(.end))
                _ = App.update(&s, .key(.wheelDown(x: w / 2, y: h / 2)))
            }
        }
    }

    @Test func everyContinuationCellFollowsAWideCell() {
        for lang in Lang.allCases {
            var s = Fixtures.poolState(width: 81, height: 25, lang: lang)
            _ = App.update(&s, .key(.char("Q")))
            for pane in Pane.allCases {
                s.focus = pane
                let frame = App.view(s)
                for y in 0..<frame.height {
                    for x in 0..<frame.width where frame[x, y].width == 0 {
                        #expect(x > 0 && frame[x - 1, y].width == 2)
                    }
                    #expect(frame[frame.width - 1, y].width != 2)
                }
            }
        }
    }

    @Test func noLessonsAtAllStillDrawsAndEveryKeyIsSafe() {
        var s = AppState(lessons: [], lang: .en, width: 100, height: 30)
        let keys: [Key] = [.char("r"), .char("s"), .char("p"), .char("v"), .char("m"), .char("o"), .char("Q"),
                           .right, .left, .char("3"), .tab, .down, .end, .pageDown, .char("?"), .escape]
        for k in keys { #expect(App.update(&s, .key(k)) == []) }
        #expect(App.view(s).cells.count == 100 * 30)
        #expect(App.update(&s, .key(.char("q"))) == [.quit])
    }
}
