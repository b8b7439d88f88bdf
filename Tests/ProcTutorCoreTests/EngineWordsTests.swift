import Testing
@testable import ProcTutorCore

/// Every English text the engine writes has a Chinese reading that keeps its numbers.
@Suite struct EngineWordsTests {
    @Test func everyStopDetailReadsInChinese() {
        let cases: [(StopReason, String, [String])] = [
            (.timeout, EngineWords.timeoutDetail(seconds: 2.5), ["2.5"]),
            (.timeout, EngineWords.timeoutDetail(seconds: 60), ["60"]),
            (.leftover, EngineWords.leftoverDetail(seconds: 3), ["3"]),
            (.processLimit, EngineWords.processLimitDetail(alive: 300, limit: 256), ["300", "256"]),
            (.userStop, EngineWords.userStopDetail, []),
            (.interrupt, EngineWords.interruptDetail, []),
            (.supervisorLost, EngineWords.supervisorLostDetail, []),
        ]
        for (reason, detail, numbers) in cases {
            let zh = EngineWords.stopSentence(reason, detail: detail, .zh)
            #expect(!zh.contains("the ") && zh.contains("。"), "\(reason): \(zh)")
            for n in numbers { #expect(zh.contains(n), "\(reason): \(zh) lacks \(n)") }
            let en = EngineWords.stopSentence(reason, detail: detail, .en)
            for n in numbers { #expect(en.contains(n), "\(reason): \(en) lacks \(n)") }
        }
    }

    @Test func everyNoticeReadsInChinese() {
        let notices = [EngineWords.garbageLineNotice, EngineWords.forgedRecordNotice(pid: 4242),
                       EngineWords.garbageCountNotice(7), EngineWords.unknownCommandNotice("jump"),
                       EngineWords.invalidConfigurationNotice]
        for n in notices {
            let zh = EngineWords.notice(n, .zh)
            #expect(zh != n && !zh.contains(" the "), "\(n) → \(zh)")
            #expect(EngineWords.notice(n, .en) == n)
        }
        #expect(EngineWords.notice(EngineWords.forgedRecordNotice(pid: 4242), .zh).contains("4242"))
        #expect(EngineWords.notice(EngineWords.garbageCountNotice(7), .zh).contains("7"))
        // A notice the engine does not write (a run-start error) stays as it is.
        #expect(EngineWords.notice("python3: something else", .zh) == "python3: something else")
    }

    @Test func plainLinesInChinese() {
        let stop = PlainFormat.line(Event(t: 1, .stopped(reason: .timeout, detail: EngineWords.timeoutDetail(seconds: 1))), lang: .zh)
        #expect(stop == "+1.000s  已停止（超时）：运行超过了 1 秒的时限，整个进程树已被停止。")
        let summary = PlainFormat.line(Event(t: 2, .summary(Summary(exitCode: 3, processes: 4, maxAlive: 2, duration: 2,
                                                                    unretrievedFailures: 1))), lang: .zh)
        #expect(summary == "+2.000s  总结：退出码 3，4 个进程，同时存活最多 2 个，2.000 秒，1 个失败的任务没有人用 .get() 取回")
        // The event lines stay one form for grep.
        let exit = Event(t: 0.5, .exit(pid: 10, code: 0, signal: nil))
        #expect(PlainFormat.line(exit, lang: .zh) == PlainFormat.line(exit))
    }
}
