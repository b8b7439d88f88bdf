import ProcTutorCore

/// Every text the UI itself shows, in both languages.
enum S {
    // Panes
    static let lesson = Localized(zh: "课文", en: "Lesson")
    static let code = Localized(zh: "代码", en: "Code")
    static let processes = Localized(zh: "进程", en: "Processes")
    static let output = Localized(zh: "输出", en: "Output")
    static let timeline = Localized(zh: "时间线", en: "Timeline")
    static let quiz = Localized(zh: "测验", en: "Quiz")
    static let help = Localized(zh: "帮助", en: "Help")

    // Notes on pane titles
    static let byPID = Localized(zh: "按 PID", en: "by PID")
    /// Prefixed with the number: the output pane keeps only the last lines of a flood.
    static let earlierDropped = Localized(zh: " 行较早的输出已丢弃（只保留最后的行）", en: " earlier lines dropped (only the latest are kept)")
    static let raw = Localized(zh: "原始", en: "raw")
    static let alive = Localized(zh: "存活", en: "alive")
    static let started = Localized(zh: "已启动", en: "started")
    static let exited = Localized(zh: "已退出", en: "exited")
    /// After a count: the exited rows the table folds when a run starts very many processes.
    static let foldedExited = Localized(zh: " 个更早退出的进程（已折叠；上面是存活的和最近退出的）",
                                        en: " more exited earlier (folded; alive and latest exited above)")
    /// Around a run's label on a pane that shows a run of another program or start method than the code pane.
    static let runOfOpen = Localized(zh: "（这是 ", en: "(run of ")
    static let runOfClose = Localized(zh: " 的运行）", en: ")")
    static let mStartMethod = Localized(zh: "m: 启动方式", en: "m: start method")
    static let defaultMethod = Localized(zh: "默认", en: "default")
    static let paused = Localized(zh: "已暂停", en: "paused")
    static let running = Localized(zh: "运行中", en: "running")
    static let finished = Localized(zh: "已结束", en: "finished")

    // Empty states
    static let noRun = Localized(zh: "还没有运行。按 r 运行演示。", en: "Nothing has run yet. Press r to run the demo.")
    static let noOutput = Localized(zh: "（还没有输出）", en: "(no output yet)")
    static let noSource = Localized(zh: "（没有载入源代码）", en: "(source not loaded)")
    static let endOfText = Localized(zh: "— 课文结束：按 ↓ 或 Q 开始测验 —", en: "— the end: ↓ or Q opens the quiz —")

    // Process table
    static let colPID = Localized(zh: "PID", en: "PID")
    static let colPPID = Localized(zh: "PPID", en: "PPID")
    static let colName = Localized(zh: "名称", en: "NAME")
    static let colState = Localized(zh: "状态", en: "STATE")
    static let colAlive = Localized(zh: "存活", en: "ALIVE")
    static let colStart = Localized(zh: "启动", en: "START")
    static let colTime = Localized(zh: "时长", en: "TIME")
    static let yes = Localized(zh: "是", en: "yes")
    static let no = Localized(zh: "否", en: "no")
    static let stRunning = Localized(zh: "运行", en: "running")
    static let stSleeping = Localized(zh: "睡眠", en: "sleeping")
    static let stStopped = Localized(zh: "已停止", en: "stopped")
    static let stZombie = Localized(zh: "僵尸", en: "zombie")
    static let stExit = Localized(zh: "退出", en: "exit")
    static let stKilled = Localized(zh: "被杀", en: "killed")
    static let stEnded = Localized(zh: "已结束", en: "ended")

    // Output
    static let unretrieved = Localized(zh: " 个进程池任务失败了，却没有人取回结果（.get()）：",
                                       en: " pool task failure(s) that nobody retrieved (.get()):")
    static let failuresKeyHint = Localized(zh: "按 e 查看全部失败的任务", en: "e lists every failed task")
    static let fTitle = Localized(zh: "失败的任务", en: "Failed tasks")
    static let fRetrieved = Localized(zh: "（结果已被取回）", en: "(result fetched)")
    static let fNotRetrieved = Localized(zh: "（没有人取回结果）", en: "(nobody fetched the result)")
    static let kFailures = Localized(zh: "失败的任务", en: "failures")
    static let unretrievedYet = Localized(zh: "（尚未取回）", en: "(not retrieved yet)")

