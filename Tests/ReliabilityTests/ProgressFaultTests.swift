import Foundation
import Glibc
import ProcTutorCore
import ProcTutorLessons
import Testing
import TestSupport

/// The progress file under abuse (issue 5, bad files): damaged files, a folder that cannot be written, real
/// `proctutor` processes saving at once and killed with SIGKILL in the middle of saving. Progress is never
/// corrupted and never silently lost: a bad file is set aside byte for byte and reported with its path.
@Suite("Progress file faults", .serialized, .timeLimit(.minutes(3)))
struct ProgressFaultTests {
    // MARK: - Damaged files, in-process

    /// A valid file with some progress in it, as the store writes it.
    func validFile(in dir: String) -> Data {
        let store = ProgressStore(directory: dir)
        store.update {
            $0.recordQuiz(lesson: "01-fork", score: QuizScore(correct: 5, total: 6, at: Date(timeIntervalSince1970: 1_800_000_000)))
            $0.markDone(lesson: "01-fork")
            $0.open(lesson: "02-process", at: Date(timeIntervalSince1970: 1_800_000_100))
        }
        return FileManager.default.contents(atPath: store.file)!
    }

    @Test("truncated, garbage and wrong-typed files are set aside intact, reported with their path, and saving goes on")
    func damaged() throws {
        let dir = try Paths.scratch("progress")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = [UInt8](validFile(in: dir))
        var rng = SplitMix64(seed: FuzzSettings.seed)
        var damages: [(String, [UInt8])] = [
            ("empty", []),
            ("garbage", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }),
            ("NUL bytes", [UInt8](repeating: 0, count: 512)),
            ("lessons is a list", Array(#"{"version":1,"lessons":[1,2]}"#.utf8)),
            ("done is a string", Array(#"{"lessons":{"01-fork":{"done":"yes"}}}"#.utf8)),
            ("score is negative text", Array(#"{"lessons":{"01-fork":{"best_score":{"correct":"-1","total":6}}}}"#.utf8)),
            ("top level is an array", Array("[]".utf8)),
            ("a date that is not a date", Array(#"{"lessons":{},"last_lesson":"x","last_lesson_at":"yesterday"}"#.utf8)),
            ("huge number", Array(#"{"lessons":{"a":{"best_score":{"correct":1e400,"total":1}}}}"#.utf8)),
            ("invalid UTF-8", good.prefix(20) + [0xFF, 0xFE] + good.dropFirst(20)),
        ]
        for cut in stride(from: 1, to: good.count, by: max(1, good.count / 25)) {
            damages.append(("truncated at \(cut)", Array(good.prefix(cut))))
        }
        var setAside = 0
        for (what, bytes) in damages {
            let caseDir = dir + "/case"
            try? FileManager.default.removeItem(atPath: caseDir)
            try FileManager.default.createDirectory(atPath: caseDir, withIntermediateDirectories: true)
            let store = ProgressStore(directory: caseDir)
            TestFile.write(store.file, Data(bytes))

            let (loaded, problems) = store.load()
            let files = try FileManager.default.contentsOfDirectory(atPath: caseDir)
            let aside = files.filter { $0.hasPrefix("progress.json.corrupt-") }
            if problems.isEmpty {
                // Accepted: then it must really be a readable file (e.g. a truncation that is still valid JSON).
                #expect(aside.isEmpty, "\(what): set aside without a word")
                continue
            }
            setAside += 1
            #expect(problems.count == 1 && problems[0].contains(store.file), "\(what): \(problems)")
            #expect(loaded == StudentProgress(), "\(what): a damaged file loads as empty progress")
            #expect(aside.count == 1, "\(what): the damaged file is kept aside: \(files)")
            if let name = aside.first {
                #expect(FileManager.default.contents(atPath: caseDir + "/" + name) == Data(bytes),
                        "\(what): the set-aside file is the original, byte for byte")
                #expect(problems[0].contains(name), "\(what): the message says where the file went: \(problems[0])")
            }
            // Saving afterwards works and gives a valid file.
            let (_, saveProblems) = store.update { $0.markDone(lesson: "03-subclass") }
            #expect(saveProblems.isEmpty, "\(what): \(saveProblems)")
            #expect(store.load().0[lesson: "03-subclass"].done, "\(what)")
        }
        Figures.record("progress file: \(damages.count) damaged files, \(setAside) set aside and reported, 0 crashes")
    }

    @Test("a folder that cannot be written: a message with the path, the tutorial goes on, nothing on disk is hurt")
    func unwritable() throws {
        // We may be root, who can write anywhere a mode allows: use places no one can write.
        for base in ["/proc", "/dev/null"] {
            let store = ProgressStore(directory: base + "/proctutor")
            let (progress, problems) = store.update { $0.markDone(lesson: "01-fork") }
            #expect(progress[lesson: "01-fork"].done, "the caller still gets the progress to show")
            #expect(problems.count == 1 && problems[0].contains(base + "/proctutor"), "\(problems)")
            #expect(problems.allSatisfy { $0.contains("not saved") })
        }
        // A progress.json that is a folder.
        let dir = try Paths.scratch("progress-dir")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try FileManager.default.createDirectory(atPath: store.file, withIntermediateDirectories: true)
        let (_, problems) = store.update { $0.markDone(lesson: "01-fork") }
        #expect(!problems.isEmpty && problems.allSatisfy { $0.contains(store.file) }, "\(problems)")
    }

    @Test("the real binary reports a damaged progress file on stderr and keeps it")
    func binaryReports() throws {
        let lessons = try QuizLessons.make(count: 1)
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let state = lessons + "/state"
        try FileManager.default.createDirectory(atPath: state + "/proctutor", withIntermediateDirectories: true)
        TestFile.write(state + "/proctutor/progress.json", Data("{\"lessons\": [".utf8))
        let answers = lessons + "/answers"
        TestFile.write(answers, Data("b\n".utf8))
        let p = try Spawned.proctutor(["quiz", "1", "--plain", "--lessons", lessons], environment: ["XDG_STATE_HOME": state],
                                      stdin: answers)
        defer { p.cleanUp() }
        #expect(try p.wait() == 0, "stderr: \(p.stderr)")
        #expect(p.stderr.contains(state + "/proctutor/progress.json"), "stderr: \(p.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: state + "/proctutor")
        #expect(files.contains { $0.hasPrefix("progress.json.corrupt-") }, "\(files)")
        #expect(ProgressStore(directory: state + "/proctutor").load().0[lesson: "01-q"].done)
    }

    // MARK: - Real processes

    @Test("several proctutor processes finishing quizzes at once lose nothing")
    func concurrentSaves() throws {
        let n = 8
        let rounds = FuzzSettings.count("PROCTUTOR_PROGRESS_ROUNDS", default: 3)
        let lessons = try QuizLessons.make(count: n)
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let answers = lessons + "/answers"
        TestFile.write(answers, Data("b\n".utf8))
        var saves = 0
        for round in 0..<rounds {
            let state = lessons + "/state-\(round)"
            let procs = try (1...n).map { k in
                try Spawned.proctutor(["quiz", String(k), "--plain", "--lessons", lessons],
                                      environment: ["XDG_STATE_HOME": state], stdin: answers)
            }
            defer { procs.forEach { $0.cleanUp() } }
            for p in procs { #expect(try p.wait() == 0, "stderr: \(p.stderr)") }
            saves += 2 * n
            let (progress, problems) = ProgressStore(directory: state + "/proctutor").load()
            #expect(problems.isEmpty, "\(problems)")
            for k in 1...n {
                let id = QuizLessons.id(k)
                #expect(progress[lesson: id].done, "round \(round): lesson \(id) lost")
                #expect(progress[lesson: id].bestScore?.correct == 1, "round \(round): score of \(id) lost")
            }
        }
        Figures.record("progress: \(rounds) rounds of \(n) proctutor processes saving at once (\(saves) saves), 0 lost")
    }

    @Test("kill -9 during saves never corrupts the file nor loses what was saved before")
    func killDuringSave() throws {
        let iterations = FuzzSettings.count("PROCTUTOR_KILL_ITERATIONS", default: 12)
        let n = 4
        let lessons = try QuizLessons.make(count: n)
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let answers = lessons + "/answers"
        TestFile.write(answers, Data("b\n".utf8))
        let state = lessons + "/state"
        let dir = state + "/proctutor"
        // A big file makes each save long enough for the kills to land inside it.
        var baseline = StudentProgress()
        for i in 0..<1000 {
            baseline.recordQuiz(lesson: "old-\(i)", score: QuizScore(correct: i % 7, total: 7, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i))))
        }
        #expect(ProgressStore(directory: dir).save(baseline).1.isEmpty)

        var rng = SplitMix64(seed: FuzzSettings.seed)
        var killed = 0, completed = 0, midSave = 0
        var mustHave = Set<String>()
        for round in 0..<iterations {
            let procs = try (1...n).map { k in
                try Spawned.proctutor(["quiz", String(k), "--plain", "--lessons", lessons],
                                      environment: ["XDG_STATE_HOME": state], stdin: answers)
            }
            defer { procs.forEach { $0.cleanUp() } }
            if round % 2 == 0 {
                // Targeted: kill a process the moment its temporary file appears, i.e. inside its write.
                let pids = Set(procs.map(\.pid))
                var hit = Set<pid_t>()
                while procs.contains(where: { $0.poll() == nil }) {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
                    for name in names where name.hasPrefix(".progress.json.tmp-") {
                        let parts = name.dropFirst(".progress.json.tmp-".count).split(separator: "-")
                        if let pid = parts.first.flatMap({ pid_t($0) }), pids.contains(pid), !hit.contains(pid),
                           Bool.random(using: &rng) {
                            hit.insert(pid)
                            kill(pid, SIGKILL)
                        }
                    }
                    usleep(500)
                }
                midSave += hit.count
            } else {
                // Untargeted: kill some of them at a random moment.
                usleep(UInt32.random(in: 20_000...1_500_000, using: &rng))
                for p in procs where Bool.random(using: &rng) { p.signal(SIGKILL) }
            }
            for (k, p) in procs.enumerated() {
                let status = try p.wait()
                if status == 128 + SIGKILL { killed += 1 } else if status == 0 {
                    completed += 1
                    mustHave.insert(QuizLessons.id(k + 1))
                }
            }
            let (progress, problems) = ProgressStore(directory: dir).load()
            #expect(problems.isEmpty, "the file was corrupted: \(problems)")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(!files.contains { $0.contains("corrupt") }, "a file was set aside: \(files)")
            for i in stride(from: 0, to: 1000, by: 37) {
                #expect(progress[lesson: "old-\(i)"] == baseline[lesson: "old-\(i)"], "old-\(i) lost")
            }
            #expect(progress.lessons.count >= 1000)
            for id in mustHave { #expect(progress[lesson: id].done, "\(id) was saved by a process that finished, then lost") }
            if problems.isEmpty == false { break }
        }
        // The next save clears what killed writers left behind.
        #expect(ProgressStore(directory: dir).update { $0.markDone(lesson: "after") }.1.isEmpty)
        let leftovers = (try FileManager.default.contentsOfDirectory(atPath: dir)).filter { $0.hasPrefix(".progress.json.tmp") }
        #expect(leftovers.isEmpty, "temporary files of killed saves pile up: \(leftovers.count)")
        Figures.record("progress: \(iterations) rounds of \(n) processes, \(killed) killed with SIGKILL "
            + "(\(midSave) of them inside a write), \(completed) completed, 0 corrupt, 0 lost")
    }
}

/// A lessons folder of tiny lessons with one single-choice question each (answer b), so a quiz finishes at
/// once and saves progress without running a demo.
enum QuizLessons {
    static func id(_ k: Int) -> String { String(format: "%02d-q", k) }

    static func make(count: Int) throws -> String {
        let dir = try Paths.scratch("quiz-lessons")
        for k in 1...count {
            let folder = dir + "/" + id(k)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let yaml = """
                id: \(id(k))
                number: \(k)
                title:
                  zh: "测验 \(k)"
                  en: "Quiz \(k)"
                demos:
                  - name: demo
                    file: demo.py
                    title: { zh: "演示", en: "Demo" }
                text:
                  zh: text.zh.md
                  en: text.en.md
                quiz:
                  - id: q
                    kind: single
                    prompt: { zh: "选 b", en: "Pick b" }
                    choices:
                      - { zh: "a", en: "a" }
                      - { zh: "b", en: "b" }
                    answer: b
                    explanation: { zh: "就是 b。", en: "It is b." }

                """
            try yaml.write(toFile: folder + "/lesson.yaml", atomically: false, encoding: .utf8)
            try "print('hi')\n".write(toFile: folder + "/demo.py", atomically: false, encoding: .utf8)
            try "# 测验\n\n文字。\n".write(toFile: folder + "/text.zh.md", atomically: false, encoding: .utf8)
            try "# Quiz\n\nText.\n".write(toFile: folder + "/text.en.md", atomically: false, encoding: .utf8)
        }
        return dir
    }
}
