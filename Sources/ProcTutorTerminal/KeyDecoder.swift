import CNcursesShim
import ProcTutorUI

/// Turns what curses' `get_wch` returned into a `Key`, or nil for input the app has no use for.
///
/// Pure apart from the curses constants, so the mapping is visible in one place. Mouse events need a
/// `getmouse` call, which the caller does when this returns `.needsMouse`.
enum DecodedInput: Equatable {
    case key(Key)
    /// KEY_MOUSE: read the event with `getmouse`.
    case needsMouse
    /// KEY_RESIZE: curses noticed a new size (we also learn it from SIGWINCH).
    case resize
    case ignored
}

enum KeyDecoder {
    /// Decodes a plain character (get_wch returned OK).
    static func decode(character code: UInt32) -> DecodedInput {
        switch code {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x01...0x1A:
            // Ctrl-A … Ctrl-Z (Tab, Enter, Backspace handled above).
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60))))
        case 0x00, 0x1C...0x1F, 0x80...0x9F:
            return .ignored
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }

    /// Decodes a function key (get_wch returned KEY_CODE_YES).
    static func decode(keyCode code: Int32) -> DecodedInput {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1, KEY_LL: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE, KEY_DC: return .key(.backspace)
        case KEY_MOUSE: return .needsMouse
        case KEY_RESIZE: return .resize
        default:
            let f0 = pt_key_f(0)
            if code > f0 && code <= f0 + 24 { return .key(.function(Int(code - f0))) }
            return .ignored
        }
    }
}
