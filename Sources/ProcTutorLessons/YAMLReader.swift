import ProcTutorCore
import Yams

/// Typed reads from a composed YAML tree that record a positioned problem instead of throwing.
///
/// Every lesson problem must point at `path:line:col`, so the loader reads Yams nodes (which keep their marks)
/// rather than decoding with `Codable` (which loses them).
struct YAMLReader {
    let path: String
    private(set) var problems: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    mutating func report(_ node: Node?, _ message: String, severity: Diagnostic.Severity = .error) {
        problems.append(Diagnostic(path: path, line: node?.mark?.line, column: node?.mark?.column, message,
                                   severity: severity))
    }

    /// The root node of a YAML text, or nil with the parser's own message at its position.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let root = try Self.composeTree(text) else {
                problems.append(Diagnostic(path: path, line: 1, column: 1, "the file is empty; it needs the keys id, number, title, demos, text and quiz"))
                return nil
            }
            return root
        } catch let error as YamlError {
            problems.append(Self.diagnostic(for: error, path: path))
            return nil
        } catch {
            problems.append(Diagnostic(path: path, "cannot parse YAML: \(error)"))
            return nil
        }
    }

    /// The tree Yams composes with its default resolver, without paying for that resolver where it cannot matter.
    ///
    /// The reads below take every scalar as its text and style and convert it themselves, so resolving tags (the
    /// default resolver's regular expressions for numbers, booleans, null and dates, compiled at start-up and
    /// matched for every mapping key) was pure cost, ~20% of loading the lessons. Tags matter in one place only:
    /// Yams tells mapping keys apart by text and tag, so with the default resolver `1:` and `"1":` are two keys.
    /// Without resolution every implicit key is a string; when every key is a string scalar and no key repeats,
    /// the default resolver would find no repeated key either, and the trees are the same. Otherwise (an error, a
    /// repeated key, a key with an explicit tag or a non-scalar key) the text is composed again with the default
    /// resolver, so what is accepted and every message stay as they were.
    static func composeTree(_ text: String) throws -> Node? {
        do {
            guard let root = try Yams.compose(yaml: text, .basic) else { return nil }
            if hasOnlyStringKeys(root) { return root }
        } catch {}
        return try Yams.compose(yaml: text, .default)
    }

    /// Whether every mapping key in the tree is a scalar tagged as a string.
    static func hasOnlyStringKeys(_ node: Node) -> Bool {
        switch node {
        case .scalar, .alias:
            return true
        case let .sequence(items):
            return items.allSatisfy(hasOnlyStringKeys)
        case let .mapping(pairs):
            return pairs.allSatisfy { key, value in
                key.scalar != nil && key.tag.rawValue == Tag.Name.str.rawValue && hasOnlyStringKeys(value)
            }
        }
    }

    /// A libyaml error as a positioned problem.
    static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        func message(_ context: YamlError.Context?, _ problem: String) -> String {
            var m = "YAML syntax error: \(problem)"
            if let context { m += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return m
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return Diagnostic(path: path, line: mark.line, column: mark.column, message(context, problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(path: path, line: context.mark.line, column: context.mark.column,
                              "key \(keys) is given more than once in the same mapping; keep only one")
        case let .reader(problem, _, _, _):
            return Diagnostic(path: path, "cannot read YAML: \(problem) (is the file UTF-8?)")
        default:
            return Diagnostic(path: path, "cannot parse YAML: \(error)")
        }
    }

    // MARK: - Mappings

    /// The keys of a mapping, after reporting unknown keys (with a suggestion) and missing required ones.
    ///
    /// - Parameters:
    ///   - what: how the mapping is named in messages, e.g. "the lesson" or "question 'pool-size'".
    mutating func fields(_ node: Node, _ what: String, required: [String], optional: [String] = [])
        -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(node, "\(what) must be a mapping of keys (\(required.joined(separator: ", "))), not \(describe(node))")
            return nil
        }
        let allowed = required + optional
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(key, "keys of \(what) must be plain words")
                continue
            }
            if allowed.contains(name) {
                out[name] = value
            } else {
                var m = "unknown key '\(name)' in \(what)"
                if let near = Suggest.closest(to: name, in: allowed) { m += "; did you mean '\(near)'?" }
                else { m += "; expected one of: \(allowed.joined(separator: ", "))" }
                report(key, m)
            }
        }
        for name in required where out[name] == nil {
            report(node, "\(what) is missing the required key '\(name)'")
        }
        return out
    }

    // MARK: - Scalars

    /// A non-empty text scalar (numbers and booleans are taken as written).
    mutating func string(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            report(node, "\(what) must be text, not \(describe(node))")
            return nil
        }
        if scalar.string.isBlank {
            report(node, "\(what) is empty")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node, _ what: String) -> Int? {
        if let scalar = node.scalar, scalar.style != .plain, Int(scalar.string) != nil {
            report(node, "\(what) must be a number, written without quotes")
            return nil
        }
        guard let scalar = node.scalar, scalar.style == .plain, let n = Int(scalar.string) else {
            report(node, "\(what) must be a whole number, not \(describe(node))")
            return nil
        }
        return n
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain else {
            report(node, "\(what) must be true or false, not \(describe(node))")
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(node, "\(what) must be true or false, not \(describe(node))")
            return nil
        }
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard let seq = node.sequence else {
            report(node, "\(what) must be a list (lines starting with '- '), not \(describe(node))")
            return nil
        }
        return Array(seq)
    }

    /// A text in both languages: a mapping with exactly `zh` and `en`.
    mutating func localized(_ node: Node, _ what: String) -> Localized? {
        guard node.mapping != nil else {
            report(node, "\(what) must give both languages, like { zh: \"…\", en: \"…\" }, not \(describe(node))")
            return nil
        }
        guard let f = fields(node, what, required: [], optional: ["zh", "en"]) else { return nil }
        for (lang, name) in [("zh", "Chinese"), ("en", "English")] where f[lang] == nil {
            report(node, "\(what) is missing the \(name) text '\(lang)'; every text needs both zh and en")
        }
        let zh = f["zh"].flatMap { string($0, "the Chinese text (zh) of \(what)") }
        let en = f["en"].flatMap { string($0, "the English text (en) of \(what)") }
        guard let zh, let en else { return nil }
        return Localized(zh: zh, en: en)
    }

    /// How a node looks in a message: its text for a scalar, else its shape.
    func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(s): return s.string.isEmpty ? "an empty value" : "\"\(s.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// "Did you mean" suggestions for misspelt keys and names.
enum Suggest {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(1, min(word.count, best.0.count) / 3) ? best.0 : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
