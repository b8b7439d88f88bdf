import ProcTutorCore

/// `?`: every key of the tutorial, in a box over the panes. Any key closes it.
public enum HelpOverlay {
    /// (keys, what they do), grouped by a blank entry. The same bindings `Keys.handle` implements.
    static let entries: [(Localized, Localized)] = [
        (k("r"), L("运行演示；运行中再按则重新运行", "run the demo; while it runs: re-run")),
        (k("s"), L("停止演示以及它启动的所有进程", "stop the demo and everything it started")),
        (k("v"), L("切换演示版本（代码窗格上方列出本课的全部版本）", "next demo variant (the code pane lists them)")),
        (k("m"), L("本课下次运行的启动方式：默认→fork→spawn→forkserver", "this lesson's next start method: default→fork→spawn→forkserver")),
        (k("o"), L("输出：按 PID 标注 ⇄ 原始交错流", "output: tagged by PID ⇄ raw interleaved stream")),
        (k("e"), L("列出全部失败的任务（有失败时）", "every failed pool task (when there are any)")),
        (k(""), L("", "")),
        (k("p"), L("暂停画面／播放录像（程序照常运行，全部录下）", "pause the view / play the recording (the program runs on)")),
        (k(", ."), L("上一个 / 下一个事件（逐步查看运行过程）", "previous / next event (step through the run)")),
        (k("< >"), L("回放更慢 / 更快：0.01× … 4×", "replay slower / faster: 0.01× … 4×")),
        (k("0  $"), L("回到运行开始 / 回到实时（Esc 也可以）", "to the start of the run / back to live (Esc too)")),
        (L("单击时间线", "click timeline"), L("把时间光标放到那一刻", "puts the time cursor at that moment")),
        (k("n  t"), L("连续运行 20 次并统计输出顺序 / 再看统计", "run 20 times and tally the order / the tally again")),
        (k("F"), L("冻结/解冻真实进程（SIGSTOP）：sleep 期限照样流逝", "freeze/thaw the real processes (SIGSTOP): sleeps still expire")),
        (k(""), L("", "")),
        (k("← → [ ]"), L("上一课 / 下一课", "previous / next lesson")),
        (k("1 2 3 …"), L("跳到第 N 课", "jump to lesson N")),
        (k("Tab ⇧Tab"), L("切换焦点窗格（小窗口下切换标签页）", "focus next/previous pane (tab when small)")),
        (k("z"), L("焦点窗格占满全屏 / 还原", "zoom the focused pane to the whole screen / back")),
        (k("L"), L("隐藏 / 显示课文：代码和运行占满屏幕", "hide / show the lesson text: code and the run fill the screen")),
        (k("↑↓ j k"), L("滚动焦点窗格（也滚动本帮助）", "scroll the focused pane (and this help)")),
        (k("PgUp PgDn"), L("翻页（也可用 Ctrl-B/Ctrl-F、空格）", "a page (also Ctrl-B/Ctrl-F, Space)")),
        (k("Home End g G"), L("到开头 / 到结尾", "to the top / to the end")),
        (L("鼠标", "mouse"), L("滚轮滚动指针下的窗格；单击选择窗格", "wheel scrolls the pane under it; click focuses")),
        (k(""), L("", "")),
        (k("Q"), L("本课测验（读到课文末尾再按 ↓ 也会开始）", "the lesson's quiz (or ↓ past the end of the text)")),
        (k("a b c  1 2 3"), L("测验中：选择答案，确认前可以改（多选题：切换）", "in the quiz: choose, change until you confirm (multiple: toggle)")),
        (k("↑↓ Enter"), L("测验中：移动选择 / 确认提交", "in the quiz: move the choice / confirm")),
        (L("输入 ⌫ Enter", "type ⌫ Enter"), L("简答和预测题：输入、删除、提交（预测题会运行演示）", "short and predict answers (predict runs the demo)")),
        (k("Enter n →"), L("看过反馈后：下一题", "after the feedback: next question")),
        (k("w"), L("得分页：只重做答错的题（练习，不保存）", "score screen: retake the wrong ones (practice, not saved)")),
        (k("Esc"), L("关闭窗口 / 离开测验（已答过题时先询问）/ 回到实时", "close a window / leave the quiz (asks once answered) / back to live")),
        (k("?  F1"), L("本帮助（↑↓ 滚动，其他键关闭）", "this help (↑↓ scroll, any other key closes)")),
        (k("q  Ctrl-C"), L("退出：q 在演示运行时先询问，Ctrl-C 立即退出", "quit: q asks first while a demo runs")),
        (k("Ctrl-Z"), L("挂起（演示也一起冻结），fg 继续", "suspend (the demo freezes too); fg resumes")),
        (k(""), L("", "")),
        (k("PPID (N)"), L("N：不同于内核父进程的逻辑父进程（forkserver）", "N: logical parent where it differs (forkserver)")),
        (k("█ ▒"), L("时间线：存活、僵尸（已退出，还没被 wait）", "timeline: alive, zombie (exited, not waited for)")),
        (k("3 12 · ✗"), L("时间线：任务号（放不下时为 ·）、失败的任务", "timeline: task number (· where it does not fit), failed")),
    ]

    private static func k(_ keys: String) -> Localized { Localized(zh: keys, en: keys) }
    private static func L(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }

    /// The help as lines: keys in their column, then what they do.
    static func lines(_ lang: Lang) -> [StyledLine] {
        let keyW = keyWidth(lang)
        return entries.map { keys, what in
            var line = StyledLine(TextWidth.pad(keys[lang], to: keyW), Theme.key)
            line.append(what[lang])
            return line
        }
    }

    static func keyWidth(_ lang: Lang) -> Int { entries.map { TextWidth.of($0.0[lang]) }.max()! + 2 }

    static func contentWidth(_ lang: Lang) -> Int {
        keyWidth(lang) + entries.map { TextWidth.of($0.1[lang]) }.max()! + 1
    }

    /// The box over the panes; at 80×24 it scrolls (↑↓), with marks on its edge where more is.
    public static func render(into buf: inout CellBuffer, area: Rect, lang: Lang, offset: Int = 0) {
        ScrollBox.render(into: &buf, area: area, title: "\(S.help[lang]) — ?", note: "↑↓ · Esc", lines: lines(lang),
                         contentWidth: contentWidth(lang), offset: offset)
    }
}
