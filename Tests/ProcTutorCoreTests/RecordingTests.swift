import Testing
@testable import ProcTutorCore

@Suite struct RecordingTests {
    static let header = RunHeader(program: "/p.py", lesson: "01-fork", variant: "demo", python: "/usr/bin/python3",
                                  pythonVersion: "3.12.1", argv: ["/usr/bin/python3", "-u", "/p.py"],
                                  started: "2026-11-27T21:23:00.123Z", source: "print(1)\n")
    static let events: [Event] = [
        Event(t: 0.01, .start(pid: 10, ppid: 9, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 0.02, .output(pid: 10, stream: .stdout, text: "1")),
        Event(t: 0.03, .exit(pid: 10, code: 0, signal: nil)),
        Event(t: 0.03, .summary(Summary(exitCode: 0, processes: 1, maxAlive: 1, duration: 0.03, unretrievedFailures: 0))),
    ]
    static var text: String {
        ([Event(t: 0, .run(header))] + events).map { EventJSON.encode($0) + "\n" }.joined()
    }

    func error(_ text: String) -> Recording.Error? {
        do { _ = try Recording.parse(text: text, file: "r.ndjson"); return nil } catch let e as Recording.Error {
            return e
        } catch { return nil }
    }

    @Test func aWholeRecordingReadsBack() throws {
        let r = try Recording.parse(text: Self.text, file: "r.ndjson")
        #expect(r.header == Self.header)
        #expect(r.events == Self.events)
        #expect(!r.truncated)
        #expect(r.summary?.processes == 1)
    }

    @Test func notARecording() {
        let start = EventJSON.encode(Self.events[0]) + "\n"
        #expect(error(start)?.description == "r.ndjson:1: not a proctutor recording: line 1 is not a \"run\" header")
        #expect(error("hello\n")?.description == "r.ndjson:1: not a proctutor recording: line 1 is not a JSON object")
        #expect(error("")?.description == "r.ndjson:1: not a proctutor recording: the file is empty")
        #expect(error("garbage without newline")?.reason == .notARecording("line 1 is not a JSON object"))
    }

    @Test func anUnknownSchemaIsRefused() {
        let future = Self.text.replacingOccurrences(of: #""schema":2"#, with: #""schema":3"#)
        #expect(error(future) == Recording.Error(file: "r.ndjson", line: 1, reason: .unknownSchema(3)))
        #expect(error(future)?.description
            == "r.ndjson:1: recording schema 3 is not supported (this proctutor reads schema 2)")
    }

    @Test func aTruncatedLastLineIsAFlagNotAnError() throws {
        let whole = Self.text
        let cut = String(whole.dropLast(20))  // inside the summary line
        let r = try Recording.parse(text: cut, file: "r.ndjson")
        #expect(r.truncated)
        #expect(r.events == Array(Self.events.dropLast()))
        #expect(r.summary == nil)
        // A last event that only lacks its newline is whole: kept, not truncated.
        let unterminated = try Recording.parse(text: String(whole.dropLast()), file: "r.ndjson")
        #expect(!unterminated.truncated && unterminated.events == Self.events)
    }

    @Test func aRecordingCutInsideItsHeaderHasNoHeaderYet() throws {
        let r = try Recording.parse(text: String(Self.text.prefix(60)), file: "r.ndjson")
        #expect(r.header == nil && r.events.isEmpty && r.truncated)
    }

    @Test func aBadLineInTheMiddleIsAnErrorWithItsLineNumber() {
        var lines = Self.text.split(separator: "\n").map(String.init)
        lines[2] = #"{"t":1,"event":"exit","pid":"x"}"#
        #expect(error(lines.joined(separator: "\n") + "\n")?.description
            == "r.ndjson:3: field \"pid\" is not a number")
        lines[2] = "{not json"
        #expect(error(lines.joined(separator: "\n") + "\n")?.line == 3)
        lines[2] = EventJSON.encode(Event(t: 0, .run(Self.header)))
        #expect(error(lines.joined(separator: "\n") + "\n")?.description
            == "r.ndjson:3: a second \"run\" header (a recording is one run)")
    }

    @Test func blankLinesAndCRLFAreTolerated() throws {
        let text = Self.text.replacingOccurrences(of: "\n", with: "\r\n") + "\n"
        let r = try Recording.parse(text: text, file: "r.ndjson")
        #expect(r.events == Self.events && !r.truncated)
    }
}
