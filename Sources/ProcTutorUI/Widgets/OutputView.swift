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
            let lines = run.rawDisplayLines
            return PaneContent(title: S.output[s.lang], note: note, header: header, count: lines.count) { range in
                range.map { StyledLine(TextWidth.truncate(lines[$0], to: width)) }
            }
        }
    }

    /// Failed pool tasks that nobody fetched with `.get()`: prominent, because the program itself is silent.
    static func banner(_ run: RunState, width: Int, lang: Lang) -> [StyledLine] {
        let failures = run.unretrievedFailures
        guard !failures.isEmpty else { return [] }
        var head = "⚠ \(failures.count)\(S.unretrieved[lang])"
        if !run.ended { head += " " + S.unretrievedYet[lang] }
        var out = TextWidth.wrap(head, width: width).map { StyledLine(TextWidth.pad($0, to: width), Theme.alarm) }
        for f in failures.prefix(3) {
            let call = "\(f.function)(\(f.args))"
            let error = f.error.map { " → " + $0 } ?? ""
            let text = Sanitizer.sanitize("  #\(f.id) [\(f.pid)] \(call)\(error)")
            out.append(StyledLine(TextWidth.truncate(text, to: width), Theme.error))
        }
        if failures.count > 3 { out.append(StyledLine("  …", Theme.error)) }
        return out
    }
}