    // Timeline
    static let legend = Localized(zh: "█ 存活  ▒ 僵尸", en: "█ alive  ▒ zombie")
    static let legendTasks = Localized(zh: "12 第 12 号任务  · 任务号放不下  ✗ 失败的任务",
                                       en: "12 pool task 12  · no room for its number  ✗ failed")

    // Summary line
    static let procs = Localized(zh: "个进程", en: "processes")
    static let zombies = Localized(zh: "僵尸", en: "zombie")
    static let exitCode = Localized(zh: "退出码", en: "exit code")
    static let stoppedBy = Localized(zh: "已停止", en: "stopped")

    // Too small
    static let tooSmallTitle = Localized(zh: "终端窗口太小", en: "The terminal is too small")
    static let tooSmallBody = Localized(zh: "请把窗口放大到至少 80×24（最好 100×30 以上）。",
                                        en: "Please enlarge it to at least 80×24 (100×30 or more shows every pane).")
    static let now = Localized(zh: "当前", en: "now")
    static let quitHint = Localized(zh: "按 q 退出", en: "q quits")

    // Confirm quit
    static let confirmQuit = Localized(zh: "演示还在运行。退出会停止它。确定退出吗？ (y/n)",
                                       en: "A demo is running; quitting stops it. Quit? (y/n)")
    /// The quit question once the run it warned about has ended by itself.
    static let confirmQuitEnded = Localized(zh: "演示已经结束。确定退出吗？ (y/n)", en: "The demo has ended. Quit? (y/n)")

    /// Esc or q with `answered` answers given and the quiz not finished.
    static func confirmLeaveQuiz(_ answered: Int, quitting: Bool) -> Localized {
        quitting
            ? Localized(zh: "测验还没做完：已答 \(answered) 题，退出会丢掉这些答案，成绩不保存。确定退出吗？ (y/n)",
                        en: "The quiz is not finished: \(answered) answered. Quitting loses them and saves no score. Quit? (y/n)")
            : Localized(zh: "测验还没做完：已答 \(answered) 题，离开会丢掉这些答案，成绩不保存。确定离开吗？ (y/n)",
                        en: "The quiz is not finished: \(answered) answered. Leaving loses them and saves no score. Leave? (y/n)")
    }
    static let kKeepAnswering = Localized(zh: "继续答题", en: "keep answering")

    // Key bar
    static let kRun = Localized(zh: "运行", en: "run")
    static let kRerun = Localized(zh: "重新运行", en: "re-run")
    static let kStop = Localized(zh: "停止", en: "stop")
    static let kPause = Localized(zh: "暂停", en: "pause")
    static let kResume = Localized(zh: "继续", en: "resume")
    static let kLesson = Localized(zh: "课", en: "lesson")
    static let kPane = Localized(zh: "窗格", en: "pane")
    static let kZoom = Localized(zh: "放大", en: "zoom")
    static let kUnzoom = Localized(zh: "还原", en: "unzoom")
    static let kHideText = Localized(zh: "隐藏课文", en: "hide text")
    static let kShowText = Localized(zh: "显示课文", en: "show text")
    static let kScroll = Localized(zh: "滚动", en: "scroll")
    static let kVariant = Localized(zh: "版本", en: "variant")
    static let kMethod = Localized(zh: "启动方式", en: "start method")
    static let kOutput = Localized(zh: "输出方式", en: "output")
    static let kQuiz = Localized(zh: "测验", en: "quiz")
    static let kExercise = Localized(zh: "练习", en: "exercise")
    static let kHint = Localized(zh: "提示", en: "hint")
    static let kSolution = Localized(zh: "答案", en: "solution")
    static let kEdit = Localized(zh: "编辑", en: "edit")
    static let kHelp = Localized(zh: "帮助", en: "help")
    static let kQuit = Localized(zh: "退出", en: "quit")
    static let kClose = Localized(zh: "关闭", en: "close")
    static let kAnswer = Localized(zh: "作答", en: "answer")
    static let kSubmit = Localized(zh: "提交", en: "submit")
    static let kNext = Localized(zh: "下一题", en: "next")
    static let kLeaveQuiz = Localized(zh: "离开测验", en: "leave quiz")
    static let kChoose = Localized(zh: "选择", en: "choose")
    static let kConfirm = Localized(zh: "确认", en: "confirm")
    static let kToggle = Localized(zh: "选择", en: "toggle")
    static let startMethodIs = Localized(zh: "启动方式：", en: "start method: ")
    static let kSubmitRun = Localized(zh: "提交并运行", en: "answer and run")

