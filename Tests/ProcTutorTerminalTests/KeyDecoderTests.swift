import CNcursesShim
import ProcTutorUI
import Testing
@testable import ProcTutorTerminal

@Suite("Key decoding")
struct KeyDecoderTests {
    @Test("plain characters, CJK included, and the control keys people press")
    func characters() {
        #expect(KeyDecoder.decode(character: 0x71) == .key(.char("q")))
        #expect(KeyDecoder.decode(character: 0x4E2D) == .key(.char("中")))
        #expect(KeyDecoder.decode(character: 0x0D) == .key(.enter))
        #expect(KeyDecoder.decode(character: 0x0A) == .key(.enter))
        #expect(KeyDecoder.decode(character: 0x09) == .key(.tab))
        #expect(KeyDecoder.decode(character: 0x1B) == .key(.escape))
        #expect(KeyDecoder.decode(character: 0x7F) == .key(.backspace))
        #expect(KeyDecoder.decode(character: 0x02) == .key(.ctrl("b")))
        #expect(KeyDecoder.decode(character: 0x06) == .key(.ctrl("f")))
    }

    @Test("NUL, C1 controls and lone surrogates are dropped, never passed on as characters")
    func junk() {
        for code: UInt32 in [0x00, 0x1C, 0x1F, 0x80, 0x9B, 0x9F, 0xD800, 0x110000] {
            #expect(KeyDecoder.decode(character: code) == .ignored, "code \(code)")
        }
    }

    @Test("function keys from curses' key codes")
    func functionKeys() {
        #expect(KeyDecoder.decode(keyCode: KEY_UP) == .key(.up))
        #expect(KeyDecoder.decode(keyCode: KEY_NPAGE) == .key(.pageDown))
        #expect(KeyDecoder.decode(keyCode: KEY_PPAGE) == .key(.pageUp))
        #expect(KeyDecoder.decode(keyCode: KEY_HOME) == .key(.home))
        #expect(KeyDecoder.decode(keyCode: KEY_END) == .key(.end))
        #expect(KeyDecoder.decode(keyCode: KEY_BTAB) == .key(.backTab))
        #expect(KeyDecoder.decode(keyCode: KEY_BACKSPACE) == .key(.backspace))
        #expect(KeyDecoder.decode(keyCode: pt_key_f(1)) == .key(.function(1)))
        #expect(KeyDecoder.decode(keyCode: pt_key_f(12)) == .key(.function(12)))
        #expect(KeyDecoder.decode(keyCode: KEY_MOUSE) == .needsMouse)
        #expect(KeyDecoder.decode(keyCode: KEY_RESIZE) == .resize)
        #expect(KeyDecoder.decode(keyCode: KEY_SUSPEND) == .ignored)
    }

    @Test("the cell text rule: controls never reach the terminal")
    func cellText() {
        for scalar: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{00}", "\u{7F}", "\u{9B}", "\n", "\r"] {
            #expect(!CellText.isSafe(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        for scalar: Unicode.Scalar in ["a", "中", "␛", "\u{A0}", "🙂"] {
            #expect(CellText.isSafe(scalar))
        }
    }

    @Test("exit codes follow the shell's convention")
    func exitCodes() {
        #expect(LoopExit.quit.exitCode == 0)
        #expect(LoopExit.signal(2).exitCode == 130)
        #expect(LoopExit.signal(15).exitCode == 143)
        #expect(LoopExit.signal(1).exitCode == 129)
    }
}
