/// Where everything goes for a terminal size: shared by `view` (to draw) and `update` (to scroll and to find
/// the pane under the mouse).
public struct ScreenLayout: Equatable, Sendable {
    public enum Mode: Equatable, Sendable {
        /// Smaller than 80×24: only the enlarge message.
        case tooSmall
        /// 80×24 up to 100×30: one pane at a time under a tab strip, with a one-line process summary.
        case tabs
        /// 100×30 and up: every pane at once.
        case full
    }

    public static let minWidth = 80, minHeight = 24
    public static let fullWidth = 100, fullHeight = 30

    public var mode: Mode
    /// The outer (bordered) rectangle of each visible pane.
    public var panes: [Pane: Rect] = [:]
    public var tabs: Rect?
    public var summary: Rect?
    /// The replay line (where the time cursor is and what happened there), while the panes show the past.
    public var timeBar: Rect?
    public var keyBar: Rect

    /// How many content rows each right-hand pane would like (nil: no wish, it takes what is left). The
    /// layout sizes the code pane to its program, the processes pane to its table, the timeline to its
    /// lanes, and gives the output pane whatever rows remain.
    public struct Wants: Equatable, Sendable {
        public var code: Int?
        public var processes: Int?
        public var timeline: Int?

        public init(code: Int? = nil, processes: Int? = nil, timeline: Int? = nil) {
            self.code = code
            self.processes = processes
            self.timeline = timeline
        }
    }

    /// The lesson column's outer width: half the screen (57 text columns at 120, 28 Chinese characters a
    /// line), never narrower than 36 nor wider than 84 (81 text columns: beyond that a line is too long to read).
    public static func lessonWidth(_ width: Int) -> Int { max(36, min(width / 2, 84)) }

    /// The code column's outer width when the lesson text is hidden (the presenter layout).
    public static func codeColumnWidth(_ width: Int) -> Int { max(40, min(width * 45 / 100, 96)) }

