import ProcTutorCore

/// The output pane: every line tagged and coloured by the PID that wrote it, or the raw interleaved stream;
/// above either, a banner for pool task failures nobody retrieved (lesson 5's silent errors).
enum OutputPane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        let note = "o: " + (s.outputMode == .byPID ? S.byPID[s.lang] : S.raw[s.lang])
        guard let live = s.run, let run = s.shown else {
            return PaneContent(title: S.output[s.lang], note: note, lines: [StyledLine(S.noRun[s.lang], Theme.hint)])
        }
        let header = banner(run, width: width, lang: s.lang)
        // The live run holds the text; a replay shows as many of its lines as had been written by then.
        let atCursor = s.cursor != nil
        switch s.outputMode {
        case .byPID:
            let order = Dictionary(run.table.records.map { ($0.pid, $0.order) }, uniquingKeysWith: { a, _ in a })
            // At the cursor: the first `outputLinesSeen` lines in time order, each found by its arrival number.
            let lines: [OutputLine]
            var droppedLines = live.droppedLines
            if atCursor, let order = s.history?.outputOrder {
                let arrivals = order.prefix(run.outputLinesSeen)
                lines = arrivals.compactMap { live.lines.indices.contains($0 - live.droppedLines) ? live.lines[$0 - live.droppedLines] : nil }
                droppedLines = arrivals.count - lines.count
            } else {
                lines = live.lines
            }
            guard !lines.isEmpty || droppedLines > 0 else {
                return PaneContent(title: S.output[s.lang], note: note, header: header,
                                   lines: [StyledLine(S.noOutput[s.lang], Theme.hint)])
            }
            // The line the cursor's event wrote is marked, so a step shows which line it was.
            let marked = atCursor && s.cursorEventIsOutput ? lines.count - 1 : nil
            // Past the cap, a first body line says how many earlier lines are gone.
            let skip = droppedLines > 0 ? 1 : 0
            let dropped = droppedNote(droppedLines, width: width, lang: s.lang)
            return PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count + skip) { range in
                range.map { j in
                    if j < skip { return dropped }
                    let l = lines[j - skip]
                    let tagStyle = l.pid.flatMap { order[$0] }.map(Theme.process) ?? Theme.hint
                    let isMarked = j - skip == marked
                    // In a replay one more column, for the mark.
                    var line = atCursor ? StyledLine(isMarked ? "▶" : " ", Theme.key) : StyledLine()
                    line.append(TextWidth.pad(l.pid.map { "\($0)" } ?? "?", to: 7), tagStyle)
                    line.append("│ ", tagStyle)
                    let textStyle = l.stream == .stderr ? Style(fg: .red) : Style.plain
                    line.append(TextWidth.truncate(l.text, to: max(1, width - (atCursor ? 10 : 9))),
                                isMarked ? textStyle.adding(reverse: true) : textStyle)
                    return line
                }
            }
        case .raw:
            let seen = atCursor ? run.rawLinesSeen : live.rawLinesSeen
            let droppedRaw = min(seen, live.droppedRawLines)
            let lines = live.rawLines.prefix(max(0, seen - live.droppedRawLines))
            let skip = droppedRaw > 0 ? 1 : 0
            let dropped = droppedNote(droppedRaw, width: width, lang: s.lang)
            return PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count + skip) { range in
                range.map { $0 < skip ? dropped : StyledLine(TextWidth.truncate(lines[$0 - skip], to: width)) }
            }
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
        // demo could not start): the last two, one line each.
        if let stop = run.stopped {
            let text = screenSafe("■ \(S.stoppedBy[lang]): \(stop.reason.rawValue) — \(stop.detail)")
            out.append(StyledLine(TextWidth.truncate(text, to: width), Theme.stopped))
        }
        for notice in run.notices.suffix(2) {
            out.append(StyledLine(TextWidth.truncate("ℹ " + notice, to: width), Theme.stopped))
        }
        let count = run.unretrievedFailureCount
        guard count > 0 else { return out }
        var head = "⚠ \(count)\(S.unretrieved[lang])"
        if !run.ended { head += " " + S.unretrievedYet[lang] }
        out += TextWidth.wrap(head, width: width).map { StyledLine(TextWidth.pad($0, to: width), Theme.alarm) }
        // The error first: it is what nobody saw. Two at most, so the output itself keeps its room.
        for f in run.unretrievedFailures.prefix(2) {
            let call = f.args.hasPrefix("(") ? f.function + f.args : "\(f.function)(\(f.args))"
            let text = screenSafe("  #\(f.id) [\(f.pid)] \(f.error ?? "?") ← \(call)")
            out.append(StyledLine(TextWidth.truncate(text, to: width), Theme.error))
        }
        if count > 2 { out.append(StyledLine("  … +\(count - 2)", Theme.error)) }
        return out
    }
}
