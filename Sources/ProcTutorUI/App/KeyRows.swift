import ProcTutorCore

/// The one key table: every key of every mode, in help's order. Each row is a line of help and the bindings it
/// describes; a binding's `bar` rule says when and how the key bar shows it. `Keys.handle` dispatches from these
/// bindings, `HelpOverlay` prints these rows, `KeyBar` shows these rules in `barOrder`.
enum KeyTable {
    private static func k(_ key: Key) -> KeyPattern { .key(key) }
    private static func c(_ chars: String) -> [KeyPattern] { chars.map { .key(.char($0)) } }

    static let rows: [KeyRow] = [
        KeyRow("r", "运行演示；运行中再按则重新运行", "run the demo; while it runs: re-run", [
            KeyBinding(c("r"), .run, bar: { s in
                if s.replayOnly { return nil }
                if s.cursor != nil { return ("r", S.kRerun[s.lang], 6) }
                if s.isRunning { return ("r", S.kRerun[s.lang], 8) }
                return ("r", (s.run == nil ? S.kRun : S.kRerun)[s.lang], 9)
            }),
        ], shown: { !$0.replayOnly }),
        KeyRow("s", "停止演示以及它启动的所有进程", "stop the demo and everything it started", [
            KeyBinding(c("s"), .stop, bar: { s in
                if let r = s.repeatRuns, !r.isDone, s.quiz == nil {
                    return ("s", "\(S.kStopRepeat[s.lang]) \(r.finished.count)/\(r.total)", 9)
                }
                return s.isRunning ? ("s", S.kStop[s.lang], s.cursor != nil ? 8 : 9) : nil
            }),
        ], shown: { !$0.replayOnly }),
        KeyRow("v", "切换演示版本", "next demo variant", [
            KeyBinding(c("v"), .variant, bar: { s in (s.lesson?.demos.count ?? 0) > 1 ? ("v", S.kVariant[s.lang], 5) : nil }),
        ], detail: { s in
            guard let demos = s.lesson?.demos else { return nil }
            if demos.count < 2 { return SK.onlyOneVariant }
            let names = demos.map(\.name).joined(separator: " · ")
            return Localized(zh: "（本课：\(names)）", en: " (this lesson: \(names))")
        }),
        KeyRow("m", "本课下次运行的启动方式：默认→fork→spawn→forkserver",
               "this lesson's next start method: default→fork→spawn→forkserver", [
            KeyBinding(c("m"), .method, bar: { s in s.replayOnly ? nil : ("m", S.kMethod[s.lang], 3) }),
        ], shown: { !$0.replayOnly }),
        KeyRow("o", "输出：按 PID 标注 ⇄ 原始交错流", "output: tagged by PID ⇄ raw interleaved stream", [
            KeyBinding(c("o"), .outputMode, bar: { s in ("o", S.kOutput[s.lang], 2) }),
        ]),
        KeyRow("e", "列出全部失败的任务（有失败时）", "every failed pool task (when there are any)", [
            KeyBinding(c("e"), .failures, bar: { s in
                guard let run = s.shown, run.tasks.contains(where: { $0.status == .failed }) else { return nil }
                return ("e", S.kFailures[s.lang], 7)
            }),
        ]),
        .gap,
        KeyRow("p", "暂停画面／播放录像（程序照常运行，全部录下）", "pause the view / play the recording (the program runs on)", [
            KeyBinding(c("p"), .togglePlay, bar: { s in
                if let cursor = s.cursor { return ("p", (cursor.playing ? S.kPauseView : S.kPlay)[s.lang], 9) }
                if s.isRunning { return ("p", S.kPauseView[s.lang], 7) }
                return s.run != nil ? ("p", S.kPlay[s.lang], 7) : nil
            }),
        ]),
        KeyRow(", .", "上一个 / 下一个事件（逐步查看运行过程）", "previous / next event (step through the run)", [
            KeyBinding(c(","), .step(-1)),
            KeyBinding(c("."), .step(1), bar: { s in
                if s.cursor != nil { return (", .", S.kStep[s.lang], 9) }
                return !s.isRunning && s.run != nil ? (", .", S.kStep[s.lang], 6) : nil
            }),
        ]),
        KeyRow("< >", "回放更慢 / 更快：0.01× … 4×", "replay slower / faster: 0.01× … 4×", [
            KeyBinding(c("<"), .speed(-1)),
            KeyBinding(c(">"), .speed(1), bar: { s in s.cursor != nil ? ("< >", S.kSpeed[s.lang], 8) : nil }),
        ]),
        KeyRow("0  $", "回到运行开始 / 回到实时（Esc 也可以）", "to the start of the run / back to live (Esc too)", [
            KeyBinding(c("0"), .rewind, bar: { s in s.cursor != nil ? ("0", S.kStart[s.lang], 7) : nil }),
            KeyBinding(c("$"), .live, bar: { s in
                s.cursor != nil ? ("$", (s.isRunning ? S.kLive : S.kEnd)[s.lang], 9) : nil
            }),
        ]),
        KeyRow(Localized(zh: "单击时间线", en: "click timeline"), "把时间光标放到那一刻", "puts the time cursor at that moment"),
        KeyRow("n  t", "连续运行 20 次并统计输出顺序 / 再看统计", "run 20 times and tally the order / the tally again", [
            KeyBinding(c("n"), .repeatRuns, bar: { s in repeatAllowed(s) ? ("n", S.kRepeat[s.lang], 5) : nil }),
            KeyBinding(c("t"), .tally, bar: { s in
                repeatAllowed(s) && s.repeatRuns != nil ? ("t", S.kTally[s.lang], 4) : nil
            }),
        ], shown: { !$0.replayOnly }),
        KeyRow("F", "冻结/解冻真实进程（SIGSTOP）：sleep 期限照样流逝",
               "freeze/thaw the real processes (SIGSTOP): sleeps still expire", [
            KeyBinding(c("F"), .freeze, bar: { s in
                guard s.cursor == nil, s.isRunning else { return nil }
                return ("F", (s.run?.paused == true ? S.kThaw : S.kFreeze)[s.lang], 4)
            }),
        ], shown: { !$0.replayOnly }),
        .gap,
        KeyRow("← → [ ]", "上一课 / 下一课", "previous / next lesson", [
            KeyBinding([k(.left), .key(.char("["))], .lesson(-1)),
            KeyBinding([k(.right), .key(.char("]"))], .lesson(1), bar: { s in
                s.lessonCount > 1 ? ("←→", S.kLesson[s.lang], 6) : nil
            }),
        ], shown: { $0.lessonCount > 1 }),
        KeyRow("1 2 3 …", "跳到第 N 课", "jump to lesson N", [
            KeyBinding([.lessonDigit], .lessonNumber),
        ], detail: { s in
            Localized(zh: "（1–\(min(9, s.lessonCount))）", en: " (1–\(min(9, s.lessonCount)))")
        }, shown: { $0.lessonCount > 1 }),
        KeyRow("Tab ⇧Tab", "切换焦点窗格（小窗口下切换标签页）", "focus next/previous pane (tab when small)", [
            KeyBinding([k(.tab)], .focus(1), bar: { s in ("Tab", S.kPane[s.lang], 6) }),
            KeyBinding([k(.backTab)], .focus(-1)),
        ]),
        KeyRow("z", "焦点窗格占满全屏 / 还原", "zoom the focused pane to the whole screen / back", [
            KeyBinding(c("z"), .zoom, bar: { s in ("z", (s.zoomed ? S.kUnzoom : S.kZoom)[s.lang], s.zoomed ? 8 : 5) }),
        ]),
        KeyRow("L", "隐藏 / 显示课文：代码和运行占满屏幕", "hide / show the lesson text: code and the run fill the screen", [
            KeyBinding(c("L"), .hideText, bar: { s in
                ("L", (s.presenting ? S.kShowText : S.kHideText)[s.lang], s.presenting ? 8 : 4)
            }),
        ]),
        KeyRow("↑↓ j k", "滚动焦点窗格（也滚动本帮助）", "scroll the focused pane (and this help)", [
            KeyBinding([k(.up), .key(.char("k"))], .scroll(.line(-1))),
            KeyBinding([k(.down), .key(.char("j"))], .scroll(.line(1)), bar: { s in ("↑↓", S.kScroll[s.lang], 1) }),
        ]),
        KeyRow("PgUp PgDn", "翻页（也可用 Ctrl-B/Ctrl-F、空格）", "a page (also Ctrl-B/Ctrl-F, Space)", [
            KeyBinding([k(.pageUp), k(.ctrl("b"))], .scroll(.page(-1))),
            KeyBinding([k(.pageDown), k(.ctrl("f")), .key(.char(" "))], .scroll(.page(1))),
        ]),
        KeyRow("Home End g G", "到开头 / 到结尾", "to the top / to the end", [
            KeyBinding([k(.home), .key(.char("g"))], .scroll(.end(-1))),
            KeyBinding([k(.end), .key(.char("G"))], .scroll(.end(1))),
        ]),
        KeyRow(Localized(zh: "鼠标", en: "mouse"), "滚轮滚动指针下的窗格；单击选择窗格", "wheel scrolls the pane under it; click focuses", [
            KeyBinding([.wheelUp], .wheel(-1)),
            KeyBinding([.wheelDown], .wheel(1)),
            KeyBinding([.click], .click),
        ]),
        .gap,
        KeyRow("Q", "本课测验（读到课文末尾再按 ↓ 也会开始）", "the lesson's quiz (or ↓ past the end of the text)", [
            KeyBinding(c("Q"), .openQuiz, bar: { s in
                (s.lesson?.quiz.isEmpty ?? true) ? nil : ("Q", S.kQuiz[s.lang], 7)
            }),
        ], shown: hasQuiz),
        KeyRow("x", "打开本课的练习：改你自己的代码，每次保存都对照真实运行检查",
               "open this lesson's exercise: edit your own code, every save checked against its real run", [
            KeyBinding(c("x"), .openExercise, bar: { s in
                s.exercise == nil && !(s.lesson?.exercises.isEmpty ?? true) && s.quiz == nil ? ("x", S.kExercise[s.lang], 6) : nil
            }),
        ], shown: { $0.exercise == nil && !($0.lesson?.exercises.isEmpty ?? true) }),
        KeyRow("h  S  E", "练习：下一条提示 / 参考答案（通过前先问）/ 用 $EDITOR 编辑",
               "exercise: next hint / the solution (asks before you pass) / edit in $EDITOR", [
            KeyBinding(c("h"), .exerciseHint, bar: { s in s.exercise != nil ? ("h", S.kHint[s.lang], 8) : nil }),
            KeyBinding(c("S"), .exerciseSolution, bar: { s in s.exercise != nil ? ("S", S.kSolution[s.lang], 6) : nil }),
            KeyBinding(c("E"), .exerciseEdit, bar: { s in s.exercise != nil ? ("E", S.kEdit[s.lang], 9) : nil }),
        ], shown: { $0.exercise != nil }),
        KeyRow("a b c  1 2 3", "测验中：选择答案，确认前可以改（多选题：切换）",
               "in the quiz: choose, change until you confirm (multiple: toggle)", [
            KeyBinding([.choice], .choose, in: [.quizSingle], bar: { s in
                ("a–\(lastLetter(s)) ↑↓", S.kChoose[s.lang], 5)
            }),
            KeyBinding([.choice], .choose, in: [.quizMultiple], bar: { s in ("a–\(lastLetter(s))", S.kToggle[s.lang], 5) }),
        ], shown: hasQuiz),
        KeyRow("↑↓ Enter", "测验中：移动选择 / 确认提交", "in the quiz: move the choice / confirm", [
            KeyBinding([k(.up)], .moveChoice(-1), in: [.quizSingle, .quizMultiple]),
            KeyBinding([k(.down)], .moveChoice(1), in: [.quizSingle, .quizMultiple]),
            KeyBinding([k(.enter)], .confirmChoice, in: [.quizSingle], bar: { s in ("Enter", S.kConfirm[s.lang], 5) }),
            KeyBinding([k(.enter)], .confirmChoice, in: [.quizMultiple], bar: { s in ("Enter", S.kSubmit[s.lang], 5) }),
        ], shown: hasQuiz),
        KeyRow(Localized(zh: "输入 ⌫ Enter", en: "type ⌫ Enter"), "简答和预测题：输入、删除、提交（预测题会运行演示）",
               "short and predict answers (predict runs the demo)", [
            KeyBinding([.typed], .type, in: [.quizText]),
            KeyBinding([k(.backspace)], .deleteChar, in: [.quizText]),
            KeyBinding([k(.enter)], .submitText, in: [.quizText], bar: { s in
                if case .predict = s.quiz?.question?.kind { return ("Enter", S.kSubmitRun[s.lang], 5) }
                return ("Enter", S.kSubmit[s.lang], 5)
            }),
        ], shown: hasQuiz),
        KeyRow("Enter n →", "看过反馈后：下一题（空格也可以）", "after the feedback: next question (Space too)", [
            KeyBinding([k(.enter), .key(.char(" ")), .key(.char("n")), k(.right)], .nextQuestion, in: [.quizAnswered],
                       bar: { s in ("Enter", S.kNext[s.lang], 5) }),
        ], shown: hasQuiz),
        KeyRow("w", "得分页：只重做答错的题（练习，不保存）", "score screen: retake the wrong ones (practice, not saved)", [
            KeyBinding(c("w"), .retakeWrong, in: [.quizScore], bar: { s in
                let wrong = s.quiz?.wrongIndices.count ?? 0
                return wrong > 0 ? ("w", S.kRetakeWrong(wrong)[s.lang], 5) : nil
            }),
        ], shown: hasQuiz),
        KeyRow("Enter Q", "得分页：回到课文", "score screen: back to the lesson", [
            KeyBinding([k(.enter), .key(.char("Q"))], .closeQuiz, in: [.quizScore], bar: { s in ("Enter", S.kClose[s.lang], 5) }),
        ], shown: hasQuiz),
        KeyRow("Esc", "关闭窗口 / 离开测验（已答过题时先询问）/ 回到实时",
               "close a window / leave the quiz (asks once answered) / back to live", [
            KeyBinding([k(.escape)], .leaveQuiz, in: KeyMode.quiz, bar: { s in ("Esc", S.kLeaveQuiz[s.lang], 5) }),
            KeyBinding([k(.escape)], .live),
        ]),
        KeyRow("?  F1", "本帮助（↑↓ 滚动，其他键关闭）", "this help (↑↓ scroll, any other key closes)", [
            KeyBinding([.key(.char("?")), k(.function(1))], .help, bar: { s in ("?", S.kHelp[s.lang], 8) }),
        ]),
        KeyRow("q  Ctrl-C", "退出：q 在演示运行时先询问，Ctrl-C 立即退出", "quit: q asks first while a demo runs", [
            KeyBinding(c("q"), .quit, bar: { s in ("q", S.kQuit[s.lang], 9) }),
            KeyBinding([k(.ctrl("c"))], .quitNow, in: [.anywhere]),
        ]),
        KeyRow("Ctrl-Z", "挂起（演示也一起冻结），fg 继续", "suspend (the demo freezes too); fg resumes", [
            KeyBinding([k(.ctrl("z"))], .suspend, in: [.terminal]),
        ]),
        .gap,
        KeyRow(SK.boxKeys, "帮助、失败列表：滚动；j k、Ctrl-B/F、空格、滚轮也行",
               "in help/failures: scroll (j k Ctrl-B Ctrl-F Space wheel)", [
            KeyBinding([k(.up), .key(.char("k")), .wheelUp], .boxScroll(.line(-1)), in: [.box]),
            KeyBinding([k(.down), .key(.char("j")), .wheelDown], .boxScroll(.line(1)), in: [.box],
                       bar: { s in ("↑↓", S.kScroll[s.lang], 9) }),
            KeyBinding([k(.pageUp), k(.ctrl("b"))], .boxScroll(.page(-1)), in: [.box]),
            KeyBinding([k(.pageDown), k(.ctrl("f")), .key(.char(" "))], .boxScroll(.page(1)), in: [.box]),
        ]),
        KeyRow("Home End g G", "帮助、失败列表：到开头 / 到结尾；其他键关闭", "in help/failures: to the top / end; other keys close", [
            KeyBinding([k(.home), .key(.char("g"))], .boxScroll(.end(-1)), in: [.box]),
            KeyBinding([k(.end), .key(.char("G"))], .boxScroll(.end(1)), in: [.box]),
            KeyBinding([.anyOther], .dismiss, in: [.box], bar: { s in ("Esc", S.kClose[s.lang], 9) }),
        ]),
        KeyRow("↑↓ Enter", "统计：选一次运行（j k 也行）/ 回放它（全部跑完后）",
               "tally: select a run (j k too) / replay it (when all ran)", [
            KeyBinding([k(.up), .key(.char("k"))], .tallySelect(-1), in: [.tally]),
            KeyBinding([k(.down), .key(.char("j"))], .tallySelect(1), in: [.tally], bar: { s in
                s.repeatRuns?.isDone == true ? ("↑↓", S.kScroll[s.lang], 6) : nil
            }),
            KeyBinding([k(.enter)], .tallyReplay, in: [.tally], bar: { s in
                s.repeatRuns?.isDone == true ? ("Enter", S.kReplayRun[s.lang], 9) : nil
            }),
        ], shown: { !$0.replayOnly }),
        KeyRow("n  s", "统计：再来 20 次 / 停止连续运行；其他键关闭",
               "tally: 20 more / stop repeating; other keys close it", [
            KeyBinding(c("n"), .tallyAgain, in: [.tally], bar: { s in
                s.repeatRuns?.isDone == true ? ("n", S.kAgain[s.lang], 7) : nil
            }),
            KeyBinding(c("s"), .tallyStop, in: [.tally], bar: { s in
                s.repeatRuns.map { !$0.isDone } == true ? ("s", S.kStopRepeat[s.lang], 9) : nil
            }),
            KeyBinding([.anyOther], .dismiss, in: [.tally], bar: { s in ("Esc", S.kClose[s.lang], 9) }),
        ], shown: { !$0.replayOnly }),
        KeyRow("y  Enter", "问退出、离开测验时：是（退出时 q 也行）；其他键：否",
               "quit/leave questions: yes (Y; q to quit); other key: no", [
            KeyBinding([.key(.char("y")), .key(.char("Y")), .key(.char("q")), k(.enter)], .confirmQuit, in: [.confirmQuit],
                       bar: { s in ("y", S.kQuit[s.lang], 9) }),
            KeyBinding([.anyOther], .dismiss, in: [.confirmQuit], bar: { s in ("n", S.kClose[s.lang], 9) }),
            KeyBinding([.key(.char("y")), .key(.char("Y")), k(.enter)], .confirmLeaveQuiz, in: [.confirmLeaveQuiz],
                       bar: { s in
                           if case .confirmLeaveQuiz(quitting: true) = s.overlay { return ("y", S.kQuit[s.lang], 9) }
                           return ("y", S.kLeaveQuiz[s.lang], 9)
                       }),
            KeyBinding([.anyOther], .dismiss, in: [.confirmLeaveQuiz], bar: { s in ("n", S.kKeepAnswering[s.lang], 9) }),
        ]),
    ]