    /// - Parameters:
    ///   - timeBar: give a row to the replay line (at 80×24 it takes the summary's row instead).
    ///   - zoomed: the `visible` pane alone fills the screen (`z`).
    ///   - presenter: no lesson text (`L`): code and the run fill the screen; at 80×24 the processes and the
    ///     output together instead of one tab.
    ///   - wants: the rows each right-hand pane's content needs (see `Wants`).
    public init(width: Int, height: Int, visible: Pane, timeBar showTimeBar: Bool = false, zoomed: Bool = false,
                presenter: Bool = false, wants: Wants = Wants()) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        var (body, bar) = screen.splitBottom(1)
        keyBar = bar
        if width < Self.minWidth || height < Self.minHeight {
            mode = .tooSmall
            return
        }
        let small = width < Self.fullWidth || height < Self.fullHeight
        mode = small ? .tabs : .full
        if zoomed {
            if showTimeBar {
                let (rest, row) = body.splitBottom(1)
                body = rest
                timeBar = row
            }
            panes[visible] = body
        } else if small && presenter {
            // At 80×24 the presenter layout shows the processes above the output, both at once.
            let (summaryRow, main) = body.splitTop(1)
            if showTimeBar { timeBar = summaryRow } else { summary = summaryRow }
            let n = main.height + 1
            let processes = max(4, min((wants.processes ?? 1) + 2, n / 2))
            panes[.processes] = Rect(x: main.x, y: main.y, width: main.width, height: processes)
            panes[.output] = Rect(x: main.x, y: main.y + processes - 1, width: main.width, height: n - processes)
        } else if small {
            let (tabRow, rest) = body.splitTop(1)
            let (summaryRow, main) = rest.splitTop(1)
            tabs = tabRow
            if showTimeBar { timeBar = summaryRow } else { summary = summaryRow }
            panes[visible] = main
        } else {
            if showTimeBar {
                let (rest, row) = body.splitBottom(1)
                body = rest
                timeBar = row
            }
            // Lesson text (or, in the presenter layout, the code) on the left; the run on the right.
            // Neighbours share their borders.
            let leftWidth = presenter ? Self.codeColumnWidth(width) : Self.lessonWidth(width)
            panes[presenter ? .code : .lesson] = Rect(x: 0, y: 0, width: leftWidth + 1, height: body.height)
            let right = Rect(x: leftWidth, y: 0, width: width - leftWidth, height: body.height)
            let stack: [Pane] = presenter ? [.processes, .output, .timeline] : [.code, .processes, .output, .timeline]
            for (pane, rect) in Self.stacked(stack, in: right, wants: wants) { panes[pane] = rect }
        }
    }

    /// Panes one above the other in `area`, sharing borders: the timeline and the processes as tall as their
    /// content (the timeline at most a fifth, the processes a third), the code as tall as its program when
    /// that leaves the output at least `outputMin` rows (a third of the height once a run is on screen: its
    /// output is what the student watches), the output the rest.
    static func stacked(_ stack: [Pane], in area: Rect, wants: Wants) -> [(Pane, Rect)] {
        let n = area.height + stack.count - 1  // outer heights add up to this (shared borders)
        let outputMin = wants.processes != nil ? max(6, n / 3) : 6
        let timeline = max(3, min((wants.timeline ?? 1) + 2, n / 5))
        let processes = max(3, min((wants.processes ?? 1) + 2, n / 3))
        var heights: [Pane: Int] = [.timeline: timeline, .processes: processes]
        if stack.contains(.code) {
            let room = n - timeline - processes - outputMin
            heights[.code] = max(4, min((wants.code ?? room) + 2, room))
        }
        heights[.output] = n - stack.filter { $0 != .output }.reduce(0) { $0 + heights[$1]! }
        var y = area.y
        return stack.map { pane in
            let rect = Rect(x: area.x, y: y, width: area.width, height: heights[pane]!)
            y += heights[pane]! - 1
            return (pane, rect)
        }
    }

    /// Where a pane's content goes inside its outer rectangle: within the border, one column of padding.
    public static func contentArea(_ rect: Rect) -> Rect {
        Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    }

    /// The pane whose area contains (x, y).
    public func pane(at x: Int, _ y: Int) -> Pane? {
        // Shared borders belong to both neighbours; prefer the one whose inside holds the point.
        panes.first { $0.value.inset(1).contains(x: x, y: y) }?.key ?? panes.first { $0.value.contains(x: x, y: y) }?.key
    }
}

extension AppState {
    public var layout: ScreenLayout {
        ScreenLayout(width: width, height: height, visible: focus, timeBar: cursor != nil, zoomed: zoomed,
                     presenter: presenting, wants: layoutWants)
    }

    /// The layout without the zoom: the panes `Tab` goes through, and where `z` returns to.
    var unzoomedLayout: ScreenLayout {
        ScreenLayout(width: width, height: height, visible: focus, timeBar: cursor != nil, presenter: presenting,
                     wants: layoutWants)
    }

    /// The lesson text is hidden (`L`); a quiz, which lives in the lesson pane, shows it again.
    var presenting: Bool { hideText && quiz == nil }

    /// The rows the code, processes and timeline contents need at the current width.
    var layoutWants: ScreenLayout.Wants {
        guard width >= ScreenLayout.fullWidth && height >= ScreenLayout.fullHeight || presenting else {
            return ScreenLayout.Wants()
        }
        var wants = ScreenLayout.Wants()
        let codeWidth = presenting ? ScreenLayout.codeColumnWidth(width) - 3 : width - ScreenLayout.lessonWidth(width) - 4
        if let lesson, let (demo, _) = codeDemo, let source = sources[lesson.path(of: demo)] {
            // The code pane lays out the same source at the same width: one layout, kept (`CodePane.layouts`).
            wants.code = CodePane.layouts.lines(source, width: codeWidth, layout: CodeView.lines).count
                + (lesson.demos.count > 1 ? 1 : 0)
        }
        if let run = shown {
            let count = ProcessTableView.rows(run, tree: run.tree).rows.count
            wants.processes = 1 + max(1, count)
            wants.timeline = 2 + max(1, run.table.records.count)
        }
        return wants
    }
}
