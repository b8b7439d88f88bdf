import Foundation
import Glibc
import ProcTutorCore
import ProcTutorSystem
import Synchronization

/// Python programs with their tokens, from Python's own `tokenize` module: the code pane's syntax colours
/// come from the real tokenizer, never from regular expressions.
///
/// All files go through one interpreter run; results are cached per file (path, size and modification time),
/// so switching lessons or variants never runs Python again. The tutorial does not wait for it: `start` gives
/// the plain text at once and a `Tokenizing` whose fd joins the loop's poll; the colours follow.
public enum PythonTokens {
    /// The token kinds in the order the script numbers them.
    static let kinds = SourceToken.Kind.allCases

    /// One record per file, length-prefixed so that Swift parses it without a JSON decoder:
    /// `PATHLEN TEXTLEN TOKLEN ERRLEN\n` (byte counts, -1 for none), then the path, the text, the tokens
    /// (`KIND SL SC EL EC` per token as space-separated integers, KIND an index into `kinds`) and the error.
    static let script = #"""
import sys, tokenize, keyword, builtins, io
KINDS = {k: i for i, k in enumerate(sys.argv[1].split(","))}
BUILTINS = set(dir(builtins))
STRINGS = {tokenize.STRING} | {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tokenize, n)}
out = sys.stdout.buffer
def field(s):
    return b"" if s is None else s.encode("utf-8", "surrogateescape")
for path in sys.argv[2:]:
    text, tokens, error = None, [], None
    try:
        with tokenize.open(path) as f:
            text = f.read()
        prev, decorating = None, False
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = None
            if tok.type == tokenize.COMMENT: kind = "comment"
            elif tok.type in STRINGS: kind = "string"
            elif tok.type == tokenize.NUMBER: kind = "number"
            elif tok.type == tokenize.OP:
                if tok.string == "@" and (prev is None or prev.type in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)):
                    kind, decorating = "decorator", True
                else:
                    kind = "op"
                    if tok.string != ".": decorating = False
            elif tok.type == tokenize.NAME:
                if decorating: kind = "decorator"
                elif keyword.iskeyword(tok.string): kind = "keyword"
                elif prev is not None and prev.type == tokenize.NAME and prev.string in ("def", "class"): kind = "definition"
                elif tok.string in BUILTINS: kind = "builtin"
                else: kind = "name"
            elif tok.type in (tokenize.NEWLINE, tokenize.NL):
                decorating = False
            if kind:
                tokens.append("%d %d %d %d %d" % (KINDS[kind], tok.start[0], tok.start[1], tok.end[0], tok.end[1]))
            if tok.type not in (tokenize.NL, tokenize.COMMENT):
                prev = tok
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, OSError, ValueError) as e:
        error = f"{type(e).__name__}: {e}"
    fields = [field(path), field(text), " ".join(tokens).encode(), field(error)]
    sizes = [len(fields[0]), -1 if text is None else len(fields[1]), len(fields[2]), -1 if error is None else len(fields[3])]
    out.write((" ".join(map(str, sizes)) + "\n").encode() + b"".join(fields))
