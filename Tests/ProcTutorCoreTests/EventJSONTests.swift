import Testing
@testable import ProcTutorCore

@Suite struct EventJSONTests {
    static let header = RunHeader(program: "/l/05-broken-pool/original.py", lesson: "05-broken-pool",
                                  variant: "original", startMethod: .spawn, python: "/usr/bin/python3",
                                  pythonVersion: "3.12.1", argv: ["/usr/bin/python3", "-u", "/l/x.py", "a \"b\"", "子"],
                                  started: "2026-11-27T21:23:00.123Z", proctutor: "0.9.0",
                                  source: "import os\n\tprint(\"进程\")\n\u{1b}[31m", sourceTruncated: true)
    static let samples: [Event] = [
        Event(t: 0, .run(header)),
        Event(t: 0, .run(RunHeader(program: "p.py", python: "python3", pythonVersion: nil, argv: [],
                                   started: "1970-01-01T00:00:00.000Z", source: ""))),
        Event(t: 0.031, .start(pid: 15081, ppid: 15080, name: "Process-1", method: .fork, parent: nil)),
        Event(t: 0.5, .start(pid: 15090, ppid: 15085, name: nil, method: .forkserver, parent: 15080)),
        Event(t: 0, .start(pid: 1, ppid: 0, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 1, .start(pid: 2, ppid: 1, name: nil, method: .osFork, parent: nil)),
        Event(t: 1.25, .output(pid: 15081, stream: .stdout, text: "test1子进程运行中，pid=15081 \"q\" \\ \t")),
        Event(t: 1.25, .output(pid: nil, stream: .stderr, text: "\u{1b}[31mred\u{1b}[0m \u{9b}2J \u{7f}")),
        Event(t: 2, .state(pid: 3, state: .zombie)),
        Event(t: 2, .exit(pid: 3, code: 0, signal: nil)),
        Event(t: 2, .exit(pid: 4, code: nil, signal: 15)),
        Event(t: 2, .exit(pid: 5, code: nil, signal: nil)),
        Event(t: 2.000001, .reaped(pid: 3, by: 1)),
        Event(t: 3, .task(pid: 6, id: 7, status: .failed, function: "test1", args: "('mark<built-in function id>',)",
                          error: "TypeError: must be real number, not str")),
        Event(t: 3, .task(pid: 6, id: 8, status: .started, function: "f", args: "(1,)", error: nil)),
        Event(t: 3, .retrieved(id: 7)),
        Event(t: 3, .raw(stream: .stdout, text: "--start--mark<built-in function id>运行中")),
        Event(t: 4, .stopped(reason: .processLimit, detail: "too many")),
        Event(t: 4, .stopped(reason: .leftover, detail: "left")),
        Event(t: 4, .notice(text: "note")),
        Event(t: 12.5, .summary(Summary(exitCode: 0, processes: 6, maxAlive: 6, duration: 12.5,
                                        unretrievedFailures: 7))),
    ]

    @Test(arguments: samples) func roundTrip(_ event: Event) throws {
        let line = EventJSON.encode(event)
        #expect(!line.contains("\n"))
        #expect(try EventJSON.decode(line) == event)
    }

    @Test func fieldNamesAndOrderAreThePublicOnes() {
        #expect(EventJSON.encode(Self.samples[2])
            == #"{"t":0.031,"event":"start","pid":15081,"ppid":15080,"name":"Process-1","method":"fork","parent":null}"#)
        #expect(EventJSON.encode(Self.samples[13]) == #"{"t":3.0,"event":"task","pid":6,"id":7,"status":"failed","func":"test1","args":"('mark<built-in function id>',)","error":"TypeError: must be real number, not str"}"#)
        #expect(EventJSON.encode(Self.samples.last!) == #"{"t":12.5,"event":"summary","exit_code":0,"processes":6,"max_alive":6,"duration":12.5,"unretrieved_failures":7}"#)
    }

    @Test func theRunHeaderHasItsPublicFieldsInOrder() {
        let h = RunHeader(program: "/p.py", python: "/usr/bin/python3", pythonVersion: "3.12.1",
                          argv: ["/usr/bin/python3", "-u", "/p.py"], started: "2026-11-27T21:23:00.123Z",
                          proctutor: "0.9.0", source: "print(1)\n")
        #expect(EventJSON.encode(Event(t: 0, .run(h)))
            == #"{"t":0.0,"event":"run","schema":2,"proctutor":"0.9.0","program":"/p.py","lesson":null,"variant":null,"start_method":null,"python":"/usr/bin/python3","python_version":"3.12.1","argv":["/usr/bin/python3","-u","/p.py"],"started":"2026-11-27T21:23:00.123Z","source":"print(1)\n","source_truncated":false}"#)
        #expect(PlainFormat.line(Event(t: 0, .run(h))) == "+0.000s  run /p.py, method default, Python 3.12.1")
        #expect(PlainFormat.line(Event(t: 0, .run(Self.header)))
            == "+0.000s  run /l/05-broken-pool/original.py (lesson 05-broken-pool, original), method spawn, Python 3.12.1")
    }

