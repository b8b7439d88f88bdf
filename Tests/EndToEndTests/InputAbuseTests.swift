import Foundation
import Glibc
import Testing
import TestSupport

/// Random keys, mouse events, paste bursts and resize storms against the running tutorial (issue 5, input
/// abuse): no crash, no leaked process, the terminal restored at the end.
///
/// Seeded and repeatable: a failure prints its seed; `PROCTUTOR_ABUSE_SEED` replays it and
/// `PROCTUTOR_ABUSE_SECONDS` makes a longer soak (the default keeps CI fast).
@Suite("Input abuse", .timeLimit(.minutes(15)))
struct InputAbuseTests {
    @Test("a storm of random input leaves no crash, no leaked process and a restored terminal")
    func storm() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["PROCTUTOR_ABUSE_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max / 2)
        let seconds = env["PROCTUTOR_ABUSE_SECONDS"].flatMap(Double.init) ?? 8
        var rng = SplitMix64(seed: seed)
        print("input storm: seed \(seed), \(seconds) s (replay with PROCTUTOR_ABUSE_SEED=\(seed))")
        // x opens the exercise and E its editor there: `true` stands in for one, or the storm's keys would be
        // typed into a real vi (ex commands and all), which tests vi, not the tutorial.
        let t = try TutorialHarness(["learn", "2", "--lessons", Paths.lessons, "--lang", "zh"],
                                    environment: ["EDITOR": "true", "VISUAL": "true"])
        defer { t.close() }
        try t.waitForScreen(containing: "multiprocessing")
        let tutorial = try t.proctutorPID()

        var actions = 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            try Abuse.random(&rng).perform(on: t.tmux)
            actions += 1
            // The tutorial must still be there: a crash or an early exit ends the storm with a failure.
            guard Processes.isAlive(tutorial) else { break }
        }
        #expect(Processes.isAlive(tutorial), "proctutor died during the storm (seed \(seed), \(actions) actions)")
        print("input storm: \(actions) actions survived (seed \(seed))")

        try t.tmux.resize(width: 120, height: 40)
        // A storm on a loaded machine leaves a backlog of keys (every `r` starts a real run, every scroll
        // re-lays out the text). How long it takes to work through is speed, not correctness, and is not
        // asserted: after a while the storm is ended with SIGTERM instead, and the rest is checked all the same.
        do {
            try Abuse.quit(t, patience: 30 + seconds)
            let status = try t.waitForExit()
            #expect(status == 0, "exit status \(status) after the storm (seed \(seed))")
        } catch {
            print("input storm: the keys' backlog outlasted \(30 + seconds) s (seed \(seed)); ending it with SIGTERM")
            kill(tutorial, SIGTERM)
            #expect(try t.waitForExit() == 128 + Int(SIGTERM))
        }
        let leaked = try t.leakedProcesses()
        #expect(leaked.isEmpty, "processes left after the storm (seed \(seed)): \(leaked)")
        try t.expectTerminalRestored()
    }
}

/// One random thing a user (or a cat on the keyboard) does to the terminal.
enum Abuse {
    case keys([String])
    case text(String)
    case paste(String)
    case resize(Int, Int)

    /// Keys that do something in the tutorial, plus noise. `q` and Ctrl-C are left out (they end the storm), and
    /// so is Ctrl-Z (suspending is its own test).
    static let keyNames = ["r", "s", "p", "v", "m", "o", "Q", "?", "Escape", "Enter", "Tab", "BTab", "Up", "Down",
                           "Left", "Right", "PPage", "NPage", "Home", "End", "F1", "F5", "BSpace", "Space",
                           "1", "2", "3", "4", "5", "9", "0", "a", "b", "c", "j", "k", "g", "G", "[", "]", "C-l", "C-a", "M-x", "DC", "IC"]
    static let textPieces = ["测试中文输入", "ｆｕｌｌｗｉｄｔｈ", "e\u{301}", "🙂", "\u{1B}[2J", "\u{1B}]52;c;aGVsbG8=\u{7}",
                             "\u{1B}[<64;10;5M", "\u{1B}[<65;30;12M", "\u{1B}[<0;5;5M", "\u{1B}[M`!!", "\u{1B}[999;999H",
                             "\u{1B}", "\u{1B}[", "\u{1B}O", "\u{7F}", "\u{0}"]

    static func random<R: RandomNumberGenerator>(_ rng: inout R) -> Abuse {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<11:
            return .keys((0..<Int.random(in: 1...6, using: &rng)).map { _ in keyNames.randomElement(using: &rng)! })
        case 11..<15:
            return .text(textPieces.randomElement(using: &rng)!)
        case 15..<17:
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz 0123456789\n\t进程父子僵尸")
            return .paste(String((0..<Int.random(in: 50...500, using: &rng)).map { _ in
                alphabet.randomElement(using: &rng)!
            }).replacingOccurrences(of: "q", with: "x"))
        default:
            return .resize(Int.random(in: 20...160, using: &rng), Int.random(in: 5...50, using: &rng))
        }
    }

    func perform(on tmux: TmuxSession) throws {
        switch self {
        case .keys(let names):
            for name in names { try tmux.keys(name) }
        case .text(let text):
            try tmux.type(text)
        case .paste(let text):
            try tmux.paste(text)
        case let .resize(width, height):
            try tmux.resize(width: width, height: height)
        }
    }

    /// Leaves the tutorial politely whatever state the storm left it in (help, quiz, confirm question).
    /// A storm leaves a backlog (every `r` starts a real run), so this keeps trying for `patience` seconds.
    static func quit(_ t: TutorialHarness, patience: Double) throws {
        let deadline = Date().addingTimeInterval(patience)
        while Date() < deadline {
            let exited: (String) -> Bool = { $0.contains(TmuxSession.exitMarker) }
            try t.tmux.keys("Escape")
            try t.tmux.keys("Escape")
            try t.tmux.keys("q")
            if (try? t.tmux.waitFor("exit", timeout: 1.5, joined: true, exited)) != nil { return }
            try t.tmux.keys("y")
            if (try? t.tmux.waitFor("exit", timeout: 1.5, joined: true, exited)) != nil { return }
        }
        throw E2EError.timeout(what: "proctutor to quit after Escape, q, y", screen: try t.tmux.screen())
    }
}
