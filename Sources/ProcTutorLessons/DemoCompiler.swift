import Foundation
import ProcTutorCore
import ProcTutorSystem

/// Checks that demo programs compile, with the Python that will run them.
///
/// This is what `python3 -m py_compile` does (decode the source per PEP 263, `compile()` it), done for all files
/// in one interpreter and without writing `.pyc` files into the lessons folder (it may be read-only once
/// installed). Python's own message and position are reported.
public enum DemoCompiler {
    static let script = #"""
import sys, json, importlib.util
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            source = importlib.util.decode_source(f.read())
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        print(json.dumps({"path": path, "line": e.lineno, "col": e.offset,
                          "msg": f"{type(e).__name__}: {e.msg}"}))
    except (ValueError, UnicodeDecodeError, OSError) as e:
        print(json.dumps({"path": path, "line": None, "col": None, "msg": f"{type(e).__name__}: {e}"}))
"""#

    /// One problem per demo that does not compile (or one problem if Python cannot be run at all).
    /// - Parameter python: the interpreter, looked up on `PATH` when it has no slash.
    public static func check(_ lessons: [Lesson], python: String = "python3") -> [Diagnostic] {
        let demos = lessons.flatMap { lesson in lesson.demos.map { lesson.path(of: $0) } }
        // Exercise starters and solutions must compile too: a starter is for fixing, not for a syntax hunt.
        let exercises = lessons.flatMap { lesson in
            lesson.exercises.flatMap { [lesson.path(of: $0.starter), lesson.path(of: $0.solution)] }
        }
        var seen: Set<String> = []
        let files = (demos + exercises).filter { seen.insert($0).inserted }
            .filter { FileManager.default.fileExists(atPath: $0) }
        return check(files: files, python: python)
    }

    public static func check(files: [String], python: String = "python3") -> [Diagnostic] {
        guard !files.isEmpty else { return [] }
        let result: PythonScript.Result
        do { result = try PythonScript.run(python: python, arguments: ["-I", "-c", script] + files) } catch {
            return [Diagnostic(path: files[0], "cannot run \(python) to compile the demos: \(error)")]
        }
        if result.status != 0 {
            let why = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = result.status == 127 ? "\(python) not found on PATH" : why
            return [Diagnostic(path: files[0], "cannot compile the demos with \(python): \(reason)")]
        }
        let data = result.stdout
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = obj["path"] as? String, let msg = obj["msg"] as? String else { return nil }
            return Diagnostic(path: path, line: obj["line"] as? Int, column: obj["col"] as? Int,
                              "the demo does not compile: \(msg)")
        }
    }
}
