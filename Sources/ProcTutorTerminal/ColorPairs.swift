import CNcursesShim
import ProcTutorUI

/// Allocates curses colour pairs on first use, one per (foreground, background) combination.
///
/// 9 × 9 combinations fit in the 64 pairs of even an 8-colour terminal only if few are used at once, so pairs
/// are handed out lazily; past the terminal's limit the default pair is used (the text stays readable).
struct ColorPairs {
    private var pairs: [UInt16: Int16] = [:]
    private var next: Int16 = 1
    private let limit: Int
    private let defaultColors: Bool

    /// - Parameter defaultColors: whether `use_default_colors` succeeded, so -1 means the terminal's own colour.
    init(limit: Int, defaultColors: Bool) {
        self.limit = limit
        self.defaultColors = defaultColors
    }

    /// The pair number for a style's colours (0 is the terminal's default pair).
    mutating func pair(fg: Color, bg: Color) -> Int16 {
        if fg == .default && bg == .default { return 0 }
        let key = UInt16(fg.rawValue) << 8 | UInt16(bg.rawValue)
        if let known = pairs[key] { return known }
        guard Int(next) < limit else { return 0 }
        let number = next
        guard init_pair(number, curses(fg, isBackground: false), curses(bg, isBackground: true)) == OK else { return 0 }
        next += 1
        pairs[key] = number
        return number
    }

    private func curses(_ color: Color, isBackground: Bool) -> Int16 {
        switch color {
        case .default: return defaultColors ? -1 : Int16(isBackground ? COLOR_BLACK : COLOR_WHITE)
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }
}
