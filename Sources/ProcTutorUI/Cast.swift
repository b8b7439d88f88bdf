import ProcTutorCore

/// An asciicast v2 file (asciinema's format) of a recording replayed on the tutorial's panes: a header line,
/// then `[t, "o", data]` lines, each frame drawn from the UI's own cell buffer as the replay plays. Only the
/// rows that changed since the last frame are written; wide characters are written once (their continuation
/// cells skipped), so a player lays out Chinese exactly as the terminal does.
public enum Cast {
    /// Frames per second of the replay (the tutorial's own frame rate).
    public static let fps = 30.0
    /// A cast never runs longer than this (a long run at 0.01× would take hours): 10 minutes.
    public static let maxSeconds = 600.0

    public static func render(_ recording: Recording, file: String, lang: Lang, speed: Double?, width: Int,
                              height: Int, title: String, timestamp: Int) -> String {
        var s = Replay.state(recording, file: file, lang: lang, speed: speed, width: width, height: height)
        s.focus = .processes
        var out = "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"timestamp\": \(timestamp), "
        var w = EventJSON.Writer()
        w.string(title)
        out += "\"title\": \(w.out), \"env\": {\"TERM\": \"xterm-256color\"}}\n"
        var previous: CellBuffer?
        var frame = 0
        while true {
            let t = Double(frame) / fps
            _ = App.update(&s, .frame(wall: t))
            let buffer = App.view(s)
            let data = ANSI.frame(buffer, since: previous)
            if !data.isEmpty { out += event(t, data) }
            previous = buffer
            if s.cursor == nil || t >= maxSeconds { break }
            frame += 1
        }
        // Leave the player's screen as a terminal would be left: cursor shown, below the frame.
        out += event(Double(frame) / fps + 1 / fps, "\u{1B}[0m\u{1B}[?25h\u{1B}[\(height);1H\r\n")
        return out
    }

    static func event(_ t: Double, _ data: String) -> String {
        var w = EventJSON.Writer()
        w.string(data)
        let ms = Int((t * 1000).rounded())
        let frac = ms % 1000
        let time = "\(ms / 1000)." + String(repeating: "0", count: frac < 10 ? 2 : frac < 100 ? 1 : 0) + "\(frac)"
        return "[\(time), \"o\", \(w.out)]\n"
    }
}

/// Cell buffers as terminal output: SGR attributes, absolute cursor moves, one row at a time.
public enum ANSI {
    /// What turns the screen showing `old` (nil: anything) into `new`.
    public static func frame(_ new: CellBuffer, since old: CellBuffer?) -> String {
        var out = old == nil || old!.width != new.width || old!.height != new.height
            ? "\u{1B}[0m\u{1B}[?25l\u{1B}[H\u{1B}[2J" : ""
        let full = !out.isEmpty
        for y in 0..<new.height {
            if !full, let old, (0..<new.width).allSatisfy({ old[$0, y] == new[$0, y] }) { continue }
            out += "\u{1B}[\(y + 1);1H" + row(new, y)
        }
        return out
    }

    static func row(_ b: CellBuffer, _ y: Int) -> String {
        var out = ""
        var current: Style?
        for x in 0..<b.width {
            let cell = b[x, y]
            if cell.width == 0 { continue }
            if cell.style != current {
                out += sgr(cell.style)
                current = cell.style
            }
            out += cell.text
        }
        return out + "\u{1B}[0m"
    }

    static func sgr(_ s: Style) -> String {
        var codes = ["0"]
        if s.bold { codes.append("1") }
        if s.dim { codes.append("2") }
        if s.underline { codes.append("4") }
        if s.reverse { codes.append("7") }
        if s.fg != .default { codes.append("\(29 + Int(s.fg.rawValue))") }
        if s.bg != .default { codes.append("\(39 + Int(s.bg.rawValue))") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
