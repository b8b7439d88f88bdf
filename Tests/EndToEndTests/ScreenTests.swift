import Foundation
import Testing

/// The screen at the sizes and in the terminals the issue names: 80×24, too small, `TERM=dumb`.
@Suite("Screen sizes and plain mode", .timeLimit(.minutes(1)))
struct ScreenTests {
    @Test("80×24 shows the tab strip and the process summary line")
    func smallLayout() throws {
        let t = try TutorialHarness(TutorialHarness.fixture(), width: 80, height: 24)
        defer { t.close() }
        let screen = try t.waitForScreen(containing: "Long-running")
        let tabs = screen.split(separator: "\n").first { line in
            ["Lesson", "Code", "Processes", "Output", "Timeline"].allSatisfy(line.contains)
        }
        #expect(tabs != nil, "no tab strip in:\n\(screen)")
        try t.tmux.keys("r")
        _ = try t.demoProcesses(count: 4)
        // "▶ running 1.2s · 4 processes · 4 alive": the summary stays visible whatever pane is shown.
        try t.tmux.waitFor("the summary line counting 4 processes") { $0.contains("4 processes · 4 alive") }
        try t.tmux.keys("Tab", "Tab")
        try t.tmux.waitFor("the summary line under another tab") { $0.contains("4 processes · 4 alive") }
        try t.tmux.keys("C-c")
        try t.waitForExit()
        try t.expectTerminalRestored()
    }

    @Test("a too small terminal shows the enlarge message, and the tutorial comes back when it grows")
    func tooSmall() throws {
        let t = try TutorialHarness(TutorialHarness.fixture(), width: 60, height: 16)
        defer { t.close() }
        try t.waitForScreen(containing: "too small")
        try t.tmux.resize(width: 110, height: 34)
        try t.tmux.waitFor("the full layout after growing") {
            !$0.contains("too small") && $0.contains("Long-running") && $0.contains("Processes")
        }
        try t.tmux.resize(width: 50, height: 10)
        try t.waitForScreen(containing: "too small")
        try t.tmux.resize(width: 80, height: 24)
        try t.tmux.waitFor("the tab layout") { !$0.contains("too small") && $0.contains("Timeline") }
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }

    @Test("NO_COLOR draws without colours (bold, dim and reverse only); without it there are colours",
          arguments: [true, false])
    func noColor(set: Bool) throws {
        let t = try TutorialHarness(TutorialHarness.fixture(), environment: set ? ["NO_COLOR": "1"] : [:])
        defer { t.close() }
        try t.waitForScreen(containing: "Long-running")
        let screen = try t.tmux.screenWithAttributes()
        // SGR parameters that set a colour: 30–37, 40–47, 90–97, 100–107, 38;…, 48;…
        let colour = #/\e\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/#
        if set {
            #expect(screen.firstMatch(of: colour) == nil, "a colour was drawn with NO_COLOR set")
        } else {
            #expect(screen.firstMatch(of: colour) != nil, "no colour at all without NO_COLOR")
        }
        #expect(screen.contains("\u{1B}[1m") || screen.contains(";1m") || screen.contains("[1;"),
                "bold is still used for emphasis")
        try t.tmux.keys("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test("with no lesson named, the tutorial opens where the student left off")
    func resumesWhereLeftOff() throws {
        let lessons = ["--lessons", Paths.lessons, "--lang", "en"]
        let first = try TutorialHarness(["learn", "4"] + lessons)
        defer { first.close() }
        try first.waitForScreen(containing: "4/5")
        try first.tmux.keys("Right")  // on to lesson 5: the last lesson seen is what counts
        try first.waitForScreen(containing: "5/5")
        try first.tmux.keys("q")
        #expect(try first.waitForExit() == 0)

        let again = try TutorialHarness(lessons, stateDirectory: first.stateDirectory)
        defer { again.close() }
        try again.waitForScreen(containing: "5/5")
        try again.tmux.keys("q")
        #expect(try again.waitForExit() == 0)
    }

    @Test("TERM=dumb prints the lesson as plain text with the plain commands, never curses")
    func dumbTerminal() throws {
        let t = try TutorialHarness(["learn", "2", "--lessons", Paths.lessons, "--lang", "en"],
                                    environment: ["TERM": "dumb"])
        defer { t.close() }
        #expect(try t.waitForExit() == 0)
        let screen = try t.tmux.screen()
        #expect(try t.tmux.format("#{alternate_on}") == "0")
        #expect(screen.contains("proctutor run 2"))
        #expect(screen.contains("proctutor quiz 2 --plain"))
        #expect(!screen.contains("\u{1B}"))
        try t.expectTerminalRestored()
    }

    @Test("output to a pipe is plain text too")
    func pipedOutput() throws {
        let binary = try Paths.binary()
        let out = try Shell.run("/usr/bin/env", ["TERM=xterm-256color", binary, "learn", "2", "--lessons", Paths.lessons,
                                                 "--lang", "zh"])
        #expect(out.contains("multiprocessing.Process"))
        #expect(out.contains("proctutor quiz 2 --plain"))
        #expect(!out.unicodeScalars.contains { $0.value == 0x1B }, "escape sequences in plain output")
    }
}
