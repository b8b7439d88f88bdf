import Foundation
import Testing
import ProcTutorCore
@testable import ProcTutorLessons

/// Runs the real python3 tokenizer over real files.
@Suite struct PythonTokensTests {
    func write(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pytokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("demo.py").path
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
}
