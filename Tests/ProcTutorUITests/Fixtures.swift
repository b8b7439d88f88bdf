import Foundation
import ProcTutorCore
@testable import ProcTutorUI

/// Hand-built lessons, sources and run logs: the UI tests depend on nothing but values.
enum Fixtures {
    static let processText = Document(blocks: [
        .heading(level: 1, [.text("multiprocessing.Process")]),
        .paragraph([.text("Windows 上没有 "), .code("os.fork()"), .text("，而 Python 希望同一份代码到处都能跑。"), .softBreak,
                    .text("跨平台的办法就是 "), .code("multiprocessing"), .text(" 模块，"), .softBreak,
                    .text("其中的 "), .code("Process"), .text(" 类代表一个子进程。")]),
        .heading(level: 2, [.text("构造函数")]),
        .paragraph([.text("原文把语法写成 "), .code("Process([group,target,name,args,kwargs])"), .text("。"), .softBreak,
                    .text("真正的签名是：")]),
        .code(info: "python", text: "Process(group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None)\n"),
        .list(start: nil, items: [
            [.paragraph([.code("group"), .text(" 只是为了和 "), .code("threading.Thread"), .text(" 保持一致，必须是 "),
                         .code("None"), .softBreak, .text("（传别的值会触发断言错误）。")])],
            [.paragraph([.code("target"), .text(" 是子进程要调用的函数；"), .strong([.text("args")]), .text(" 和 "),
                         .emphasis([.text("kwargs")]), .softBreak, .text("是它的位置参数和关键字参数。")])],
        ]),
        .quote([.paragraph([.text("注意：子进程里 "), .code("start()"), .text(" 总是调用 "), .code("run()"), .text("。")])]),
        .thematicBreak,
        .list(start: 1, items: [
            [.paragraph([.text("Start the child with "), .code("p.start()"), .text(", then watch the PID column.")])],
            [.paragraph([.text("Wait for it with "), .code("p.join()"), .text(".")])],
        ]),
    ])

    static let englishText = Document(blocks: [
        .heading(level: 1, [.text("Pool")]),
        .paragraph([.text("A "), .code("Pool"), .text(" starts its workers at once; tasks then go to whichever worker is"),
                    .softBreak, .text("free. Watch the "), .strong([.text("Timeline")]), .text(".")]),
    ])

    static let quiz: [Question] = [
        Question(id: "single", prompt: Localized(zh: "os.fork() 失败时会怎样？", en: "What happens when os.fork() fails?"),
                 kind: .single(choices: [Localized(zh: "返回 -1", en: "It returns -1"),
                                         Localized(zh: "抛出 OSError", en: "It raises OSError"),
                                         Localized(zh: "返回 0", en: "It returns 0")], answer: 1),
                 explanation: Localized(zh: "Python 把失败变成 OSError 异常。", en: "Python turns the failure into OSError.")),
        Question(id: "multi", prompt: Localized(zh: "哪些是 Process 的方法？", en: "Which are methods of Process?"),
                 kind: .multiple(choices: [Localized(zh: "start()", en: "start()"), Localized(zh: "fork()", en: "fork()"),
                                           Localized(zh: "join()", en: "join()")], answers: [0, 2]),
                 explanation: Localized(zh: "fork 是 os 模块的函数。", en: "fork is a function of the os module.")),
        Question(id: "short", prompt: Localized(zh: "demo 打印几行 hi？", en: "How many lines of hi does the demo print?"),
                 kind: .short(accepted: ["4"], numeric: true),
                 explanation: Localized(zh: "两次 fork 之后有 4 个进程。", en: "After two forks there are 4 processes.")),
        Question(id: "predict", prompt: Localized(zh: "Pool(3) 之后、第一个任务之前有几个工作进程？",
                                                  en: "How many workers exist after Pool(3), before the first task?"),
                 kind: .predict(observation: .poolWorkersBeforeFirstTask, demo: nil, startMethod: .fork),
                 explanation: Localized(zh: "Pool 一创建就启动全部工作进程。", en: "Pool starts every worker at once.")),
    ]