    // Time cursor
    static let replaying = Localized(zh: "回放", en: "replay")
    static let autoReplay = Localized(zh: "慢放刚才的真实运行（录像）", en: "slow replay of the real run (recorded)")
    static let replayPaused = Localized(zh: "回放已暂停", en: "replay paused")
    static let viewPausedLive = Localized(zh: "画面已暂停：程序仍在运行，全部被录下", en: "view paused: the program runs on, recorded")
    static let eventWord = Localized(zh: "事件", en: "event")
    static let historyCut = Localized(zh: "录像只保留了前 50 万个事件", en: "only the first 500,000 events are kept for replay")
    static let evStart = Localized(zh: "诞生", en: "start")
    static let evOutput = Localized(zh: "输出", en: "prints")
    static let evReapedBy = Localized(zh: "被", en: "reaped by")
    static let evReapedTail = Localized(zh: " 回收（wait）", en: " (wait)")
    static let evTaskStarted = Localized(zh: "任务开始", en: "task started")
    static let evTaskDone = Localized(zh: "任务完成", en: "task done")
    static let evTaskFailed = Localized(zh: "任务失败", en: "task failed")
    static let evRetrieved = Localized(zh: "的结果被取回（.get()）", en: "result fetched (.get())")
    static let evRun = Localized(zh: "开始运行", en: "run of")
    static let evEnd = Localized(zh: "运行结束：", en: "run ended:")
    static let frozen = Localized(zh: "已冻结（SIGSTOP）：sleep 的期限照样流逝", en: "frozen (SIGSTOP): sleep deadlines still pass")
    static let kStep = Localized(zh: "逐个事件", en: "step")
    static let kPlay = Localized(zh: "播放", en: "play")
    static let kPauseView = Localized(zh: "暂停画面", en: "pause view")
    static let kSpeed = Localized(zh: "速度", en: "speed")
    static let kStart = Localized(zh: "从头", en: "start")
    static let kLive = Localized(zh: "回到实时", en: "live")
    static let kEnd = Localized(zh: "到结尾", en: "end")
    static let kFreeze = Localized(zh: "冻结进程", en: "freeze")
    static let kThaw = Localized(zh: "解冻", en: "thaw")

    static let stdinNotConnected = Localized(
        zh: "EOFError：在教程里程序读不到键盘（stdin 是 /dev/null，键盘归教程用）。要输入，请用 proctutor run 文件.py（或 < 输入文件）。",
        en: "EOFError: in the tutorial a program's stdin is /dev/null (the keyboard belongs to the tutorial). To type input, use proctutor run FILE.py (or < input.txt).")

