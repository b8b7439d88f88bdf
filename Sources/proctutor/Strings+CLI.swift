import ArgumentParser
import Foundation
import ProcTutorCore
import ProcTutorSystem
import ProcTutorLessons
import ProcTutorSupervisor

/// What the `proctutor` executable itself prints (errors, notes), in both languages: the same `Localized` table
/// as the UI's `S`. swift-argument-parser's own usage errors (an unknown option, a missing argument) stay English.
enum CLI {
    // run
    static func repeatRange(_ limit: Int, _ n: Int) -> Localized {
        Localized(zh: "proctutor run：--repeat 必须在 1 到 \(limit) 之间，而不是 \(n)",
                  en: "proctutor run: --repeat must be from 1 to \(limit), not \(n)")
    }
    static let variantOnFile = Localized(zh: "proctutor run：--variant 只用于课程，不能用于文件",
                                         en: "proctutor run: --variant applies to lessons, not to a file")
    static func noSuchFile(_ command: String, _ path: String) -> Localized {
        Localized(zh: "proctutor \(command)：\(path)：没有这个文件", en: "proctutor \(command): \(path): no such file")
    }
    static func neitherFileNorLesson(_ target: String, _ why: String, lang: Lang) -> String {
        Localized(zh: "proctutor run：\(target) 既不是文件也不是课程：\(why)",
                  en: "proctutor run: \(target) is neither a file nor a lesson: \(why)")[lang]
    }
    static func notAFileAnd(_ target: String, _ why: String, lang: Lang) -> String {
        Localized(zh: "proctutor run：\(target) 不是文件，而且\(why)", en: "proctutor run: \(target) is not a file, and \(why)")[lang]
    }
    static func noVariant(_ lesson: String, _ variant: String, _ names: String) -> Localized {
        Localized(zh: "proctutor run：第 \(lesson) 课没有 '\(variant)' 这个版本；它的版本有：\(names)",
                  en: "proctutor run: lesson \(lesson) has no variant '\(variant)'; its variants: \(names)")
    }

    // watch
    static func isFolder(_ file: String) -> Localized {
        Localized(zh: "proctutor watch：\(file) 是文件夹；请给一个 Python 文件（例如 \(file)/main.py）",
                  en: "proctutor watch: \(file) is a folder; give a Python file (for example \(file)/main.py)")
    }
    static func notPython(_ file: String) -> Localized {
        Localized(zh: "proctutor watch：\(file) 不是 Python 文件（文件名必须以 .py 结尾）",
                  en: "proctutor watch: \(file) is not a Python file (its name must end in .py)")
    }
    static func unreadable(_ command: String, _ file: String) -> Localized {
        Localized(zh: "proctutor \(command)：\(file)：无法读取（没有权限）",
                  en: "proctutor \(command): \(file): cannot read it (permission denied)")
    }
    static func noFullScreen(_ command: String, _ why: String) -> Localized {
        Localized(zh: "proctutor \(command)：\(why)；改为逐行打印事件", en: "proctutor \(command): \(why); printing the events instead")
    }

    // check
    static func notAFolder(_ dir: String) -> Localized {
        Localized(zh: "proctutor check：'\(dir)' 不存在或不是文件夹", en: "proctutor check: '\(dir)' does not exist or is not a folder")
    }
    static func checked(lessons: Int, in dir: String, errors e: Int, warnings w: Int) -> Localized {
        Localized(zh: "检查了 \(dir) 里的 \(lessons) 课：\(e) 个错误，\(w) 个警告",
                  en: "checked \(lessons) lesson\(lessons == 1 ? "" : "s") in \(dir): "
                    + "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")")
    }

    // learn, lessons, quiz
    static func noLessons(_ dir: String) -> Localized {
        Localized(zh: "proctutor：\(dir) 里没有课程；请运行 `proctutor check \(dir)`",
                  en: "proctutor: no lessons in \(dir); run `proctutor check \(dir)`")
    }
    static func hasProblems(_ dir: String) -> Localized {
        Localized(zh: "proctutor：\(dir) 有问题；运行 `proctutor check` 查看",
                  en: "proctutor: \(dir) has problems; run `proctutor check` to see them")
    }
    static func plainTextInstead(_ why: String) -> Localized {
        Localized(zh: "proctutor：\(why)；改为显示纯文本", en: "proctutor: \(why); showing the plain text")
    }
    static func quizPlainInstead(_ why: String) -> Localized {
        Localized(zh: "proctutor：\(why)；改用逐行模式做测验", en: "proctutor: \(why); the quiz in plain mode instead")
    }

    // replay
    static func replay(_ zh: String, _ en: String) -> Localized {
        Localized(zh: "proctutor replay：" + zh, en: "proctutor replay: " + en)
    }

    /// An error of the engine or the lessons in `lang` when it has both languages, else as it describes itself.
    static func text(of error: Error, _ lang: Lang) -> String {
        switch error {
        case let e as RunError: e.text(lang)
        case let e as LessonLibraryError: e.text(lang)
        default: "\(error)"
        }
    }
}

/// Prints `message` in `lang` on stderr and gives the exit code to throw.
func failure(_ message: Localized, _ lang: Lang, code: Int32 = 2) -> ExitCode {
    failure(message[lang], code: code)
}

/// The language of a command that has no `--lang`: the locale's.
var environmentLang: Lang { Lang.preferred(environment: ProcessInfo.processInfo.environment) }
