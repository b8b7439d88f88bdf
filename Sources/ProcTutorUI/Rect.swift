/// A rectangle of cells: a widget's area on screen.
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var right: Int { x + width }
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The area inside a border of `margin` cells on every side.
    public func inset(_ margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < right && py >= y && py < bottom
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ o: Rect) -> Rect {
        let nx = max(x, o.x), ny = max(y, o.y)
        return Rect(x: nx, y: ny, width: min(right, o.right) - nx, height: min(bottom, o.bottom) - ny)
    }

    /// The first `rows` rows, and the rest.
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// The rest, and the last `rows` rows.
    public func splitBottom(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - r), Rect(x: x, y: bottom - r, width: width, height: r))
    }

    /// The first `cols` columns, and the rest.
    public func splitLeft(_ cols: Int) -> (Rect, Rect) {
        let c = min(max(0, cols), width)
        return (Rect(x: x, y: y, width: c, height: height), Rect(x: x + c, y: y, width: width - c, height: height))
    }

    /// Rows divided by weights; the last part takes the remainder. With `overlap` 1, neighbouring parts share
    /// a row (so that bordered blocks share their edge, as in a grid of boxes).
    public func rows(weights: [Int], overlap: Int = 0) -> [Rect] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return [] }
        let usable = height + overlap * (weights.count - 1)
        var out: [Rect] = []
        var top = y
        var acc = 0
        for (i, w) in weights.enumerated() {
            acc += w
            let end = i == weights.count - 1 ? bottom : y + usable * acc / total - overlap * i
            out.append(Rect(x: x, y: top, width: width, height: end - top))
            top = end - overlap
        }
        return out
    }
}