    // Repeated runs (n)
    static let kRepeat = Localized(zh: "运行 20 次", en: "run 20×")
    static let kTally = Localized(zh: "统计", en: "tally")
    static let kStopRepeat = Localized(zh: "停止连续运行", en: "stop repeats")
    static let kReplayRun = Localized(zh: "回放这一次", en: "replay this run")
    static let kAgain = Localized(zh: "再来 20 次", en: "20 more")
    static let tallyTitle = Localized(zh: "同一个程序运行多次", en: "The same program, run again and again")
    static let tallyProgress = Localized(zh: "已完成", en: "finished")
    static let tallyRunning = Localized(zh: "正在运行下一次……", en: "running the next one…")
    static let tallyCancelled = Localized(zh: "已停止（被停止的那一次不计入）", en: "stopped (the stopped run is not counted)")
    static let tallyOrder = Localized(zh: "各进程第一行输出的先后顺序（按角色，PID 每次都不同）：",
                                      en: "Order of each process's first line (by role: PIDs change every run):")
    static let tallyNoOutput = Localized(zh: "（没有输出）", en: "(no output)")
    static let tallyExit = Localized(zh: "退出码：", en: "exit codes: ")
    static let tallyProcs = Localized(zh: "进程数（最少/中位/最多）：", en: "processes (min/median/max): ")
    static let tallyAlive = Localized(zh: "；同时存活最多：", en: "; most alive at once: ")
    static let tallyDuration = Localized(zh: "时长（最短/中位/最长）：", en: "duration (min/median/max): ")
    static let tallyRuns = Localized(zh: "每一次（↑↓ 选择，Enter 回放）：", en: "Each run (↑↓ select, Enter replays it):")
    static let tallyTimes = Localized(zh: "次", en: "×")

    // Quiz
    static let pickOne = Localized(zh: "用字母或 ↑↓ 选择（可以改），按 Enter 确认。", en: "Choose with a letter or ↑↓ (you can change it), then press Enter to confirm.")
    static let pickAll = Localized(zh: "选出所有正确的选项（字母切换），然后按 Enter。", en: "Pick every right choice (letters toggle), then press Enter.")
    static let predictHint = Localized(zh: "先预测：输入一个整数，按 Enter 运行演示，运行结束后用真实结果检查。",
                                       en: "Predict first: type a whole number and press Enter; the demo runs and the real run checks you.")
    static let predictRunning = Localized(zh: "演示正在运行……按 Tab 看它的各个窗格。运行结束后显示结果。",
                                          en: "The demo is running… Tab shows its panes. The verdict comes when it ends.")
    static let correct = Localized(zh: "正确！", en: "Correct!")
    static let wrong = Localized(zh: "不对", en: "Not quite")
    static let theAnswer = Localized(zh: "答案：", en: "the answer: ")
    static let unobserved = Localized(zh: "这次运行没有给出结果（被停止或失败了），本题不计分。",
                                      en: "The run did not show it (stopped or failed); this question is not scored.")
    static let runShowed = Localized(zh: "真实运行的结果：", en: "The real run showed: ")
    static let pressNext = Localized(zh: "按 Enter 进入下一题。", en: "Press Enter for the next question.")
    static let score = Localized(zh: "得分：", en: "Score: ")
    static func passMark(_ percent: Int) -> Localized {
        Localized(zh: "（\(percent)%，及格线 \(Grading.passPercent)%）", en: " (\(percent) %, pass mark \(Grading.passPercent) %)")
    }
    static let passed = Localized(zh: "✓ 及格：成绩已保存，本课完成。", en: "✓ Passed: the score is saved and the lesson is done.")
    static let belowPass = Localized(zh: "成绩已保存，但还没到及格线，本课未标记为完成。按 w 重做答错的题，或按 Enter 回到课文，再按 Q 重新测验。",
                                     en: "The score is saved, but it is below the pass mark: the lesson is not marked done. w retakes the wrong ones; Q after Enter takes the whole quiz again.")
    static let practiceRound = Localized(zh: "练习：重做答错的题，成绩不保存。", en: "Practice: the wrong ones again; this score is not saved.")
    static let review = Localized(zh: "逐题回顾（↑↓ 滚动）：", en: "Question by question (↑↓ scrolls):")
    static let yourAnswer = Localized(zh: "你的答案：", en: "Your answer: ")
    static let rightAnswer = Localized(zh: "正确答案：", en: "The answer: ")
    static let notAnswered = Localized(zh: "（未作答）", en: "(not answered)")
    static let notObserved = Localized(zh: "（运行没有给出结果，不计分）", en: "(the run did not show it; not scored)")
    static func kRetakeWrong(_ n: Int) -> Localized {
        Localized(zh: "重做答错的 \(n) 题", en: "retake the \(n) wrong ones")
    }
    static let scoreEnd = Localized(zh: "Enter 回到课文，→ 进入下一课。", en: "Enter returns to the lesson, → opens the next one.")
}
