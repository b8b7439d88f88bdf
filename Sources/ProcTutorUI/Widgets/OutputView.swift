import ProcTutorCore

/// The output pane: every line tagged and coloured by the PID that wrote it, or the raw interleaved stream;
/// above either, a banner for pool task failures nobody retrieved (lesson 5's silent errors).
enum OutputPane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        let note = "o: " + (s.outputMode == .byPID ? S.byPID[s.lang] : S.raw[s.lang])
        guard let live = s.run, let run = s.shown else {
            return PaneContent(title: S.output[s.lang], note: note, lines: [])  // the processes pane says nothing has run
        }
        var content = lines(s, live: live, run: run, width: width, note: note)
        content.title = s.runPaneTitle(S.output)
        return content
    }

    static func lines(_ s: AppState, live: RunState, run: RunState, width: Int, note: String) -> PaneContent {
        let header = banner(run, width: width, lang: s.lang)
        // The live run holds the text; a replay shows as many of its lines as had been written by then.
        let atCursor = s.cursor != nil
        switch s.outputMode {
        case .byPID:
            let order = Dictionary(run.table.records.map { ($0.pid, $0.order) }, uniquingKeysWith: { a, _ in a })
            // At the cursor: the first `outputLinesSeen` lines (lines keep their order in the history).
            let seen = atCursor ? run.outputLinesSeen : live.outputLinesSeen
            let droppedLines = min(seen, live.droppedLines)
            let lines = live.lines.prefix(max(0, seen - live.droppedLines))
            guard !lines.isEmpty || droppedLines > 0 else {
                return PaneContent(title: S.output[s.lang], note: note, header: header,
                                   lines: [StyledLine(S.noOutput[s.lang], Theme.hint)])
            }
            // The line the cursor's event wrote is marked, so a step shows which line it was.
            let marked = atCursor && s.cursorEventIsOutput ? lines.count - 1 : nil
            // Past the cap, a first body line says how many earlier lines are gone.
            let skip = droppedLines > 0 ? 1 : 0
            let dropped = droppedNote(droppedLines, width: width, lang: s.lang)
            // A long line wraps (a traceback's last line is the one that matters), its continuation indented
            // under the text, the tag column kept.
            let rowsOf = { (j: Int) -> [StyledLine] in
                if j < skip { return [dropped] }
                let l = lines[j - skip]
                let tagStyle = l.pid.flatMap { order[$0] }.map(Theme.process) ?? Theme.hint
                let isMarked = j - skip == marked
                // In a replay one more column, for the mark.
                var line = atCursor ? StyledLine(isMarked ? "▶" : " ", Theme.key) : StyledLine()
                line.append(TextWidth.pad(l.pid.map { "\($0)" } ?? "?", to: 7), tagStyle)
                line.append("│ ", tagStyle)
                let textStyle = l.stream == .stderr ? Style(fg: .red) : Style.plain
                line.append(l.text, isMarked ? textStyle.adding(reverse: true) : textStyle)
                guard line.width > width else { return [line] }
                var indent = StyledLine(String(repeating: " ", count: atCursor ? 8 : 7))
                indent.append("│ ", tagStyle)
                return line.hardWrapped(width: width, indent: indent)
            }
            var content = PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count + skip) {
                $0.map { rowsOf($0)[0] }
            }
            content.rowsOf = rowsOf
            return content
        case .raw:
            let seen = atCursor ? run.rawLinesSeen : live.rawLinesSeen
            let droppedRaw = min(seen, live.droppedRawLines)
            let lines = live.rawLines.prefix(max(0, seen - live.droppedRawLines))
            let skip = droppedRaw > 0 ? 1 : 0
            let dropped = droppedNote(droppedRaw, width: width, lang: s.lang)
            let rowsOf = { (j: Int) -> [StyledLine] in
                if j < skip { return [dropped] }
                let line = StyledLine(lines[lines.startIndex + j - skip])
                return line.width > width ? line.hardWrapped(width: width) : [line]
            }
            var content = PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count + skip) {
                $0.map { rowsOf($0)[0] }
            }
            content.rowsOf = rowsOf
            return content
        }
    }

    /// "… N earlier lines dropped": where the lines the run no longer keeps would be.
    static func droppedNote(_ n: Int, width: Int, lang: Lang) -> StyledLine {
        StyledLine(TextWidth.truncate("… \(n)\(S.earlierDropped[lang])", to: width), Theme.hint)
    }

    /// Failed pool tasks that nobody fetched with `.get()`: prominent, because the program itself is silent.
    static func banner(_ run: RunState, width: Int, lang: Lang) -> [StyledLine] {
        var out: [StyledLine] = []
        // Why the run stopped from outside, and what the engine wants the student to know (output cut, the
        // demo could not start): the last two, in the UI's language, wrapped (never cut).
        if let stop = run.stopped {
            let text = screenSafe("■ \(S.stoppedBy[lang]): \(EngineWords.stopSentence(stop.reason, detail: stop.detail, lang))")
            out += StyledLine(text, Theme.stopped).wrapped(width: width, indent: StyledLine("  "))
        }
        for notice in run.notices.suffix(2) {
            out += StyledLine("ℹ " + EngineWords.notice(notice, lang), Theme.stopped).wrapped(width: width, indent: StyledLine("  "))
        }
        if run.readStdinAtEOF {
            out += StyledLine("ℹ " + S.stdinNotConnected[lang], Theme.stopped).wrapped(width: width, indent: StyledLine("  "))
        }
        let count = run.unretrievedFailureCount
        guard count > 0 else { return out }
        var head = "⚠ \(count)\(S.unretrieved[lang])"
        if !run.ended { head += " " + S.unretrievedYet[lang] }
        out += TextWidth.wrap(head, width: width).map { StyledLine(TextWidth.pad($0, to: width), Theme.alarm) }
        // The error first: it is what nobody saw. Two at most, so the output itself keeps its room; `e` lists
        // every failed task in full.
        for f in run.unretrievedFailures.prefix(2) {
            let text = screenSafe("  #\(f.id) [\(f.pid)] \(f.error ?? "?") ← \(FailuresView.call(f))")
            out.append(StyledLine(TextWidth.truncate(text, to: width), Theme.error))
        }
        let more = count > 2 ? "  … +\(count - 2) · " : "  "
        out.append(StyledLine(TextWidth.truncate(more + S.failuresKeyHint[lang], to: width), Theme.error))
        return out
    }
}