    @Test func sourceIsCutAtACharacterBoundaryPastTheLimit() {
        let bytes = Array("ab进程".utf8)  // 2 + 3 + 3 bytes
        #expect(RunHeader.source(of: bytes, limit: 8) == ("ab进程", false))
        #expect(RunHeader.source(of: bytes, limit: 7) == ("ab进", true))
        #expect(RunHeader.source(of: bytes, limit: 4) == ("ab", true))
        let big = [UInt8](repeating: 0x61, count: RunHeader.sourceLimit + 1)
        let cut = RunHeader.source(of: big)
        #expect(cut.truncated && cut.text.utf8.count == RunHeader.sourceLimit)
    }

    @Test func startTimesAreISO8601UTC() {
        #expect(RunHeader.iso8601(epochSeconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RunHeader.iso8601(epochSeconds: 1_709_210_096.789) == "2024-02-29T12:34:56.789Z")
        #expect(RunHeader.iso8601(epochSeconds: 951_782_400) == "2000-02-29T00:00:00.000Z")
    }

    @Test(arguments: [
        #"{"t":0,"event":"run","schema":2,"proctutor":"x","program":"p","lesson":null,"variant":null,"start_method":null,"python":"p","python_version":null,"argv":[["a"]],"started":"s","source":""}"#,
        #"{"t":0,"event":"run","schema":2,"proctutor":"x","program":"p","lesson":null,"variant":null,"start_method":null,"python":"p","python_version":null,"argv":[{"a":1}],"started":"s","source":""}"#,
        #"{"t":0,"event":"run","schema":2,"proctutor":"x","program":"p","lesson":null,"variant":null,"start_method":null,"python":"p","python_version":null,"argv":["a",1],"started":"s","source":""}"#,
        #"{"t":0,"event":"run","schema":2,"proctutor":"x","program":"p","lesson":null,"variant":null,"start_method":null,"python":"p","python_version":null,"argv":["a",],"started":"s","source":""}"#,
        #"{"t":0,"event":"run","schema":2,"proctutor":"x","program":"p","lesson":null,"variant":null,"start_method":null,"python":"p","python_version":null,"argv":["a"}"#,
    ])
    func badArgvIsRejected(_ line: String) {
        #expect(throws: EventJSON.DecodingError.self) { try EventJSON.decode(line) }
    }

