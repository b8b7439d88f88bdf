import ProcTutorCore

/// What `proctutor exercise` says to the student, in both languages (plain mode and the full screen).
public enum ExerciseTexts {
    public static let created = Localized(zh: "已从起始代码复制一份给你，改这个文件：", en: "Your copy of the starter, to edit:")
    public static let existing = Localized(zh: "你之前的文件（没有被覆盖）：", en: "Your file from before (never overwritten):")
    public static let plainKeys = Localized(
        zh: "每次保存都会运行并检查。按键（再按回车）：e 编辑  h 提示  s 答案  r 重新运行  q 退出",
        en: "Every save is run and checked. Keys (then Enter): e edit  h hint  s solution  r run again  q quit")
    public static let running = Localized(zh: "运行中……", en: "running…")
    public static let fixAndSave = Localized(zh: "改好后再保存一次。", en: "Fix it and save again.")
    public static let passed = Localized(zh: "通过了！已记入进度。s 可以看参考答案。",
                                         en: "Passed! Saved in your progress. s shows the reference solution.")
    public static let askSolution = Localized(zh: "你还没有通过。现在就看参考答案吗？(y/n) ",
                                              en: "You have not passed yet. Show the reference solution now? (y/n) ")
    public static let solutionKept = Localized(zh: "好的，先不看。", en: "Not shown.")
    public static let notReset = Localized(zh: "没有重置，继续用你的文件。", en: "Not reset; your file stays as it is.")

    public static func askReset(_ path: String) -> Localized {
        Localized(zh: "从起始代码重新开始吗？\(path) 会保留为备份。(y/n) ",
                  en: "Start again from the starter? \(path) will be kept as a backup. (y/n) ")
    }

    public static func kept(_ path: String) -> Localized {
        Localized(zh: "旧文件保留为 \(path)", en: "Your old file is kept as \(path)")
    }

    public static func deleted(_ path: String, canRestore: Bool) -> Localized {
        Localized(zh: "\(path) 被删除了。仍在监视：再保存一次即可" + (canRestore ? "，或按 r 写回上次运行的版本。" : "。"),
                  en: "\(path) was deleted. Still watching: save it again" + (canRestore ? ", or press r to write back the last version run." : "."))
    }

    public static func restored(_ path: String) -> Localized {
        Localized(zh: "已写回 \(path)", en: "Wrote \(path) back")
    }

    public static func hint(_ n: Int, of total: Int) -> Localized {
        Localized(zh: "提示 \(n)/\(total)：", en: "Hint \(n)/\(total): ")
    }

    public static func noMoreHints(_ total: Int) -> Localized {
        Localized(zh: "没有更多提示了（\(total) 条都已显示）；s 可以看参考答案。",
                  en: "No more hints (all \(total) shown); s shows the reference solution.")
    }

    public static func solutionHeader(_ path: String) -> Localized {
        Localized(zh: "参考答案（\(path)）：", en: "Reference solution (\(path)):")
    }

    public static func noEditor(_ editor: String) -> Localized {
        Localized(zh: "无法启动编辑器 \(editor)；设置 $EDITOR，或者用你自己的编辑器打开这个文件。",
                  en: "Cannot start the editor \(editor); set $EDITOR, or open the file in your own editor.")
    }

    public static let deletedFullScreen = Localized(zh: "文件被删除了。仍在监视：再保存一次即可。",
                                                    en: "The file was deleted. Still watching: save it again.")
    public static let notRunYet = Localized(zh: "还没运行", en: "not run yet")
    public static let observed = Localized(zh: "实际", en: "observed")
    public static let checks = Localized(zh: "检查", en: "Checks")
    public static let hints = Localized(zh: "提示", en: "Hints")
    public static let passedFullScreen = Localized(zh: "全部通过！已记入进度。S 可以看参考答案。",
                                                   en: "All passed! Saved in your progress. S shows the reference solution.")
    public static let askSolutionFullScreen = Localized(zh: "你还没有通过。再按一次 S 就显示参考答案。",
                                                        en: "You have not passed yet. Press S again to see the reference solution.")

    public static func doesNotCompile(_ message: String) -> Localized {
        Localized(zh: "文件不能编译：\(message)。改好后再保存一次。", en: "The file does not compile: \(message). Fix it and save again.")
    }

    public static let vanished = Localized(zh: "程序运行时删除了自己的文件：其余的运行没有进行",
                                           en: "the program deleted its own file while it ran: the other runs did not take place")

    public static func count(_ k: Int, of n: Int) -> Localized {
        Localized(zh: "\(n) 项检查中通过 \(k) 项", en: "\(k) of \(n) checks passed")
    }

    /// What `x` in the tutorial says when the lesson has no exercise.
    public static let noExercise = Localized(zh: "本课没有练习。", en: "This lesson has no exercise.")

    /// y, yes, 是, 好 (full-width too).
    public static func isYes(_ answer: String) -> Bool {
        let a = answer.trimmingCharacters(in: .whitespaces).lowercased()
        return ["y", "yes", "ｙ", "是", "好", "对"].contains(a)
    }
}
