import ProcTutorCore

extension AppState {
    /// The event the cursor stands on: the last one applied that a step stops at (nil at the start or live).
    var cursorEvent: Event? {
        guard let c = cursor, let h = history else { return nil }
        var i = min(c.index, h.count) - 1
        while i >= 0 && !h.isStep(i) { i -= 1 }
        return i >= 0 ? h.events[i] : nil
    }

    var cursorEventIsOutput: Bool {
        if case .output = cursorEvent?.kind { return true }
        return false
    }
}

/// The line that says the panes show the past: how (paused, replaying at what speed, started by itself),
/// when (`+0.043s / 0.081s`), and what happened at that moment (`+0.031s 8703 ← 8696 start (os.fork)`).
enum TimeBar {
    static func text(_ s: AppState) -> String? {
        guard let c = s.cursor, let history = s.history else { return nil }
        let l = s.lang
        let speed = Format.speed(c.speed)
        var head: String
        if c.playing {
            head = "▶ " + (c.automatic ? S.autoReplay[l] : S.replaying[l]) + " " + speed
        } else {
            head = "❚❚ " + (s.isRunning ? S.viewPausedLive[l] : S.replayPaused[l])
        }
        head += " · +\(Format.preciseSeconds(c.t)) / \(Format.preciseSeconds(s.runEnd))"
        var parts = [head, "\(S.eventWord[l]) \(history.steps(before: c.index))/\(history.stepCount)"]
        if let e = s.cursorEvent { parts.append("+\(Format.preciseSeconds(e.t)) " + describe(e, s)) }
        if history.isTruncated { parts.append(S.historyCut[l]) }
        return parts.joined(separator: " · ")
    }

    /// One event in words, as the replay line shows it.
    static func describe(_ e: Event, _ s: AppState) -> String {
        let l = s.lang
        switch e.kind {
        case let .start(pid, ppid, name, method, parent):
            let who = name.map { " \(screenSafe($0))" } ?? ""
            let logical = parent.map { $0 != ppid ? " (\($0))" : "" } ?? ""
            return "\(pid)\(who) ← \(ppid)\(logical) \(S.evStart[l]) (\(method.rawValue))"
        case let .output(pid, stream, _):
            let text = s.lineAtCursor.map { "“" + TextWidth.truncate($0, to: 40) + "”" } ?? ""
            return "\(pid.map { "\($0)" } ?? "?") \(stream == .stderr ? "stderr" : S.evOutput[l]) \(text)"
        case let .state(pid, state):
            return "\(pid) → \(ProcessTableView.stateWord(state, lang: l))"
        case let .exit(pid, code, signal):
            if let signal { return "\(pid) \(S.stKilled[l]) \(Format.signal(signal))" }
            return "\(pid) \(S.stExit[l]) \(code.map { "\($0)" } ?? "?")"
        case let .reaped(pid, by):
            return "\(pid) \(S.evReapedBy[l]) \(by)\(S.evReapedTail[l])"
        case let .task(pid, id, status, function, args, error):
            let call = args.hasPrefix("(") ? function + args : "\(function)(\(args))"
            let what = status == .started ? S.evTaskStarted[l] : status == .done ? S.evTaskDone[l] : S.evTaskFailed[l]
            return screenSafe("#\(id) \(what) @\(pid): \(call)" + (error.map { " — \($0)" } ?? ""))
        case let .retrieved(id):
            return "#\(id) \(S.evRetrieved[l])"
        case let .stopped(reason, _):
            return "\(S.stoppedBy[l]): \(reason.rawValue)"
        case let .notice(text):
            return "ℹ " + screenSafe(text)
        case let .summary(sum):
            return "\(S.evEnd[l]) \(S.exitCode[l]) \(sum.exitCode)"
        case let .run(header):
            let name = header.program.split(separator: "/").last.map(String.init) ?? header.program
            return "\(S.evRun[l]) \(screenSafe(name)) (\(header.startMethod?.rawValue ?? S.defaultMethod[l]), Python \(header.pythonVersion ?? "?"))"
        case .raw:
            return e.name
        }
    }

    static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        buf.fill(area, style: Theme.timeBar)
        guard let text = text(state) else { return }
        buf.put(" " + text, x: area.x, y: area.y, style: Theme.timeBar, maxWidth: area.width)
    }
}

extension AppState {
    /// The text of the output line the cursor's event wrote, from the live run (nil when no longer kept).
    var lineAtCursor: String? {
        guard let live = run, let shown = replayed else { return nil }
        let k = shown.outputLinesSeen - 1 - live.droppedLines
        return live.lines.indices.contains(k) ? live.lines[k].text : nil
    }
}
