import Foundation
import Glibc
import Testing

/// `LANG=zh_CN.UTF-8` on a machine without that locale (issue 15, point 7): `setlocale(LC_ALL, "")` fails, and
/// ncurses in the C locale drew every Chinese and box-drawing character blank. The tutorial falls back to a
/// UTF-8 locale that exists, keeps Chinese lessons (the language still comes from LANG) and says so on exit.
@Suite("Locale fallback end to end", .timeLimit(.minutes(1)))
struct LocaleFallbackTests {
    /// Whether the system can set `name` (without touching this process's locale).
    static func installed(_ name: String) -> Bool {
        guard let l = newlocale(Int32(1) << LC_CTYPE, name, nil) else { return false }
        freelocale(l)
        return true
    }

    @Test("an uninstalled zh_CN.UTF-8 still draws Chinese and box drawing, and says which locale it used")
    func uninstalledChineseLocale() throws {
        let missing = !Self.installed("zh_CN.UTF-8")
        // LC_ALL empty counts as unset: LANG decides, as on a student's machine.
        let t = try TutorialHarness(["learn", "1", "--lessons", Paths.lessons],
                                    environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        defer { t.close() }
        let screen = try t.tmux.waitFor("the lesson screen with box drawing and Chinese") { screen in
            screen.contains("os.fork") && screen.contains("┌") && screen.contains("│")
                && screen.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        }
        #expect(screen.contains("─"))
        try t.tmux.keys("q")
        let status = try t.waitForExit()
        #expect(status == 0)
        if missing {
            let after = try t.tmux.screen(joined: true)
            #expect(after.contains("zh_CN.UTF-8") && after.contains("C.UTF-8"), "no note about the locale:\n\(after)")
            // In the lessons' language: Chinese.
            #expect(after.contains("区域设置"), "\(after)")
        }
    }
}