    static func lesson(_ n: Int, id: String, zh: String, en: String, demos: [Demo], text: Document) -> Lesson {
        Lesson(id: id, number: n, title: Localized(zh: zh, en: en), demos: demos,
               text: [.zh: text, .en: englishText], quiz: quiz, directory: "/lessons/\(id)")
    }

    static let lessons: [Lesson] = [
        lesson(1, id: "01-fork", zh: "os.fork", en: "os.fork",
               demos: [Demo(name: "demo", file: "demo.py", title: Localized(zh: "演示", en: "demo"))], text: processText),
        lesson(2, id: "02-process", zh: "multiprocessing.Process", en: "multiprocessing.Process",
               demos: [Demo(name: "demo", file: "demo.py", title: Localized(zh: "演示", en: "demo"))], text: processText),
        lesson(4, id: "04-pool", zh: "进程池 Pool", en: "Pool",
               demos: [Demo(name: "demo", file: "demo.py", title: Localized(zh: "演示", en: "demo"))], text: englishText),
        lesson(5, id: "05-broken-pool", zh: "一个有问题的进程池程序", en: "A broken Pool program",
               demos: [Demo(name: "original", file: "original.py", title: Localized(zh: "原文代码", en: "original")),
                       Demo(name: "fixed", file: "fixed.py", title: Localized(zh: "修正版", en: "fixed"),
                            startMethod: .fork),
                       Demo(name: "fixed-spawn", file: "fixed.py",
                            title: Localized(zh: "修正版，用 spawn 启动每一个工作进程，再看时间线上的差别", en: "fixed, every worker started with spawn"),
                            startMethod: .spawn)], text: processText),
    ]

    /// lessons/04-pool/demo.py with the tokens Python's tokenize module reports for it (kinds as PythonTokens maps them).
    static let poolSource = SourceCode(text: """
        from multiprocessing import Pool, current_process
        import os

        def square(n):
            print("task %d -> pid %d" % (n, os.getpid()))  # tagged by PID
            return n * n

        if __name__ == "__main__":
            pool = Pool(3)
        """, tokens: [
            SourceToken(kind: .keyword, startLine: 1, startColumn: 0, endLine: 1, endColumn: 4),
            SourceToken(kind: .name, startLine: 1, startColumn: 5, endLine: 1, endColumn: 20),
            SourceToken(kind: .keyword, startLine: 1, startColumn: 21, endLine: 1, endColumn: 27),
            SourceToken(kind: .keyword, startLine: 2, startColumn: 0, endLine: 2, endColumn: 6),
            SourceToken(kind: .keyword, startLine: 4, startColumn: 0, endLine: 4, endColumn: 3),
            SourceToken(kind: .definition, startLine: 4, startColumn: 4, endLine: 4, endColumn: 10),
            SourceToken(kind: .builtin, startLine: 5, startColumn: 4, endLine: 5, endColumn: 9),
            SourceToken(kind: .string, startLine: 5, startColumn: 10, endLine: 5, endColumn: 29),
            SourceToken(kind: .comment, startLine: 5, startColumn: 52, endLine: 5, endColumn: 67),
            SourceToken(kind: .keyword, startLine: 6, startColumn: 4, endLine: 6, endColumn: 10),
            SourceToken(kind: .keyword, startLine: 8, startColumn: 0, endLine: 8, endColumn: 2),
            SourceToken(kind: .string, startLine: 8, startColumn: 15, endLine: 8, endColumn: 25),
            SourceToken(kind: .number, startLine: 9, startColumn: 16, endLine: 9, endColumn: 17),
        ])

    static var sources: [String: SourceCode] {
        ["/lessons/04-pool/demo.py": poolSource]
    }

