import ProcTutorCore

/// A frame in memory: `width × height` cells that widgets draw into and the backend copies to the terminal.
///
/// A double-width character is a cell of width 2 followed by a continuation cell (width 0). Every write keeps
/// that pairing intact: overwriting either half of a wide character blanks the other half, so a stale half can
/// never reach the screen (the bug class of ratatui #2585/#2652).
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", width: 1, style: style), count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Replaces one cell, repairing any wide character it cuts. Out-of-range writes are ignored.
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        clearWideAt(x, y)
        if cell.width == 2 {
            guard x + 1 < width else {
                cells[y * width + x] = Cell(text: " ", width: 1, style: cell.style)
                return
            }
            clearWideAt(x + 1, y)
            cells[y * width + x] = cell
            cells[y * width + x + 1] = Cell(text: "", width: 0, style: cell.style)
        } else {
            cells[y * width + x] = cell
        }
    }

    /// If (x, y) is half of a wide character, turns the other half into a blank.
    private mutating func clearWideAt(_ x: Int, _ y: Int) {
        let i = y * width + x
        switch cells[i].width {
        case 0 where x > 0:
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        case 2 where x + 1 < width:
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style)
        default:
            break
        }
    }

    /// Draws `text` from (x, y) on one row, clipped to `maxWidth` columns and to the buffer.
    ///
    /// The text is sanitised (controls become visible pictures). A wide character that would cross the limit
    /// becomes a space; zero-width clusters (a stray combining mark) join the previous cell.
    /// - Returns: the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var cx = x
        for c in screenSafe(text) {
            let w = TextWidth.of(c)
            if w == 0 {
                if cx > x, cx - 1 >= 0, cx - 1 < width {
                    var prev = cx - 1
                    if self[prev, y].width == 0, prev > 0 { prev -= 1 }
                    cells[y * width + prev].text.append(c)
                }
                continue
            }
            if cx + w > limit {
                if w == 2 && cx < limit { set(cx, y, Cell(text: " ", width: 1, style: style)); cx += 1 }
                break
            }
            if cx >= 0 { set(cx, y, Cell(text: String(c), width: UInt8(w), style: style)) }
            cx += w
        }
        return cx - x
    }

    /// Draws styled spans one after another from (x, y), clipped to `maxWidth` columns.
    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth ?? (width - x)
        var used = 0
        for span in line.spans where used < limit {
            used += put(span.text, x: x + used, y: y, style: span.style, maxWidth: limit - used)
        }
        return used
    }

    /// Fills `rect` with `char` (one column wide) in `style`.
    public mutating func fill(_ rect: Rect, char: Character = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.bottom {
            for xx in r.x..<r.right { set(xx, yy, Cell(text: String(char), width: 1, style: style)) }
        }
    }

    /// Changes the style of every cell in `rect` (the text stays), e.g. to highlight a selected row.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.bottom {
            for xx in r.x..<r.right { cells[yy * width + xx].style = transform(cells[yy * width + xx].style) }
        }
    }

    /// Copies `other` into this buffer with its top-left corner at (x, y).
    public mutating func blit(_ other: CellBuffer, x: Int, y: Int) {
        for yy in 0..<other.height {
            for xx in 0..<other.width where other[xx, yy].width != 0 {
                set(x + xx, y + yy, other[xx, yy])
            }
        }
    }

    /// Removes every colour, keeping bold, dim, reverse and underline: the frame a monochrome terminal shows.
    public func monochrome() -> CellBuffer {
        var copy = self
        for i in copy.cells.indices {
            copy.cells[i].style.fg = .default
            copy.cells[i].style.bg = .default
        }
        return copy
    }

    /// The text of row `y` (continuation cells skipped), exactly `width` columns wide.
    public func rowText(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where self[x, y].width != 0 { s += self[x, y].text }
        return s
    }

    /// The whole frame as plain text, one line per row.
    public var text: String {
        (0..<height).map(rowText).joined(separator: "\n")
    }
}
