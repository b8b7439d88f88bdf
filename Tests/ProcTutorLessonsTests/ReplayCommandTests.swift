import Foundation
import Testing
@testable import ProcTutorLessons

/// `proctutor replay` driven as a user would, over a recording the real binary made.
@Suite struct ReplayCommandTests {

    /// A recording made by the real binary: lesson 2's demo, about 2 s, with a zombie.
    static let lessonTwoRecording: String = {
        let path = Fixture.tempDir("replay") + "/l2.ndjson"
        let r = try! CommandTests.run(["run", "2", "--json", "--lessons", CommandTests.packageRoot + "/lessons"])
        try! r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    @Test func replayAtAMomentPrintsTheTableAsItWasThen() throws {
        let r = try CommandTests.run(["replay", Self.lessonTwoRecording, "--at", "1.5"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "t=1.500s")
        #expect(lines.contains { $0.contains("Process-1 zombie") }, "\(r.stdout)")
        #expect(lines.contains { $0.contains("mark1 sleeping") }, "\(r.stdout)")
        #expect(r.stdout.contains("test1执行时间"))
        #expect(!r.stdout.contains("test2执行时间"), "mark1 prints its time only at 2 s")
        let json = try CommandTests.run(["replay", Self.lessonTwoRecording, "--at", "1.5", "--json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["processes"] as? [Any])?.count == 3)
    }

    @Test func replayWritesACast() throws {
        let out = Fixture.tempDir("cast") + "/l2.cast"
        let r = try CommandTests.run(["replay", Self.lessonTwoRecording, "--cast", out, "--size", "80x24", "--speed", "4"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.contains("\"width\": 80, \"height\": 24") == true)
        #expect(lines.count > 10)
    }

    /// Every bad input: one line saying what and where, exit 2, nothing else.
    @Test func replayBadInputIsOneLineAndExit2() throws {
        let dir = Fixture.tempDir("bad-replay")
        func file(_ name: String, _ text: String) -> String {
            let path = dir + "/" + name
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let good = try String(contentsOfFile: Self.lessonTwoRecording, encoding: .utf8)
        let firstLine = String(good.prefix { $0 != "\n" })
        let cases: [([String], String)] = [
            (["replay", dir + "/missing.ndjson"], "missing.ndjson: no such file"),
            (["replay", file("notes.txt", "hello\n"), "--at", "0"], "notes.txt:1: not a proctutor recording"),
            (["replay", file("schema.ndjson", firstLine.replacingOccurrences(of: "\"schema\":2", with: "\"schema\":9") + "\n"),
              "--at", "0"], "schema.ndjson:1: recording schema 9 is not supported"),
            (["replay", file("middle.ndjson", firstLine + "\n{\"t\":0.1,\"event\":\"start\"}\n{\"t\":0.2,\"event\":\"notice\",\"text\":\"x\"}\n"),
              "--at", "0"], "middle.ndjson:2:"),
            (["replay", Self.lessonTwoRecording, "--at=-1"], "--at must be 0 or more"),
            (["replay", Self.lessonTwoRecording, "--at", "99"], "past the end of the recording"),
            (["replay", Self.lessonTwoRecording, "--cast", dir + "/x.cast", "--size", "20x5"], "--size must be COLSxROWS"),
            (["replay", Self.lessonTwoRecording, "--speed", "9"], "--speed must be from 0.01 to 4"),
        ]
        for (args, message) in cases {
            let r = try CommandTests.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && r.stdout.isEmpty, "\(args)")
        }
        // A recording cut off mid-line (an interrupted run) is replayed up to its last whole line, and says so.
        let cut = file("cut.ndjson", String(good.dropLast(40)))
        let r = try CommandTests.run(["replay", cut, "--at", "0.5"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("cut.ndjson:") && r.stderr.contains("the last line is cut off"), "\(r.stderr)")
    }
}
