import Foundation
import Testing

/// The real binary speaks the UI's language: `--lang zh` (or a zh locale) gives Chinese errors, stop reasons and
/// summaries; `--json` stays English (a data format); argparse's own usage lines stay English.
@Suite struct CLILanguageTests {
    static func sleeper() throws -> String {
        let path = NSTemporaryDirectory() + "proctutor-cli-lang-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).py"
        try "import time\nprint('asleep', flush=True)\ntime.sleep(30)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func unknownLessonInChinese() throws {
        let r = try CommandTests.run(["run", "no-such-lesson", "--lang", "zh"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("proctutor run：no-such-lesson 既不是文件也不是课程：没有 'no-such-lesson' 这一课；现有的课："),
                "\(r.stderr)")
        #expect(!r.stderr.contains("no lesson"))
    }

    @Test func missingFileInChinese() throws {
        let r = try CommandTests.run(["run", "missing-here.py", "--lang", "zh"])
        #expect(r.status == 2)
        #expect(r.stderr == "proctutor run：missing-here.py：没有这个文件\n", "\(r.stderr)")
        let w = try CommandTests.run(["watch", "missing-here.py", "--lang", "zh"])
        #expect(w.status == 2)
        #expect(w.stderr == "proctutor watch：missing-here.py：没有这个文件\n", "\(w.stderr)")
        let p = try CommandTests.run(["replay", "missing-here.ndjson", "--lang", "zh"])
        #expect(p.stderr == "proctutor replay：missing-here.ndjson：没有这个文件\n", "\(p.stderr)")
    }

    @Test func timeoutInChinese() throws {
        let file = try Self.sleeper()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try CommandTests.run(["run", file, "--timeout", "1", "--lang", "zh"])
        #expect(r.status == 124)
        #expect(r.stdout.contains("out  asleep"))
        #expect(r.stdout.contains("已停止（超时）：运行超过了 1 秒的时限，整个进程树已被停止。"), "\(r.stdout)")
        #expect(r.stdout.contains("总结：退出码 124，1 个进程，同时存活最多 1 个，"), "\(r.stdout)")
        #expect(!r.stdout.contains("took longer"))
        // The recording is a data format: English whatever the language.
        let j = try CommandTests.run(["run", file, "--timeout", "1", "--lang", "zh", "--json"])
        #expect(j.status == 124)
        #expect(j.stdout.contains(#""reason":"timeout","detail":"the run took longer than 1 s; the whole tree was stopped""#),
                "\(j.stdout)")
    }

    /// Without `--lang` the locale decides (LC_ALL, LC_MESSAGES, LANG); `--lang` wins over it.
    @Test func theLocaleDecidesWithoutLang() throws {
        let zh = try CommandTests.run(["run", "missing-here.py"], env: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"])
        #expect(zh.stderr == "proctutor run：missing-here.py：没有这个文件\n", "\(zh.stderr)")
        let en = try CommandTests.run(["run", "missing-here.py", "--lang", "en"], env: ["LANG": "zh_CN.UTF-8"])
        #expect(en.stderr == "proctutor run: missing-here.py: no such file\n", "\(en.stderr)")
    }

    /// Our own checks of the options speak Chinese; the usage lines around them are argparse's (English).
    @Test func optionChecksInChinese() throws {
        let r = try CommandTests.run(["run", "x.py", "--timeout", "0", "--lang", "zh"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--timeout 必须大于 0 秒"), "\(r.stderr)")
        let c = try CommandTests.run(["check", "/no/such/folder", "--lang", "zh"])
        #expect(c.status == 2)
        #expect(c.stderr == "proctutor check：'/no/such/folder' 不存在或不是文件夹\n", "\(c.stderr)")
    }
}

extension CLILanguageTests {
    /// `--repeat` in Chinese: each run's line and the tally.
    @Test func repeatInChinese() throws {
        let file = NSTemporaryDirectory() + "proctutor-cli-lang-repeat-\(getpid()).py"
        try "print('hi')\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try CommandTests.run(["run", file, "--repeat", "2", "--lang", "zh"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("第 1/2 次：总结：退出码 0，1 个进程"), "\(r.stdout)")
        #expect(r.stdout.contains("统计：2 次运行"), "\(r.stdout)")
        #expect(r.stdout.contains("  退出码：0 ×2"), "\(r.stdout)")
        let bad = try CommandTests.run(["run", file, "--repeat", "0", "--lang", "zh"])
        #expect(bad.stderr == "proctutor run：--repeat 必须在 1 到 1000 之间，而不是 0\n", "\(bad.stderr)")
    }
}