    /// The key bar of each mode: actions in the order they appear, as Bubble Tea's `ShortHelp` lists bindings.
    /// Each action's binding (in an active mode) decides whether it shows now and with which words.
    static func barOrder(_ mode: KeyMode, _ s: AppState) -> [KeyAction] {
        switch mode {
        case .anywhere, .terminal, .tutorial:
            // The past on screen: the keys that move through it come first. A repeat's stop key leads.
            let time: [KeyAction] = [.togglePlay, .step(1), .speed(1), .rewind, .live]
            var head: [KeyAction] = s.cursor != nil ? time + [.stop, .run] : [.run, .stop, .togglePlay, .freeze, .step(1)]
            if let r = s.repeatRuns, !r.isDone { head = [.stop] + head.filter { $0 != .stop } }
            return head + [.repeatRuns, .tally, .lesson(1), .focus(1), .zoom, .hideText, .scroll(.line(1)), .variant,
                           .method, .outputMode, .failures, .openQuiz, .openExercise, .exerciseEdit, .exerciseHint,
                           .exerciseSolution, .help, .quit]
        case .quizSingle, .quizMultiple: return [.choose, .confirmChoice, .leaveQuiz]
        case .quizText: return [.submitText, .leaveQuiz]
        case .quizWaiting: return [.stop, .focus(1), .leaveQuiz]
        case .quizAnswered: return [.nextQuestion, .leaveQuiz, .help]
        case .quizScore: return [.retakeWrong, .scroll(.line(1)), .closeQuiz, .quit]
        case .box: return [.boxScroll(.line(1)), .dismiss]
        case .tally: return [.tallySelect(1), .tallyStop, .tallyReplay, .tallyAgain, .dismiss]
        case .confirmQuit: return [.confirmQuit, .dismiss]
        case .confirmLeaveQuiz: return [.confirmLeaveQuiz, .dismiss]
        }
    }

    /// `n` and `t` in the bar: not while a demo runs or a repeat goes on, nor in a replay or a quiz.
    private static func repeatAllowed(_ s: AppState) -> Bool {
        if let r = s.repeatRuns, !r.isDone { return false }
        return !s.replayOnly && !s.isRunning && s.quiz == nil
    }

    private static func lastLetter(_ s: AppState) -> String {
        switch s.quiz?.question?.kind {
        case let .single(choices, _), let .multiple(choices, _): Grading.letter(choices.count - 1)
        default: "a"
        }
    }

    private static let hasQuiz: @Sendable (AppState) -> Bool = { !($0.lesson?.quiz.isEmpty ?? true) }
}
