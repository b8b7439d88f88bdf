import Foundation
import ProcTutorCore
import Synchronization

/// Python programs with their tokens, from Python's own `tokenize` module: the code pane's syntax colours
/// come from the real tokenizer, never from regular expressions.
///
/// All files go through one interpreter run; results are cached per file (path, size and modification time),
/// so switching lessons or variants never runs Python again.
public enum PythonTokens {
    static let script = #"""
import sys, json, tokenize, keyword, builtins, io
BUILTINS = set(dir(builtins))
STRINGS = {tokenize.STRING} | {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tokenize, n)}
for path in sys.argv[1:]:
    out = {"path": path, "text": None, "tokens": [], "error": None}
    try:
        with tokenize.open(path) as f:
            text = f.read()
        out["text"] = text
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
                out["tokens"].append([kind, tok.start[0], tok.start[1], tok.end[0], tok.end[1]])
            if tok.type not in (tokenize.NL, tokenize.COMMENT):
                prev = tok
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, OSError, ValueError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
    print(json.dumps(out, ensure_ascii=False))
"""#

    struct Output: Decodable {
        var path: String
        var text: String?
        var tokens: [[TokenField]]
        var error: String?
    }

    enum TokenField: Decodable {
        case string(String), int(Int)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .string(try c.decode(String.self)) }
        }
    }

    struct Key: Hashable {
        var path: String
        var size: Int
        var modified: Double
    }

    private static let cache = Mutex<[Key: SourceCode]>([:])

    /// The programs at `files` with their tokens, by path. A file Python cannot tokenize keeps the tokens it
    /// got before the error; a file that cannot be read is left out. When Python itself cannot run, the text
    /// comes without tokens (plain, but readable).
    public static func load(files: [String], python: String = "python3") -> [String: SourceCode] {
        var result: [String: SourceCode] = [:]
        var missing: [(String, Key)] = []
        for path in files {
            guard let key = key(for: path) else { continue }
            if let hit = cache.withLock({ $0[key] }) { result[path] = hit } else { missing.append((path, key)) }
        }
        guard !missing.isEmpty else { return result }
        let fresh = tokenize(missing.map(\.0), python: python)
        for (path, key) in missing {
            let source = fresh[path]
                ?? (try? String(contentsOfFile: path, encoding: .utf8)).map { SourceCode(text: $0) }
            guard let source else { continue }
            result[path] = source
            cache.withLock { $0[key] = source }
        }
        return result
    }

    static func key(for path: String) -> Key? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attrs[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return Key(path: path, size: size, modified: modified)
    }

    /// Runs the tokenizer over `files` in one interpreter. Empty when Python cannot run.
    static func tokenize(_ files: [String], python: String) -> [String: SourceCode] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-I", "-c", script] + files
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return [:] }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var result: [String: SourceCode] = [:]
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let o = try? decoder.decode(Output.self, from: Data(line)), let text = o.text else { continue }
            result[o.path] = SourceCode(text: text, tokens: o.tokens.compactMap(token))
        }
        return result
    }

    static func token(_ fields: [TokenField]) -> SourceToken? {
        guard fields.count == 5, case let .string(k) = fields[0], let kind = SourceToken.Kind(rawValue: k),
              case let .int(sl) = fields[1], case let .int(sc) = fields[2],
              case let .int(el) = fields[3], case let .int(ec) = fields[4] else { return nil }
        return SourceToken(kind: kind, startLine: sl, startColumn: sc, endLine: el, endColumn: ec)
    }
}
