@preconcurrency import Glibc
import CNcursesShim
import ProcTutorUI

/// The ncurses backend: owns the terminal between `start()` and `stop()` and draws whole frames of cells.
///
/// Only the loop's thread uses it. Every frame is drawn in full into curses' virtual screen, then one
/// `doupdate` sends just the difference to the tty (never `clear()`, so nothing flickers).
final class CursesScreen {
    /// Whether colours are drawn (false on monochrome terminals and when `NO_COLOR` is set).
    private(set) var colored = false
    private var pairs = ColorPairs(limit: 0, defaultColors: false)
    private var started = false
    private let maxChars = Int(pt_cell_max_chars())

    /// Puts the terminal into the tutorial's mode. Throws when curses cannot start (unknown `TERM`, no tty).
    func start(environment: [String: String]) throws(TerminalError) {
        // Wide characters (CJK) only get their real widths with the user's locale, and any non-ASCII character
        // is drawn only in a UTF-8 one: a locale that is not installed falls back to C.UTF-8 (LocaleSetup).
        LocaleSetup.activate(environment: environment)
        // Saved before curses touches anything: the crash handlers put exactly this back.
        guard pt_guard_save_termios(STDOUT_FILENO) else { throw .notATerminal }
        // Escape alone must not wait a second for a sequence that never comes.
        set_escdelay(25)
        guard pt_start_screen() else {
            pt_guard_disarm()
            throw .cannotStart(term: environment["TERM"] ?? "")
        }
        started = true
        pt_guard_capture_reset_sequences()
        pt_guard_install_fatal_handlers()
        let screen = pt_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(screen, true)
        nodelay(screen, true)
        curs_set(0)
        _ = pt_enable_mouse()
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if has_colors() && !noColor && start_color() == OK {
            let defaults = use_default_colors() == OK
            pairs = ColorPairs(limit: Int(pt_color_pairs()), defaultColors: defaults)
            colored = true
        }
    }

    /// Gives the terminal back: leaves the alternate screen, shows the cursor, restores the modes. Idempotent.
    func stop() {
        guard started else { return }
        started = false
        endwin()
        pt_guard_disarm()
        fflush(nil)
    }

    /// Temporarily gives the terminal back (Ctrl-Z); `resumeAfterSuspend` takes it again.
    func suspend() {
        guard started else { return }
        endwin()
        fflush(nil)
    }

    /// Takes the terminal again after a suspension or an outside SIGSTOP/SIGCONT and repaints everything.
    func resumeAfterSuspend() {
        guard started else { return }
        reset_prog_mode()
        pt_force_repaint()
        refreshSize()
    }

    /// The current size (columns, rows), asking the kernel so it is right even between SIGWINCH and curses.
    @discardableResult
    func refreshSize() -> (width: Int, height: Int) {
        var rows: Int32 = 0, cols: Int32 = 0
        if pt_tty_size(STDOUT_FILENO, &rows, &cols) {
            if rows != pt_window_rows(pt_stdscr()) || cols != pt_window_cols(pt_stdscr()) {
                resizeterm(rows, cols)
            }
        }
        return (Int(pt_window_cols(pt_stdscr())), Int(pt_window_rows(pt_stdscr())))
    }

    /// Draws one frame: `cell(x, y)` for every position of a `width` × `height` grid, then one screen update.
    func draw(width: Int, height: Int, cell: (Int, Int) -> Cell) {
        guard started else { return }
        let screen = pt_stdscr()
        let rows = Int(pt_window_rows(screen)), cols = Int(pt_window_cols(screen))
        if width < cols || height < rows { werase(screen) }
        var wide = [wchar_t](repeating: 0, count: maxChars + 1)
        for y in 0..<min(height, rows) {
            var x = 0
            while x < min(width, cols) {
                let c = cell(x, y)
                defer { x += 1 }
                if c.width == 0 { continue }  // the right half of a wide character: curses draws it with the left
                // A wide character that would be cut by the right edge becomes a blank.
                let text = (c.width == 2 && x + 1 >= cols) ? " " : c.text
                fill(&wide, from: text)
                _ = pt_put_cell(screen, Int32(y), Int32(x), wide, attributes(c.style), pair(c.style))
            }
        }
        wnoutrefresh(screen)
        doupdate()
    }

    /// Forgets what curses believes is on screen so the next frame repaints every cell.
    func invalidate() {
        guard started else { return }
        pt_force_repaint()
    }

    /// Reads every key waiting in the input right now (never blocks). Stops after `limit` so a paste burst
    /// cannot starve the rest of the loop; the remainder is read on the next turn.
    func readInput(limit: Int = 512) -> [DecodedInput] {
        guard started else { return [] }
        var result: [DecodedInput] = []
        var code: wint_t = 0
        let screen = pt_stdscr()
        while result.count < limit {
            let status = pt_get_wch(screen, &code)
            if status == ERR { break }
            var decoded = status == KEY_CODE_YES ? KeyDecoder.decode(keyCode: Int32(code))
                                                 : KeyDecoder.decode(character: UInt32(code))
            if decoded == .needsMouse { decoded = readMouse() }
            result.append(decoded)
        }
        return result
    }

    private func readMouse() -> DecodedInput {
        var x: Int32 = 0, y: Int32 = 0
        switch pt_get_mouse(&x, &y) {
        case PT_MOUSE_WHEEL_UP: return .key(.wheelUp(x: Int(x), y: Int(y)))
        case PT_MOUSE_WHEEL_DOWN: return .key(.wheelDown(x: Int(x), y: Int(y)))
        case PT_MOUSE_CLICK: return .key(.click(x: Int(x), y: Int(y)))
        default: return .ignored
        }
    }

    /// Copies a cell's text into a NUL-terminated wide string, replacing anything a terminal would interpret.
    ///
    /// The UI already sanitises demo output; this is the last line of defence at the terminal's edge:
    /// a control character here would let a program move the cursor or retitle the window.
    private func fill(_ wide: inout [wchar_t], from text: String) {
        var count = 0
        for scalar in text.unicodeScalars where count < maxChars - 1 {
            let safe = CellText.isSafe(scalar) ? scalar : "\u{FFFD}"
            // The first character must take space; a lone combining mark would draw nothing sensible.
            if count == 0 && pt_char_width(wchar_t(safe.value)) < 1 {
                wide[count] = wchar_t(Unicode.Scalar("\u{FFFD}").value)
            } else {
                wide[count] = wchar_t(safe.value)
            }
            count += 1
        }
        if count == 0 { wide[0] = 0x20; count = 1 }
        wide[count] = 0
    }

    private func attributes(_ style: Style) -> attr_t {
        var attrs = pt_attr_normal()
        if style.bold { attrs |= pt_attr_bold() }
        if style.dim { attrs |= pt_attr_dim() }
        if style.reverse { attrs |= pt_attr_reverse() }
        if style.underline { attrs |= pt_attr_underline() }
        return attrs
    }

    private func pair(_ style: Style) -> Int16 {
        colored ? pairs.pair(fg: style.fg, bg: style.bg) : 0
    }
}

/// Why the terminal could not be taken over; the caller falls back to plain mode.
public enum TerminalError: Error, Equatable {
    case notATerminal
    case cannotStart(term: String)
}

/// The rule for what may reach the terminal inside a cell.
enum CellText {
    /// False for C0 and C1 control characters and DEL: the bytes that start escape sequences or move the cursor.
    static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return !(v < 0x20 || (0x7F...0x9F).contains(v))
    }
}