out.flush()
"""#

    struct Key: Hashable {
        var path: String
        var size: Int
        var modified: Double
    }

    private static let cache = Mutex<[Key: SourceCode]>([:])

    /// The programs at `files` with their tokens, by path, waiting for the tokenizer. A file Python cannot
    /// tokenize keeps the tokens it got before the error; a file that cannot be read is left out. When Python
    /// itself cannot run, the text comes without tokens (plain, but readable).
    public static func load(files: [String], python: String = "python3") -> [String: SourceCode] {
        let (now, pending) = start(files: files, python: python)
        guard let pending else { return now }
        return now.merging(pending.waitUntilDone()) { $1 }
    }

    /// Starts tokenizing `files` without waiting: returns at once what is known now (cached files with their
    /// tokens, the others as plain text) and, when some need Python, the tokenizer run that will colour them.
    public static func start(files: [String], python: String = "python3")
        -> (sources: [String: SourceCode], pending: Tokenizing?)
    {
        var result: [String: SourceCode] = [:]
        var missing: [(String, Key)] = []
        for path in files {
            guard let key = key(for: path) else { continue }
            if let hit = cache.withLock({ $0[key] }) { result[path] = hit } else { missing.append((path, key)) }
        }
        guard !missing.isEmpty else { return (result, nil) }
        result.merge(plain(files: missing.map(\.0))) { $1 }
        return (result, Tokenizing(missing, python: python))
    }

    /// The programs at `files` as plain text (no tokens, no Python), by path; a file that cannot be read is
    /// left out. The tutorial's first frame shows its lesson's code this way, before `start` runs at all.
    public static func plain(files: [String]) -> [String: SourceCode] {
        var result: [String: SourceCode] = [:]
        for path in files {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { result[path] = SourceCode(text: text) }
        }
        return result
    }

    /// The file's cache key from one `stat` (of the file a symbolic link points to, whose edits are the ones that
    /// count). Not `FileManager.attributesOfItem`: it looks up the owner's and group's names too, reading
    /// `/etc/passwd` and `/etc/group` for every demo before the tutorial's first frame.
    static func key(for path: String) -> Key? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let modified = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        return Key(path: path, size: Int(st.st_size), modified: modified)
    }

    /// Parses the script's output: every complete record, by path. A truncated record ends the parse.
    static func parse(_ bytes: [UInt8]) -> [String: SourceCode] {
        var result: [String: SourceCode] = [:]
        var i = 0
        func int() -> Int? {
            var negative = false, n = 0, digits = 0
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                n = n * 10 + Int(bytes[i] - 48)
                i += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
            if i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\n") { i += 1 }
            return negative ? -n : n
        }
        while i < bytes.count {
            guard let pathLen = int(), let textLen = int(), let tokLen = int(), let errLen = int() else { break }
            let total = pathLen + max(0, textLen) + tokLen + max(0, errLen)
            guard pathLen >= 0, tokLen >= 0, i + total <= bytes.count else { break }
            let path = String(decoding: bytes[i..<i + pathLen], as: UTF8.self)
            i += pathLen
            let text = textLen < 0 ? nil : String(decoding: bytes[i..<i + textLen], as: UTF8.self)
            i += max(0, textLen)
            let tokenEnd = i + tokLen
            var tokens: [SourceToken] = []
            tokens.reserveCapacity(tokLen / 12)
            var f = [0, 0, 0, 0, 0]
            var k = 0
            while i < tokenEnd {
                var n = 0
                while i < tokenEnd, bytes[i] >= 48, bytes[i] <= 57 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
                f[k] = n
                k += 1
                if k == 5 {
                    if f[0] < kinds.count {
                        tokens.append(SourceToken(kind: kinds[f[0]], startLine: f[1], startColumn: f[2],
                                                  endLine: f[3], endColumn: f[4]))
                    }
                    k = 0
                }
                if i < tokenEnd { i += 1 }  // the space
            }
            i = tokenEnd + max(0, errLen)
            if let text { result[path] = SourceCode(text: text, tokens: tokens) }
        }
        return result
    }

    /// One tokenizer run in progress: its output fd for the caller's poll, read as it becomes readable.
    public final class Tokenizing {
        private let script: PythonScript.Running
        private let files: [(String, Key)]
        private var output: [UInt8] = []
        private var done = false

        /// The fd to poll for readability; `readAvailable` after each wake-up.
        public var fd: Int32 { script.fd }

        fileprivate init?(_ files: [(String, Key)], python: String) {
            self.files = files
            guard let started = PythonScript.start(
                python: python,
                arguments: ["-I", "-c", PythonTokens.script, kinds.map(\.rawValue).joined(separator: ",")] + files.map(\.0))
            else { return nil }
            script = started
        }

        /// Reads what arrived (call when `fd` is readable: it does not wait then). Returns the tokenized
        /// sources once the run has ended, nil while it is still going.
        public func readAvailable() -> [String: SourceCode]? {
            guard !done else { return [:] }
            if let chunk = script.readAvailable() {
                output += chunk
                return nil
            }
            return finish()
        }

        /// Blocks until the run ends; its sources.
        public func waitUntilDone() -> [String: SourceCode] {
            guard !done else { return [:] }
            output += script.readToEnd()
            return finish()
        }

        /// Stops the run (the student left before the colours arrived).
        public func cancel() {
            guard !done else { return }
            done = true
            script.terminate()
        }

        private func finish() -> [String: SourceCode] {
            done = true
            script.wait()
            let fresh = PythonTokens.parse(output)
            output = []
            var result: [String: SourceCode] = [:]
            for (path, key) in files {
                // Python could not run or not read it: keep it plain, uncached, so a later run may colour it.
                guard let source = fresh[path] else { continue }
                result[path] = source
                cache.withLock { $0[key] = source }
            }
            return result
        }
    }
}
