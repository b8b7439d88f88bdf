import ProcTutorCore

/// `proctutor watch FILE.py`: the tutorial screen around the student's own script.
///
/// The script becomes a scratch lesson with one demo and no quiz, so every pane, key and the run machinery work
/// exactly as in a lesson; the lesson text is a short explanation of the panes and keys instead.
public enum Watch {
    /// The id of the scratch lesson (never saved as progress).
    public static let lessonID = "watch"

    /// A lesson whose one demo is `path` (absolute), stopped after `timeout` seconds.
    public static func lesson(program path: String, timeout: Double) -> Lesson {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let file = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let demo = Demo(name: "watch", file: file, title: Localized(zh: file, en: file), timeout: timeout)
        return Lesson(id: lessonID, number: 1, title: Localized(zh: "观察 \(file)", en: "Watching \(file)"),
                      demos: [demo], text: [.zh: explanation(.zh, timeout: timeout), .en: explanation(.en, timeout: timeout)],
                      quiz: [], directory: directory.isEmpty ? "/" : directory)
    }

    /// The tutorial's state for watching `path`; the backend sends `r` (or the student does) to start it.
    public static func state(program path: String, timeout: Double, lang: Lang, monochrome: Bool = false,
                             sources: [String: SourceCode] = [:], width: Int = 0, height: Int = 0) -> AppState {
        AppState(lessons: [lesson(program: path, timeout: timeout)], lang: lang, width: width, height: height,
                 monochrome: monochrome, sources: sources)
    }

    /// What the panes show and which keys matter, in place of a lesson text.
    static func explanation(_ lang: Lang, timeout: Double) -> Document {
        let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
        func p(_ parts: Inline...) -> Block { .paragraph(parts) }
        func item(_ key: String, _ text: String) -> [Block] { [.paragraph([.code(key), .text(" " + text)])] }
        switch lang {
        case .zh:
            return Document(blocks: [
                p(.text("其他窗格实时显示你的程序。"),
                  .strong([.text("代码")]), .text("：你的文件；"),
                  .strong([.text("进程")]), .text("：每个进程一行（PID、父进程、状态、存活时间），按父子关系缩进；"),
                  .strong([.text("输出")]), .text("：每一行标出写它的 PID（按 "), .code("o"),
                  .text(" 看终端里原样交错的输出）；"),
                  .strong([.text("时间线")]), .text("：每个进程一条轨道，进程池任务画在执行它的工作进程里。")),
                p(.text("程序运行超过 \(seconds) 秒时，proctutor 会停止它和它启动的所有进程。")),
                .list(start: nil, items: [
                    item("r", "再运行一次（改了文件以后也用它）"),
                    item("s", "停止"), item("p", "暂停画面（程序照常运行，全部录下）／播放录像"),
                    item(", .", "上一个／下一个事件"), item("F", "冻结／解冻真实进程（SIGSTOP）"),
                    item("n", "连续运行 20 次，统计输出顺序"),
                    item("m", "下一次运行的启动方式：默认 → fork → spawn → forkserver"),
                    item("Tab", "下一个窗格；方向键滚动"),
                    item("?", "全部按键"), item("q", "退出"),
                ]),
            ])
        case .en:
            return Document(blocks: [
                p(.text("The other panes show your program live. "),
                  .strong([.text("Code")]), .text(": your file. "),
                  .strong([.text("Processes")]),
                  .text(": one row per process (PID, parent, state, lifetime), indented as a tree. "),
                  .strong([.text("Output")]), .text(": every line tagged with the PID that wrote it ("), .code("o"),
                  .text(": the raw stream as a terminal shows it). "),
                  .strong([.text("Timeline")]), .text(": one lane per process, pool tasks in their worker's lane.")),
                p(.text("A run that takes longer than \(seconds) s is stopped, with everything it started.")),
                .list(start: nil, items: [
                    item("r", "run again (after you edit the file, too)"),
                    item("s", "stop"), item("p", "pause the view (the program runs on, recorded) / play the recording"),
                    item(", .", "previous / next event"), item("F", "freeze / thaw the real processes (SIGSTOP)"),
                    item("n", "run it 20 times and tally the order of its lines"),
                    item("m", "start method of the next run: default → fork → spawn → forkserver"),
                    item("Tab", "next pane; arrows scroll"),
                    item("?", "every key"), item("q", "quit"),
                ]),
            ])
        }
    }
}
