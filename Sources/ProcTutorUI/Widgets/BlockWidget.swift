import ProcTutorCore

/// A bordered box with a title on its top edge and an optional note on the right of it.
///
/// Borders merge with borders already drawn: two blocks that share an edge produce `├ ┤ ┬ ┴ ┼` where their
/// lines meet, which gives the DESIGN.md grid without a separate layout of lines.
public struct BlockWidget {
    public var title: String
    public var note: String
    public var focused: Bool
    /// Drawn right after the title in its own style: what must catch the eye (a run's non-default start method).
    public var badge: String
    public var badgeStyle: Style

    public init(title: String, note: String = "", focused: Bool = false, badge: String = "",
                badgeStyle: Style = Theme.badge) {
        self.title = title
        self.note = note
        self.focused = focused
        self.badge = badge
        self.badgeStyle = badgeStyle
    }

    /// Draws the box and its title; returns the inner area.
    @discardableResult
    public func render(into buf: inout CellBuffer, area: Rect) -> Rect {
        renderBorder(into: &buf, area: area)
        renderTitle(into: &buf, area: area)
        return area.inset(1)
    }

    /// The lines only. Neighbouring blocks draw all their borders first, then their titles, so that no
    /// border drawn later runs over a neighbour's title.
    public func renderBorder(into buf: inout CellBuffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let style = focused ? Theme.borderFocused : Theme.border
        let (x0, y0, x1, y1) = (area.x, area.y, area.right - 1, area.bottom - 1)
        for x in x0...x1 {
            let across = (x > x0 ? Box.left : 0) | (x < x1 ? Box.right : 0)
            let corner = x == x0 || x == x1
            Box.merge(&buf, x, y0, across | (corner ? Box.down : 0), style)
            Box.merge(&buf, x, y1, across | (corner ? Box.up : 0), style)
        }
        for y in (y0 + 1)..<y1 {
            Box.merge(&buf, x0, y, Box.up | Box.down, style)
            Box.merge(&buf, x1, y, Box.up | Box.down, style)
        }
    }

    /// The title on the left of the top edge and the note on its right.
    public func renderTitle(into buf: inout CellBuffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let (x0, y0, x1) = (area.x, area.y, area.right - 1)
        let room = area.width - 4
        // The note gets half the edge, or more when the title needs less.
        let titleNeeds = title.isEmpty ? 0 : TextWidth.of(title) + 2 + (badge.isEmpty ? 0 : TextWidth.of(badge) + 1) + 3
        let noteMax = max(room / 2, room - titleNeeds)
        if !note.isEmpty, room > 8 {
            let n = TextWidth.truncate(note, to: noteMax)
            let w = TextWidth.of(n)
            buf.put(" " + n + " ", x: x1 - w - 2, y: y0, style: focused ? Theme.borderFocused : Theme.hint)
        }
        if !title.isEmpty, room > 0 {
            let noteRoom = note.isEmpty ? 0 : TextWidth.of(TextWidth.truncate(note, to: noteMax)) + 3
            let badgeRoom = badge.isEmpty ? 0 : TextWidth.of(badge) + 1
            let t = TextWidth.truncate(title, to: max(1, room - noteRoom - badgeRoom))
            let w = buf.put(" " + t + " ", x: x0 + 1, y: y0, style: focused ? Theme.titleFocused : Theme.title)
            // The badge takes the title's closing space: ` Processes · demo.py · spawn `.
            if !badge.isEmpty, room - noteRoom - TextWidth.of(t) >= badgeRoom {
                buf.put(" " + badge + " ", x: x0 + w, y: y0, style: badgeStyle)
            }
        }
    }
}

/// Light box-drawing characters as sets of the directions their lines go.
enum Box {
    static let up = 1, down = 2, left = 4, right = 8

    static let chars: [Int: Character] = [
        left | right: "─", up | down: "│",
        down | right: "┌", down | left: "┐", up | right: "└", up | left: "┘",
        up | down | right: "├", up | down | left: "┤", left | right | down: "┬", left | right | up: "┴",
        up | down | left | right: "┼",
        up: "│", down: "│", left: "─", right: "─",
    ]
    static let dirs: [Character: Int] = {
        var d: [Character: Int] = [:]
        for (k, v) in chars where k.nonzeroBitCount >= 2 { d[v] = k }
        return d
    }()

    /// Adds the line directions `add` to the box character at (x, y), keeping those already there.
    static func merge(_ buf: inout CellBuffer, _ x: Int, _ y: Int, _ add: Int, _ style: Style) {
        guard x >= 0, y >= 0, x < buf.width, y < buf.height else { return }
        let existing = buf[x, y].text.first.flatMap { dirs[$0] } ?? 0
        let c = chars[existing | add] ?? "┼"
        buf.set(x, y, Cell(text: String(c), width: 1, style: style))
    }
}
