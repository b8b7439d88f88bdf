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

    /// - Parameter timeBar: give a row to the replay line (at 80×24 it takes the summary's row instead).
    public init(width: Int, height: Int, visible: Pane, timeBar showTimeBar: Bool = false) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        var (body, bar) = screen.splitBottom(1)
        keyBar = bar
        if width < Self.minWidth || height < Self.minHeight {
            mode = .tooSmall
        } else if width < Self.fullWidth || height < Self.fullHeight {
            mode = .tabs
            let (tabRow, rest) = body.splitTop(1)
            let (summaryRow, main) = rest.splitTop(1)
            tabs = tabRow
            if showTimeBar { timeBar = summaryRow } else { summary = summaryRow }
            panes[visible] = main
        } else {
            mode = .full
            if showTimeBar {
                let (rest, row) = body.splitBottom(1)
                body = rest
                timeBar = row
            }
            // Lesson text on the left (about 38%: 45 columns at 120), the run on the right, which needs the
            // room for the process table; neighbours share their borders.
            let leftWidth = max(36, width * 38 / 100)
            panes[.lesson] = Rect(x: 0, y: 0, width: leftWidth + 1, height: body.height)
            let right = Rect(x: leftWidth, y: 0, width: width - leftWidth, height: body.height)
            let parts = right.rows(weights: [30, 26, 24, 20], overlap: 1)
            for (pane, rect) in zip([Pane.code, .processes, .output, .timeline], parts) { panes[pane] = rect }
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
    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, visible: focus, timeBar: cursor != nil) }
}
