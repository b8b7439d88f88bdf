import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorUI

/// `proctutor replay`: a recording folded to a moment, printed for scripts, and cast frame by frame.
@Suite struct ReplayTests {
    static let header = RunHeader(program: "/home/s/two.py", startMethod: .fork, python: "/usr/bin/python3",
                                  pythonVersion: "3.12.1", argv: ["/usr/bin/python3", "-u", "/home/s/two.py"],
                                  started: "2026-12-02T01:00:00.000Z", source: "import os\nprint('你好')\n")
    /// A parent that forks a child which prints, dies and stays a zombie until the parent waits (0.30–0.40 s).
    static let events = [
        Event(t: 0.00, .start(pid: 10, ppid: 9, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 0.10, .start(pid: 11, ppid: 10, name: nil, method: .osFork, parent: nil)),
        Event(t: 0.20, .output(pid: 11, stream: .stdout, text: "你好 from the child")),
        Event(t: 0.30, .exit(pid: 11, code: 3, signal: nil)),
        Event(t: 0.40, .reaped(pid: 11, by: 10)),
        Event(t: 0.45, .output(pid: 10, stream: .stdout, text: "parent \"done\"")),
        Event(t: 0.50, .exit(pid: 10, code: 0, signal: nil)),
        Event(t: 0.50, .summary(Summary(exitCode: 0, processes: 2, maxAlive: 2, duration: 0.5, unretrievedFailures: 0))),
    ]
    static let recording = Recording(header: header, events: events)

    @Test func theMomentInsideTheZombieInterval() {
        #expect(Replay.plain(Replay.moment(Self.recording, at: 0.35)) == [
            "t=0.350s",
            "10 ppid=9 MainProcess running",
            "  11 ppid=10 os.fork zombie",
            "output:",
            "11 stdout: 你好 from the child",
        ])
        #expect(Replay.plain(Replay.moment(Self.recording, at: 0.41))[2] == "  11 ppid=10 os.fork exit 3")
        #expect(Replay.plain(Replay.moment(Self.recording, at: 0.05)) == ["t=0.050s", "10 ppid=9 MainProcess running", "output:"])
    }

    @Test func theMomentAsJSON() throws {
        let text = Replay.json(Replay.moment(Self.recording, at: 0.46))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["t"] as? Double == 0.46)
        let processes = try #require(object["processes"] as? [[String: Any]])
        #expect(processes.map { $0["pid"] as? Int } == [10, 11])
        #expect(processes[1]["state"] as? String == "exited")
        #expect(processes[1]["code"] as? Int == 3)
        #expect(processes[0]["code"] is NSNull, "a live process has no code yet")
        let lines = try #require(object["output_lines"] as? [[String: Any]])
        #expect(lines.map { $0["text"] as? String } == ["你好 from the child", "parent \"done\""])
        #expect((object["tasks"] as? [String: Int]) == ["started": 0, "done": 0, "failed": 0])
    }

    @Test func theReplayScreenShowsTheRecordedCodeAndCannotRun() {
        var s = Replay.state(Self.recording, file: "/tmp/two.ndjson", lang: .en, width: 120, height: 40)
        #expect(s.sources.values.map(\.text) == [Self.header.source])
        #expect(s.cursor?.playing == true && s.cursor?.t == 0)
        #expect(s.cursor?.speed == TimeCursor.autoSpeed(for: 0.5), "a short recording plays slowly")
        #expect(App.update(&s, .key(.char("r"))).isEmpty, "a replay has nothing to run")
        #expect(!KeyBar.keys(s).contains { $0.key == "r" })
    }

    /// Each cast line is JSON: the header with its fields, then `[t, "o", data]` with t never decreasing; the
    /// frames show the recording's moments, Chinese written once per character.
    @Test func theCastIsAValidAsciicast() throws {
        let cast = Cast.render(Self.recording, file: "/tmp/two.ndjson", lang: .zh, speed: 0.25, width: 100, height: 30,
                               title: "two.py", timestamp: 1_796_000_000)
        let lines = cast.split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30)
        #expect(header["timestamp"] as? Int == 1_796_000_000 && header["title"] as? String == "two.py")
        var last = -1.0
        var all = ""
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let t = try #require(event[0] as? Double)
            #expect(t >= last)
            last = t
            #expect(event[1] as? String == "o")
            all += try #require(event[2] as? String)
        }
        // 0.5 s at 0.25× lasts 2 s of cast.
        #expect(last >= 2.0 && last < 2.2)
        #expect(all.contains("你好 from the child"))
        #expect(all.contains("僵尸"), "the zombie moment is in some frame")
        #expect(!all.contains("你\u{1B}"), "no escape code between the halves of a wide character")
    }

    @Test func aFrameRewritesOnlyTheRowsThatChanged() {
        var a = CellBuffer(width: 10, height: 3)
        a.put("abc", x: 0, y: 0)
        var b = a
        b.put("进程", x: 0, y: 2)
        let data = ANSI.frame(b, since: a)
        #expect(data.hasPrefix("\u{1B}[3;1H"))
        #expect(!data.contains("\u{1B}[1;1H"))
        #expect(data.contains("进程"))
        #expect(ANSI.frame(b, since: b).isEmpty)
    }
}
