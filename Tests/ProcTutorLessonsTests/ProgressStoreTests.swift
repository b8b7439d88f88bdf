import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

@Suite struct ProgressStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func store() -> ProgressStore { ProgressStore(directory: Fixture.tempDir("progress") + "/state/proctutor") }

    func files(in store: ProgressStore) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store.directory)) ?? []).sorted()
    }

    @Test func defaultLocationFollowsXDG() {
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"])
                == "/x/state/proctutor")
        #expect(ProgressStore.defaultDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/proctutor")
        // A relative XDG_STATE_HOME is ignored, as the spec says.
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/a"])
                == "/home/a/.local/state/proctutor")
        #expect(ProgressStore(environment: ["XDG_STATE_HOME": "/s"]).file == "/s/proctutor/progress.json")
    }

    @Test func missingFileIsEmptyProgress() {
        let s = store()
        let (p, problems) = s.load()
        #expect(p == StudentProgress())
        #expect(problems == [])
    }

    @Test func roundTrip() throws {
        let s = store()
        var p = StudentProgress()
        p.recordQuiz(lesson: "05-broken-pool", score: QuizScore(correct: 5, total: 6, at: t0))
        p.markDone(lesson: "01-fork")
        p.open(lesson: "05-broken-pool", at: t0)
        let (saved, problems) = s.save(p)
        #expect(problems == [])
        #expect(saved == p)
        #expect(s.load().0 == p)
        #expect(s.load().1 == [])
        // Only the file and its lock remain: the temporary file was renamed.
        #expect(files(in: s) == ["progress.json", "progress.json.lock"])
        let json = try String(contentsOfFile: s.file, encoding: .utf8)
        #expect(json.contains("\"last_lesson\" : \"05-broken-pool\""))
        #expect(json.contains("\"version\" : 1"))
        #expect(json.contains("2027-01-15T08:00:00Z"))
    }

    @Test(arguments: [
        ("truncated", "{\"version\": 1, \"lessons\": {\"01\": {\"done\": tr", "is corrupt: not valid JSON"),
        ("garbage", "\u{1}\u{2}not json at all", "is corrupt: not valid JSON"),
        ("wrong types", "{\"lessons\": {\"01\": {\"done\": \"yes\"}}}", "is corrupt: expected Bool at lessons.01.done"),
        ("wrong top level", "[1, 2, 3]", "is corrupt: expected Dictionary<String, Any> at the top level"),
        ("empty", "", "is corrupt: not valid JSON"),
    ])
    func corruptFileIsSetAside(name: String, content: String, reason: String) throws {
        let s = store()
        try FileManager.default.createDirectory(atPath: s.directory, withIntermediateDirectories: true)
        try content.write(toFile: s.file, atomically: false, encoding: .utf8)
        let (p, problems) = s.load()
        #expect(p == StudentProgress())
        #expect(problems.count == 1)
        let moved = try #require(files(in: s).first { $0.hasPrefix("progress.json.corrupt-") })
        #expect(problems.first == "proctutor: progress file \(s.file) \(reason); moved it to \(s.directory)/\(moved) and started afresh")
        #expect(try String(contentsOfFile: s.directory + "/" + moved, encoding: .utf8) == content)
        #expect(!FileManager.default.fileExists(atPath: s.file))
        // Saving afterwards works and the set-aside copy stays.
        #expect(s.update { $0.markDone(lesson: "01") }.1 == [])
        #expect(s.load().0[lesson: "01"].done)
        #expect(files(in: s).filter { $0.hasPrefix("progress.json.corrupt-") }.count == 1)
    }

    @Test func unreadableFileIsSetAside() throws {
        let s = store()
        // A directory where the file should be cannot be read, even by root.
        try FileManager.default.createDirectory(atPath: s.file, withIntermediateDirectories: true)
        let (p, problems) = s.load()
        #expect(p == StudentProgress())
        #expect(problems.count == 1)
        #expect(problems.first?.contains("cannot be read: ") == true)
        #expect(problems.first?.contains("moved it to \(s.file).corrupt-") == true)
        #expect(s.save(p).1 == [])
    }

    @Test func unwritableFolderIsReportedNotFatal() throws {
        let base = Fixture.tempDir("progress")
        // A regular file in the way makes the folder impossible to create, whoever runs the test.
        try "x".write(toFile: base + "/blocker", atomically: false, encoding: .utf8)
        let s = ProgressStore(directory: base + "/blocker/proctutor")
        let (p, problems) = s.update { $0.markDone(lesson: "01") }
        #expect(p[lesson: "01"].done)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("proctutor: cannot create \(s.directory) (") == true)
        #expect(problems.first?.hasSuffix("); progress is not saved") == true)
        #expect(s.load().0 == StudentProgress())
    }

    @Test func concurrentSavesLoseNothing() {
        let dir = Fixture.tempDir("progress") + "/proctutor"
        let n = 16
        // Separate stores open separate lock descriptors, as separate tutorials would.
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let s = ProgressStore(directory: dir)
            for j in 0..<5 {
                s.update { $0.recordQuiz(lesson: "lesson-\(i)", score: QuizScore(correct: j, total: 5, at: Date())) }
            }
            var mine = StudentProgress()
            mine.markDone(lesson: "done-\(i)")
            s.save(mine)
        }
        let (p, problems) = ProgressStore(directory: dir).load()
        #expect(problems == [])
        #expect(p.lessons.count == 2 * n)
        for i in 0..<n {
            #expect(p[lesson: "lesson-\(i)"].bestScore?.correct == 4)
            #expect(p[lesson: "done-\(i)"].done)
        }
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains("tmp") }
        #expect(leftovers == [])
    }

    @Test func concurrentSavesFromSeparateProcesses() throws {
        // Real processes, each a python3 that takes the same flock and merges, interleaved with our saves.
        let dir = Fixture.tempDir("progress") + "/proctutor"
        let s = ProgressStore(directory: dir)
        s.update { $0.markDone(lesson: "swift-0") }
        let script = """
            import fcntl, json, os, sys
            d = sys.argv[1]
            for i in range(20):
                with open(os.path.join(d, "progress.json.lock"), "a+") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    p = json.load(open(os.path.join(d, "progress.json")))
                    p["lessons"]["py-%d" % i] = {"done": True}
                    tmp = os.path.join(d, ".tmp-py")
                    with open(tmp, "w") as f:
                        json.dump(p, f)
                    os.rename(tmp, os.path.join(d, "progress.json"))
            """
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        py.arguments = ["python3", "-c", script, dir]
        try py.run()
        for i in 1...20 { s.update { $0.markDone(lesson: "swift-\(i)") } }
        py.waitUntilExit()
        #expect(py.terminationStatus == 0)
        let p = s.load().0
        for i in 0...20 { #expect(p[lesson: "swift-\(i)"].done, "swift-\(i)") }
        for i in 0..<20 { #expect(p[lesson: "py-\(i)"].done, "py-\(i)") }
    }
}
