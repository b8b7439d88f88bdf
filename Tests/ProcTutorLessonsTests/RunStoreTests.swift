import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// The tutorial's recordings on disk: where they go, how many stay, and that a cut-off run stays readable.
@Suite struct RunStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000.25)

    func store() -> RunStore { RunStore(directory: Fixture.tempDir("runs") + "/state/proctutor/runs") }

    let events = [
        Event(t: 0, .start(pid: 7, ppid: 6, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 0.01, .output(pid: 7, stream: .stdout, text: "你好")),
        Event(t: 0.02, .exit(pid: 7, code: 0, signal: nil)),
    ]

    @Test func theFolderFollowsXDG() {
        #expect(RunStore(environment: ["XDG_STATE_HOME": "/x/state"]).directory == "/x/state/proctutor/runs")
        #expect(RunStore(environment: ["HOME": "/home/a"]).directory == "/home/a/.local/state/proctutor/runs")
    }

    @Test func aRecordingHoldsTheEventsAsRunJSONLines() throws {
        let s = store()
        let (recorder, problem) = s.begin(key: "02-process", label: "demo-default", at: t0)
        #expect(problem == nil)
        let r = try #require(recorder)
        r.write(Array(events.prefix(2)))
        r.write(Array(events.dropFirst(2)))
        r.close()
        #expect(r.path.hasSuffix("/02-process/20270115T080000.250Z-demo-default.ndjson"))
        let lines = try String(contentsOfFile: r.path, encoding: .utf8).split(separator: "\n")
        #expect(try lines.map { try EventJSON.decode(String($0)) } == events)
        #expect(s.recordings(key: "02-process") == [r.path])
    }

    @Test func eachKeyKeepsItsNewestTwenty() throws {
        let s = store()
        for i in 0..<25 {
            let (r, _) = s.begin(key: "01-fork", label: "demo", at: t0.addingTimeInterval(Double(i)))
            r?.write(events)
        }
        _ = s.begin(key: "03-subclass", label: "demo", at: t0)
        let kept = s.recordings(key: "01-fork")
        #expect(kept.count == RunStore.keepPerKey)
        #expect(kept.first?.contains("T080005.250Z") == true, "the five oldest went")
        #expect(s.recordings(key: "03-subclass").count == 1, "another key keeps its own")
    }

    @Test func twoRunsInTheSameMillisecondGetTwoFiles() {
        let s = store()
        let a = s.begin(key: "k", label: "demo", at: t0).0
        let b = s.begin(key: "k", label: "demo", at: t0).0
        #expect(a != nil && b != nil && a?.path != b?.path)
    }

    @Test func namesFromScriptsAreSafeAndDistinct() {
        let one = RunStore.key(forScript: "/home/a/demo.py")
        let two = RunStore.key(forScript: "/home/b/demo.py")
        #expect(one.hasPrefix("watch-demo.py-") && one != two)
        #expect(RunStore.safe("../../etc passwd") == "_.._.._etc_passwd")
        #expect(RunStore.safe("进程.py") == "__.py")
        #expect(RunStore.safe("") == "_")
    }

    @Test func anUnwritableFolderCostsTheRecordingNotTheRun() throws {
        let base = Fixture.tempDir("runs-ro")
        let file = base + "/not-a-folder"
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let (recorder, problem) = RunStore(directory: file + "/runs").begin(key: "k", label: "demo", at: t0)
        #expect(recorder == nil)
        #expect(problem?.contains("runs are not recorded") == true)
    }
}
