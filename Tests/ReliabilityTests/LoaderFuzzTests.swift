import Foundation
import Glibc
import ProcTutorLessons
import Testing
import TestSupport

/// Fuzzes the lesson and quiz loaders with damaged copies of the real lessons (issue 5, bad files): thousands of
/// seeded, repeatable cases, run in-process. Never a crash; every problem names its file (and a line and column
/// wherever the file has them); a lesson that cannot load always says why.
///
/// `PROCTUTOR_FUZZ_SEED`, `PROCTUTOR_FUZZ_CASES` and `PROCTUTOR_FUZZ_CASE` (replay one case) tune it; a crash
/// prints the seed and case before the process dies.
@Suite("Lesson loader fuzz", .serialized)
struct LoaderFuzzTests {
    static let files = ["lesson.yaml", "lesson.yaml", "lesson.yaml", "lesson.yaml", "text.zh.md", "text.en.md"]

    @Test("mutated lesson files never crash the loader and every problem says where")
    func fuzz() throws {
        let seed = FuzzSettings.seed
        let cases = FuzzSettings.count("PROCTUTOR_FUZZ_CASES", default: 1000)
        let scratch = try Paths.scratch("fuzz")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let lessonNames = try FileManager.default.contentsOfDirectory(atPath: Paths.lessons)
            .filter { $0.first?.isNumber == true }.sorted()
        #expect(lessonNames.count >= 5)
        var originals: [String: [String: [UInt8]]] = [:]
        for name in lessonNames {
            try FileManager.default.copyItem(atPath: Paths.lessons + "/" + name, toPath: scratch + "/" + name)
            for file in Set(Self.files) {
                originals[name, default: [:]][file] = Array(FileManager.default.contents(atPath: "\(scratch)/\(name)/\(file)")!)
            }
        }

        CrashReporter.install()
        defer { CrashReporter.clear() }
        var stats = (cases: 0, rejected: 0, withProblems: 0, positioned: 0, problems: 0, unchanged: 0)
        var unsafeMessages = 0
        let range = FuzzSettings.onlyCase.map { $0...$0 } ?? 0...(cases - 1)
        for n in range {
            var rng = SplitMix64(seed: seed &+ UInt64(n) &* 0x9E37_79B9)
            let lesson = lessonNames.randomElement(using: &rng)!
            let file = Self.files.randomElement(using: &rng)!
            let original = originals[lesson]![file]!
            let (mutated, what) = Mutator.mutate(original, using: &rng)
            let folder = scratch + "/" + lesson
            let path = folder + "/" + file
            let replay = "PROCTUTOR_FUZZ_SEED=\(seed) PROCTUTOR_FUZZ_CASE=\(n): \(lesson)/\(file): \(what.joined(separator: "; "))"
            CrashReporter.set(replay)
            Self.write(mutated, to: path)

            let started = Date()
            let loaded = LessonLoader.load(folder: folder)
            let took = Date().timeIntervalSince(started)
            if took > 0.05, FuzzSettings.environment["PROCTUTOR_FUZZ_SLOW"] != nil {
                print(String(format: "slow case %d: %.3f s: %@", n, took, replay))
            }

            stats.cases += 1
            if mutated == original { stats.unchanged += 1 }
            if loaded.lesson == nil {
                stats.rejected += 1
                #expect(loaded.problems.contains { $0.severity == .error }, "rejected without an error: \(replay)")
            }
            if !loaded.problems.isEmpty { stats.withProblems += 1 }
            var lineCount: Int?
            for p in loaded.problems {
                stats.problems += 1
                if p.line != nil { stats.positioned += 1 }
                #expect(p.path.hasPrefix(folder), "a problem without the file's path: \(p) — \(replay)")
                #expect(!p.message.isEmpty, "an empty message — \(replay)")
                if let unsafe = TerminalSafety.firstProblem(in: Data(p.description.utf8), allowing: [0x0A, 0x09]) {
                    unsafeMessages += 1
                    if unsafeMessages <= 3 { Issue.record("a message that is unsafe to print (\(unsafe)) — \(replay)") }
                }
                #expect(p.description.hasPrefix(p.path + (p.line.map { ":\($0)" } ?? "")), "\(p) — \(replay)")
                if let line = p.line, p.path == path {
                    lineCount = lineCount ?? Self.lines(in: mutated)
                    #expect(line >= 1 && line <= lineCount! + 1, "line \(line) outside the file — \(replay)")
                }
            }
            Self.write(original, to: path)
        }
        CrashReporter.clear()
        #expect(stats.withProblems > stats.cases / 2, "the mutations are meant to break things: \(stats)")
        Figures.record("loader fuzz (seed \(seed)): \(stats.cases) cases, 0 crashes, \(stats.rejected) lessons rejected "
            + "with an error, \(stats.withProblems) cases with problems, \(stats.problems) problems of which "
            + "\(stats.positioned) with line:col")
    }

    /// Replaces a file's bytes in place (plain write(2): FileManager's atomic writes would dominate the run).
    static func write(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0, "cannot write \(path)")
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                precondition(n > 0)
                off += n
            }
        }
        close(fd)
    }

    /// The number of lines (newlines + 1), counted with memchr: the test runs unoptimised.
    static func lines(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            var count = 1
            var p = raw.baseAddress!
            var left = raw.count
            while left > 0, let hit = memchr(p, 0x0A, left) {
                count += 1
                let skip = UnsafeRawPointer(hit) - p + 1
                p += skip
                left -= skip
            }
            return count
        }
    }

    @Test("the pristine lessons load without errors (the fuzz starts from valid files)")
    func pristine() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.lessons) where name.first?.isNumber == true {
            let loaded = LessonLoader.load(folder: Paths.lessons + "/" + name)
            #expect(loaded.lesson != nil)
            #expect(loaded.problems.filter { $0.severity == .error }.isEmpty, "\(loaded.problems)")
        }
    }
}
