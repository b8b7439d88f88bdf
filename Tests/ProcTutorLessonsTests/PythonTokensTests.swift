import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// Runs the real python3 tokenizer over real files.
@Suite struct PythonTokensTests {
    func write(_ text: String) throws -> String {
        // In the test process's scratch folder, removed when it exits (a folder in /tmp was left by every run).
        let path = Fixture.tempDir("pytokens") + "/demo.py"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func kinds(_ s: SourceCode) -> [(SourceToken.Kind, String)] {
        let lines = s.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        return s.tokens.filter { $0.startLine == $0.endLine }.map { t in
            (t.kind, String(String.UnicodeScalarView(lines[t.startLine - 1][t.startColumn..<t.endColumn])))
        }
    }

    @Test func classifiesTokensTheWayPythonSeesThem() throws {
        let path = try write("""
            import os  # 注释
            @staticmethod
            def f(n):
                print("进程 %d" % os.getpid(), 3.5, True)
            """)
        let source = try #require(PythonTokens.load(files: [path])[path])
        let k = kinds(source)
        #expect(k.contains { $0 == (.keyword, "import") })
        #expect(k.contains { $0 == (.comment, "# 注释") })
        #expect(k.contains { $0 == (.decorator, "@") })
        #expect(k.contains { $0 == (.decorator, "staticmethod") })
        #expect(k.contains { $0 == (.definition, "f") })
        #expect(k.contains { $0 == (.builtin, "print") })
        #expect(k.contains { $0 == (.string, "\"进程 %d\"") })
        #expect(k.contains { $0 == (.number, "3.5") })
        #expect(k.contains { $0 == (.keyword, "True") })
        #expect(k.contains { $0 == (.name, "os") })
    }

    @Test func aFileWithASyntaxErrorStillShowsItsText() throws {
        let path = try write("x = '''never closed\n")
        let source = try #require(PythonTokens.load(files: [path])[path])
        #expect(source.text == "x = '''never closed\n")
        #expect(source.tokens.first?.kind == .name)
    }

    @Test func lessonDemosTokenizeInOneRun() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons")
        let files = ["04-pool/demo.py", "05-broken-pool/original.py"].map { root.appendingPathComponent($0).path }
        let loaded = PythonTokens.load(files: files)
        #expect(loaded.count == 2)
        #expect(loaded.values.allSatisfy { !$0.tokens.isEmpty })
        #expect(loaded[files[1]]?.tokens.contains { $0.kind == .comment } == true)
    }

    @Test func startGivesPlainTextAtOnceAndTheColoursThroughItsFd() throws {
        let path = try write("def f():\n    return '进程'  # 注释\n")
        let (now, pending) = PythonTokens.start(files: [path])
        // Not cached yet: the text is there at once, without tokens, and the run colours it later.
        #expect(now[path] == SourceCode(text: "def f():\n    return '进程'  # 注释\n"))
        let run = try #require(pending)
        var coloured: [String: SourceCode]?
        while coloured == nil {
            var p = pollfd(fd: run.fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, -1)
            coloured = run.readAvailable()
        }
        let source = try #require(coloured?[path])
        #expect(source == PythonTokens.load(files: [path])[path])
        #expect(kinds(source).contains { $0 == (.definition, "f") })
        #expect(kinds(source).contains { $0 == (.comment, "# 注释") })
        // Now cached: nothing left to wait for.
        #expect(PythonTokens.start(files: [path]).pending == nil)
    }

    @Test func anEditedFileGetsANewCacheKeyAlsoThroughASymbolicLink() throws {
        let path = try write("x = 1\n")
        let link = path + ".link.py"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        let before = try #require(PythonTokens.key(for: path))
        #expect(before.size == 6)
        #expect(PythonTokens.key(for: link)?.size == 6, "the key is the target's, not the link's")
        #expect(PythonTokens.key(for: path + ".missing") == nil)
        try "x = 12\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(PythonTokens.key(for: path) != before)
        #expect(PythonTokens.key(for: link)?.size == 7)
        // The tutorial reloads an edited script (`watch`): the new text comes back, not the cached one.
        #expect(PythonTokens.load(files: [link])[link]?.text == "x = 12\n")
    }

    @Test func theCompactFormatParsesWholeRecordsAndStopsAtATruncatedOne() {
        let text = "x = 1\n"
        let record = "3 \(text.utf8.count) 9 -1\na.p\(text)3 1 0 1 1"
        let parsed = PythonTokens.parse(Array((record + "4 -1 0 11\nb.pyOSError: no").utf8))
        #expect(parsed["a.p"]?.tokens == [SourceToken(kind: .name, startLine: 1, startColumn: 0, endLine: 1,
                                                       endColumn: 1)])
        #expect(parsed["b.py"] == nil)  // unreadable: no text
        #expect(PythonTokens.parse(Array(record.utf8.dropLast(3))).isEmpty)
    }
}
