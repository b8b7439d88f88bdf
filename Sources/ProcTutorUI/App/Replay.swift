import ProcTutorCore

/// `proctutor replay FILE`: a recording on the tutorial's screen (its own code, no live run), and the state at
/// a moment as text or JSON for scripts.
public enum Replay {
    /// The id of the replay's scratch lesson (never saved as progress).
    public static let lessonID = "replay"

    /// The tutorial's state over `recording`: every event folded in, the cursor at the start and playing at
    /// `speed` (default: the speed that makes the run last a few seconds, for a short one; 1× otherwise).
    public static func state(_ recording: Recording, file: String, lang: Lang, speed: Double? = nil,
                             monochrome: Bool = false, width: Int = 0, height: Int = 0) -> AppState {
        let header = recording.header
        let program = header?.program ?? file
        let name = program.split(separator: "/").last.map(String.init) ?? program
        let title = Localized(zh: "\(name)（录像）", en: "\(name) (recording)")
        let demo = Demo(name: header?.variant ?? "replay", file: name, title: title, startMethod: header?.startMethod)
        let lesson = Lesson(id: lessonID, number: 1, title: Localized(zh: "回放 \(name)", en: "Replaying \(name)"),
                            demos: [demo], text: [.zh: explanation(.zh, header, file), .en: explanation(.en, header, file)],
                            quiz: [], directory: "/replay")
        // The code is the recording's own (the file may have changed since, or be gone): nothing is read from disk.
        var sources: [String: SourceCode] = [:]
        if let source = header?.source { sources[lesson.path(of: demo)] = SourceCode(text: source) }
        var s = AppState(lessons: [lesson], lang: lang, width: width, height: height, monochrome: monochrome,
                         sources: sources)
        s.replayOnly = true
        s.replaceRun(RunState(path: lesson.path(of: demo), demoName: demo.name, lessonID: lessonID,
                              startMethod: header?.startMethod))
        s.run?.keepsLog = false
        s.foldWithoutWindow()
        for e in recording.events { s.record(e) }  // the history sorts them into time order
        s.settleHistory()
        s.run?.now = s.history?.lastTime ?? 0
        s.run?.ended = true
        let end = s.runEnd
        var c = TimeCursor(index: 0, t: 0, speed: speed ?? (end < TimeCursor.autoReplayBelow ? TimeCursor.autoSpeed(for: end) : 1))
        c.play()
        s.cursor = c
        return s
    }

    /// Events in time order (stable): a line can arrive after its writer's exit, stamped before it.
    static func ordered(_ events: [Event]) -> [Event] {
        events.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
    }

    /// The last moment of a recording.
    public static func end(of recording: Recording) -> Double {
        recording.events.map(\.t).max() ?? 0
    }

    /// The run as it was at `t` seconds: every event up to it applied (with its text).
    public static func moment(_ recording: Recording, at t: Double) -> RunState {
        let header = recording.header
        var run = RunState(path: header?.program ?? "", demoName: header?.variant ?? "replay", lessonID: header?.lesson ?? "",
                           startMethod: header?.startMethod)
        for e in ordered(recording.events) where e.t <= t { run.apply(e) }
        run.now = t
        run.ended = t >= end(of: recording) && run.summary != nil
        return run
    }

    /// A process's state as `--at` prints it: `running|sleeping|stopped|zombie|exit N|killed SIGNAME`.
    static func stateWord(_ r: ProcessRecord) -> String {
        if r.isAlive { return r.state.rawValue }
        if r.isZombie { return "zombie" }
        if let sig = r.exitSignal { return "killed \(Format.signal(sig))" }
        if let code = r.exitCode { return "exit \(code)" }
        return "ended"
    }