    @Test func controlCharactersAreEscapedSoTheLineIsTerminalSafe() {
        let line = EventJSON.encode(Self.samples[7])
        #expect(line.contains(#"\u001b[31m"#))
        #expect(line.contains(#"\u009b"#))
        #expect(line.contains(#"\u007f"#))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }

    @Test(arguments: [
        ("", "not a JSON object"),
        ("[1]", "not a JSON object"),
        (#"{"t":1}"#, "missing field \"event\""),
        (#"{"t":"x","event":"start"}"#, "field \"t\" is not a number"),
        (#"{"t":1,"event":"bogus"}"#, "unknown event kind \"bogus\""),
        (#"{"t":1,"event":"state","pid":3,"state":"dancing"}"#, "field \"state\" is not a known value (got \"dancing\")"),
        (#"{"t":1,"event":"exit","pid":-4,"code":0,"signal":null}"#, "field \"pid\" is not a process id"),
        (#"{"t":1,"event":"exit","pid":4.5,"code":0,"signal":null}"#, "field \"pid\" is not an integer"),
    ])
    func badLinesSayWhatIsWrong(_ line: String, _ message: String) {
        #expect(throws: EventJSON.DecodingError(message: message)) { try EventJSON.decode(line) }
    }
}

@Suite struct TracerRecordTests {
    @Test func decodesEveryKind() throws {
        let lines = [
            #"{"t":5.5,"k":"birth","pid":10,"ppid":9,"m":"forkserver","n":null,"par":8,"final":false}"#,
            #"{"t":5.5,"k":"ident","pid":10,"n":"Process-1","par":null}"#,
            #"{"t":5.5,"k":"out","pid":10,"s":2,"x":"boom"}"#,
            #"{"t":5.5,"k":"reaped","pid":10,"by":9,"sig":15}"#,
            #"{"t":5.5,"k":"exit","pid":10,"code":3}"#,
            #"{"t":5.5,"k":"task","pid":10,"j":0,"s":"started","f":"f","a":"(1,)"}"#,
            #"{"t":5.5,"k":"got","j":0}"#,
            #"{"t":5.5,"k":"notice","pid":10,"text":"capped"}"#,
        ]
        let records = try lines.map { try TracerRecord.decode($0).record }
        #expect(records == [
            .birth(pid: 10, ppid: 9, method: .forkserver, name: nil, parent: 8, final: false),
            .ident(pid: 10, name: "Process-1", parent: nil),
            .output(pid: 10, stream: .stderr, text: "boom"),
            .reaped(pid: 10, by: 9, code: nil, signal: 15),
            .exitHint(pid: 10, code: 3),
            .task(pid: 10, job: 0, status: .started, function: "f", args: "(1,)", error: nil),
            .retrieved(job: 0),
            .notice(pid: 10, text: "capped"),
        ])
    }

    @Test func aRepeatedFieldCountsOnceWithItsLastValue() throws {
        let (t, record) = try TracerRecord.decode(#"{"t":1,"k":"got","j":1,"t":2.5,"j":7}"#)
        #expect(t == 2.5)
        #expect(record == .retrieved(job: 7))
    }

    @Test(arguments: ["garbage", #"{"t":1,"k":"out","pid":1,"s":3,"x":""}"#, #"{"k":"got","j":0}"#, "{\"t\":1,"])
    func garbageIsRejected(_ line: String) {
        #expect(throws: EventJSON.DecodingError.self) { try TracerRecord.decode(line) }
    }
}

@Suite struct SanitizerTests {
    @Test func controlsBecomeVisible() {
        #expect(Sanitizer.sanitize("\u{1b}[2Jhi\u{7}") == "␛[2Jhi␇")
        #expect(Sanitizer.sanitize("a\u{9b}b\u{7f}") == "a\\u{9b}b␡")
        #expect(Sanitizer.sanitize("\r\n") == "␍␊")
    }

    @Test func cleanTextIsReturnedAsItIs() {
        #expect(Sanitizer.sanitize("子进程运行中，pid=42 ok") == "子进程运行中，pid=42 ok")
        #expect(Sanitizer.sanitize("no\u{A0}break") == "no\u{A0}break", "U+00A0 (bytes C2 A0) is not a C1 control")
        #expect(Sanitizer.sanitize("next\u{85}line") == "next\\u{85}line", "U+0085 (bytes C2 85) is")
    }

    @Test func tabsExpandToStops() {
        #expect(Sanitizer.sanitize("a\tb") == "a       b")
        #expect(Sanitizer.sanitize("\tx", tabWidth: 4) == "    x")
        #expect(Sanitizer.sanitize("abcd\tx", tabWidth: 4) == "abcd    x")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        #expect(Sanitizer.sanitize(bytes: [0x66, 0xFF, 0xC3, 0x28, 0xE4, 0xBD, 0xA0]) == "f\u{FFFD}\u{FFFD}(你")
    }

    @Test func plainLinesNeverCarryControlCharacters() {
        let e = Event(t: 0.031, .output(pid: 7, stream: .stdout, text: "\u{1b}]0;title\u{7}\u{1b}[31mx"))
        let line = PlainFormat.line(e)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        #expect(PlainFormat.line(Event(t: 0.031, .start(pid: 15081, ppid: 15080, name: "Process-1", method: .fork,
                                                       parent: nil)))
            == "+0.031s  15081 ← 15080  start Process-1 (fork)")
    }
}
