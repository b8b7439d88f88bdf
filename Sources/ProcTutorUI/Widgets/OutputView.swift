import ProcTutorCore

/// The output pane: every line tagged and coloured by the PID that wrote it, or the raw interleaved stream;
/// above either, a banner for pool task failures nobody retrieved (lesson 5's silent errors).
enum OutputPane {
    static func content(_ s: AppState, width: Int) -> PaneContent {
        let note = "o: " + (s.outputMode == .byPID ? S.byPID[s.lang] : S.raw[s.lang])
        guard let run = s.run else {
            return PaneContent(title: S.output[s.lang], note: note, lines: [StyledLine(S.noRun[s.lang], Theme.hint)])
        }
        let header = banner(run, width: width, lang: s.lang)
        switch s.outputMode {
        case .byPID:
            let order = Dictionary(run.table.records.map { ($0.pid, $0.order) }, uniquingKeysWith: { a, _ in a })
            let lines = run.lines
            guard !lines.isEmpty else {
                return PaneContent(title: S.output[s.lang], note: note, header: header,
                                   lines: [StyledLine(S.noOutput[s.lang], Theme.hint)])
            }
            return PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count) { range in
                range.map { i in
                    let l = lines[i]
                    let tagStyle = l.pid.flatMap { order[$0] }.map(Theme.process) ?? Theme.hint
                    var line = StyledLine(TextWidth.pad(l.pid.map { "\($0)" } ?? "?", to: 7), tagStyle)
                    line.append("│ ", tagStyle)
                    line.append(TextWidth.truncate(l.text, to: max(1, width - 9)),
                                l.stream == .stderr ? Style(fg: .red) : .plain)
                    return line
                }
            }
        case .raw:
            let lines = run.rawLines
            return PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count) { range in
                range.map { StyledLine(TextWidth.truncate(lines[$0], to: width)) }
            }
        }
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
        let failures = run.unretrievedFailures
        guard !failures.isEmpty else { return out }
        var head = "⚠ \(failures.count)\(S.unretrieved[lang])"
        if !run.ended { head += " " + S.unretrievedYet[lang] }
        out += TextWidth.wrap(head, width: width).map { StyledLine(TextWidth.pad($0, to: width), Theme.alarm) }
        // The error first: it is what nobody saw. Two at most, so the output itself keeps its room.
        for f in failures.prefix(2) {
            let call = f.args.hasPrefix("(") ? f.function + f.args : "\(f.function)(\(f.args))"
            let text = screenSafe("  #\(f.id) [\(f.pid)] \(f.error ?? "?") ← \(call)")
            out.append(StyledLine(TextWidth.truncate(text, to: width), Theme.error))
        }
        if failures.count > 2 { out.append(StyledLine("  … +\(failures.count - 2)", Theme.error)) }
        return out
    }
}