    /// `--at T --plain`: one line per process as the table shows it (tree order), then the output lines so far.
    public static func plain(_ run: RunState) -> [String] {
        var out: [String] = ["t=\(Format.preciseSeconds(run.now))"]
        let recs = run.table.records
        for (index, depth) in run.tree {
            let r = recs[index]
            let indent = String(repeating: "  ", count: depth)
            out.append("\(indent)\(r.pid) ppid=\(r.ppid) \(screenSafe(r.name ?? r.method.rawValue)) \(stateWord(r))")
        }
        let tasks = run.tasks
        if !tasks.isEmpty {
            let done = tasks.filter { $0.status == .done }.count, failed = tasks.filter { $0.status == .failed }.count
            out.append("tasks: \(tasks.count - done - failed) started, \(done) done, \(failed) failed")
        }
        out.append("output:")
        for l in run.lines { out.append("\(l.pid.map { "\($0)" } ?? "?") \(l.stream.rawValue): \(l.text)") }
        return out
    }

    /// `--at T --json`: one object, `{"t", "processes": [...], "output_lines": [...], "tasks": {...}}`.
    public static func json(_ run: RunState) -> String {
        var w = EventJSON.Writer()
        w.raw("{\"t\":"); w.number(run.now)
        w.raw(",\"processes\":[")
        let recs = run.table.records
        for (k, (index, _)) in run.tree.enumerated() {
            let r = recs[index]
            if k > 0 { w.raw(",") }
            w.raw("{\"pid\":\(r.pid),\"ppid\":\(r.ppid),\"name\":"); w.optionalString(r.name)
            let state = r.isAlive ? r.state.rawValue : r.isZombie ? "zombie" : r.exitSignal != nil ? "killed" : "exited"
            w.raw(",\"state\":"); w.string(state)
            w.raw(",\"code\":" + (r.isAlive ? "null" : r.exitCode.map { "\($0)" } ?? "null"))
            w.raw(",\"signal\":" + (r.exitSignal.map { "\($0)" } ?? "null") + "}")
        }
        w.raw("],\"output_lines\":[")
        for (k, l) in run.lines.enumerated() {
            if k > 0 { w.raw(",") }
            w.raw("{\"t\":"); w.number(l.t)
            w.raw(",\"pid\":" + (l.pid.map { "\($0)" } ?? "null") + ",\"stream\":"); w.string(l.stream.rawValue)
            w.raw(",\"text\":"); w.string(l.text); w.raw("}")
        }
        let tasks = run.tasks
        let done = tasks.filter { $0.status == .done }.count, failed = tasks.filter { $0.status == .failed }.count
        w.raw("],\"tasks\":{\"started\":\(tasks.count - done - failed),\"done\":\(done),\"failed\":\(failed)}}")
        return w.out
    }

    static func explanation(_ lang: Lang, _ header: RunHeader?, _ file: String) -> Document {
        let program = header?.program ?? file
        let method = header?.startMethod?.rawValue ?? S.defaultMethod[lang]
        let python = [header?.python, header?.pythonVersion].compactMap { $0 }.joined(separator: " ")
        func p(_ parts: Inline...) -> Block { .paragraph(parts) }
        func item(_ key: String, _ text: String) -> [Block] { [.paragraph([.code(key), .text(" " + text)])] }
        switch lang {
        case .zh:
            return Document(blocks: [
                p(.text("这是一次真实运行的录像："), .code(file), .text("。")),
                p(.text("程序 "), .code(program), .text("，启动方式 \(method)，Python \(python)，开始于 \(header?.started ?? "?")。代码窗格显示的是当时运行的代码。")),
                .list(start: nil, items: [
                    item("p", "暂停／播放"), item(", .", "上一个／下一个事件"), item("< >", "更慢／更快"),
                    item("0", "从头开始"), item("$", "跳到结尾"), item("?", "全部按键"), item("q", "退出"),
                ]),
            ])
        case .en:
            return Document(blocks: [
                p(.text("A recording of a real run: "), .code(file), .text(".")),
                p(.text("Program "), .code(program), .text(", start method \(method), Python \(python), started \(header?.started ?? "?"). The code pane shows the code that ran.")),
                .list(start: nil, items: [
                    item("p", "pause / play"), item(", .", "previous / next event"), item("< >", "slower / faster"),
                    item("0", "from the start"), item("$", "to the end"), item("?", "every key"), item("q", "quit"),
                ]),
            ])
        }
    }
}