    /// A Pool(3) run of lesson 5's shape, mid-run at t = 1.6: three workers, tasks 0…4 (two failed, one of those
    /// retrieved), interleaved raw output, a worker that exited and is a zombie.
    static let poolEvents: [Event] = [
        Event(t: 0.00, .start(pid: 100, ppid: 99, name: "MainProcess", method: .main, parent: nil)),
        Event(t: 0.05, .start(pid: 101, ppid: 100, name: "ForkPoolWorker-1", method: .fork, parent: nil)),
        Event(t: 0.06, .start(pid: 102, ppid: 100, name: "ForkPoolWorker-2", method: .fork, parent: nil)),
        Event(t: 0.07, .start(pid: 103, ppid: 100, name: "ForkPoolWorker-3", method: .fork, parent: nil)),
        Event(t: 0.08, .output(pid: 100, stream: .stdout, text: "--start--")),
        Event(t: 0.10, .task(pid: 101, id: 0, status: .started, function: "test1", args: "('mark0',)", error: nil)),
        Event(t: 0.10, .task(pid: 102, id: 1, status: .started, function: "test1", args: "('mark1',)", error: nil)),
        Event(t: 0.11, .output(pid: 101, stream: .stdout, text: "mark0运行中，pid=101，父进程：100")),
        Event(t: 0.11, .raw(stream: .stdout, text: "--start--mark0运行中，pid=101，父进程：100")),
        Event(t: 0.12, .task(pid: 103, id: 2, status: .started, function: "test1", args: "('mark2',)", error: nil)),
        Event(t: 0.12, .raw(stream: .stdout, text: "")),
        Event(t: 0.40, .task(pid: 101, id: 0, status: .failed, function: "test1", args: "('mark0',)",
                             error: "TypeError: not all arguments converted during string formatting")),
        Event(t: 0.41, .task(pid: 101, id: 3, status: .started, function: "test1", args: "('mark3',)", error: nil)),
        Event(t: 0.70, .task(pid: 102, id: 1, status: .done, function: "test1", args: "('mark1',)", error: nil)),
        Event(t: 0.75, .output(pid: 102, stream: .stderr, text: "warning: \u{1B}[31mred\u{1B}[0m")),
        Event(t: 0.75, .raw(stream: .stderr, text: "warning: \u{1B}[31mred\u{1B}[0m")),
        Event(t: 0.80, .task(pid: 103, id: 2, status: .failed, function: "test1", args: "('mark2',)",
                             error: "TypeError: not all arguments converted during string formatting")),
        Event(t: 0.85, .retrieved(id: 2)),
        Event(t: 0.90, .state(pid: 102, state: .sleeping)),
        Event(t: 1.00, .exit(pid: 102, code: 0, signal: nil)),
        Event(t: 1.20, .task(pid: 103, id: 4, status: .started, function: "test1", args: "('mark4',)", error: nil)),
        Event(t: 1.30, .exit(pid: 103, code: nil, signal: 15)),
        Event(t: 1.35, .reaped(pid: 103, by: 100)),
    ]

    /// A real run of lesson 5's original demo, recorded with `proctutor run 5 --json --raw` (Python 3.11,
    /// Linux): five workers, seven failed tasks that nobody retrieved.
    static let recordedBrokenPool: [Event] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Recorded/05-broken-pool-original.ndjson")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { try! EventJSON.decode(String($0)) }
    }()

    static func state(width: Int, height: Int, lesson: Int = 1, lang: Lang = .zh) -> AppState {
        AppState(lessons: lessons, lessonIndex: lesson, lang: lang, width: width, height: height, sources: sources)
    }

    /// A state with the pool run folded in through `update`, clock at 1.6 s.
    static func poolState(width: Int, height: Int, lang: Lang = .zh) -> AppState {
        var s = state(width: width, height: height, lesson: 2, lang: lang)
        _ = App.update(&s, .key(.char("r")))
        for e in poolEvents { _ = App.update(&s, .run(s.currentRun, e)) }
        _ = App.update(&s, .tick(now: 1.6))
        return s
    }
}
