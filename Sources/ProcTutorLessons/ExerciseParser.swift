import ProcTutorCore
import Yams

/// Reads the `exercises` list of a `lesson.yaml` (format: lessons/README.md, "Exercises").
enum ExerciseParser {
    static let required = ["id", "title", "task", "starter", "solution", "hints", "checks"]
    static let optional = ["timeout", "start_method"]

    /// The exercises, and the node of each one's `starter` and `solution` (to position "file not found").
    static func parse(_ node: Node, _ r: inout YAMLReader) -> (exercises: [Exercise], files: [(String, Node)]) {
        guard let items = r.sequence(node, "'exercises'") else { return ([], []) }
        var out: [Exercise] = []
        var files: [(String, Node)] = []
        for (i, item) in items.enumerated() {
            guard let (e, fileNodes) = exercise(item, index: i, &r) else { continue }
            if out.contains(where: { $0.id == e.id }) {
                r.report(item, "two exercises have the id '\(e.id)'; exercise ids must be unique in a lesson")
                continue
            }
            out.append(e)
            files += fileNodes
        }
        return (out, files)
    }

    private static func exercise(_ node: Node, index: Int, _ r: inout YAMLReader) -> (Exercise, [(String, Node)])? {
        let idText = node.mapping?.first(where: { $0.key.scalar?.string == "id" })?.value.scalar?.string
        let what = idText.map { "exercise '\($0)'" } ?? "exercise \(index + 1)"
        guard let f = r.fields(node, what, required: required, optional: optional) else { return nil }
        var id = f["id"].flatMap { r.string($0, "the 'id' of \(what)") }
        if let i = id, !i.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) || !i.first!.isLetter {
            r.report(f["id"], "the 'id' of \(what) must be a word of letters, digits, - and _ starting with a letter (it names the student's file ID.py)")
            id = nil
        }
        let title = f["title"].flatMap { r.localized($0, "the 'title' of \(what)") }
        let task = f["task"].flatMap { r.localized($0, "the 'task' of \(what)") }
        let starter = f["starter"].flatMap { file($0, "starter", what, &r) }
        let solution = f["solution"].flatMap { file($0, "solution", what, &r) }
        var hints: [Localized]?
        if let h = f["hints"], let items = r.sequence(h, "the 'hints' of \(what)") {
            if items.isEmpty { r.report(h, "the 'hints' of \(what) is empty; give at least one hint") }
            let list = items.enumerated().compactMap { i, n in r.localized(n, "hint \(i + 1) of \(what)") }
            if list.count == items.count, !items.isEmpty { hints = list }
        }
        var timeout: Double?
        if let t = f["timeout"] {
            if let s = t.scalar?.string, t.scalar?.style == .plain, let d = Double(s), d > 0, d.isFinite {
                timeout = d
            } else {
                r.report(t, "the 'timeout' of \(what) must be a number of seconds above 0, not \(r.describe(t))")
            }
        }
        var method: StartMethod?
        if let m = f["start_method"] { method = LessonParser.startMethod(m, &r) }
        var checks: [ExerciseCheck]?
        if let c = f["checks"], let items = r.sequence(c, "the 'checks' of \(what)") {
            if items.isEmpty { r.report(c, "the 'checks' of \(what) is empty; an exercise needs at least one check") }
            let list = items.enumerated().compactMap { i, n in check(n, "check \(i + 1) of \(what)", &r) }
            if list.count == items.count, !items.isEmpty { checks = list }
        }
        guard let id, let title, let task, let starter, let solution, let hints, let checks else { return nil }
        let e = Exercise(id: id, title: title, task: task, starter: starter, solution: solution, hints: hints,
                         timeout: timeout, startMethod: method, checks: checks, line: node.mark?.line,
                         column: node.mark?.column)
        return (e, [(starter, f["starter"]!), (solution, f["solution"]!)])
    }

    /// A file name inside the lesson folder.
    private static func file(_ node: Node, _ key: String, _ what: String, _ r: inout YAMLReader) -> String? {
        guard let name = r.string(node, "the '\(key)' of \(what)") else { return nil }
        if name.hasPrefix("/") || name.split(separator: "/").contains("..") {
            r.report(node, "the '\(key)' of \(what) must be a path inside the lesson folder, not \"\(name)\"")
            return nil
        }
        if !name.hasSuffix(".py") {
            r.report(node, "the '\(key)' of \(what) must be a Python file (ending in .py), not \"\(name)\"")
            return nil
        }
        return name
    }

    /// `{observe: NAME, expect: N | {min, max}, start_method?, message?}` or `{order: [A, B], start_method?, message?}`.
    private static func check(_ node: Node, _ what: String, _ r: inout YAMLReader) -> ExerciseCheck? {
        guard let map = node.mapping else {
            r.report(node, "\(what) must be a mapping: { observe: NAME, expect: N } or { order: [\"A\", \"B\"] }, not \(r.describe(node))")
            return nil
        }
        let isOrder = map.contains { $0.key.scalar?.string == "order" }
        let f: [String: Node]?
        if isOrder {
            f = r.fields(node, what, required: ["order"], optional: ["start_method", "message"])
        } else {
            f = r.fields(node, what, required: ["observe", "expect"], optional: ["start_method", "message"])
        }
        guard let f else { return nil }
        var method: StartMethod?
        if let m = f["start_method"] {
            guard let sm = LessonParser.startMethod(m, &r) else { return nil }
            method = sm
        }
        var message: Localized?
        if let m = f["message"] {
            guard let l = r.localized(m, "the 'message' of \(what)") else { return nil }
            message = l
        }
        let kind: ExerciseCheck.Kind
        if isOrder {
            guard let o = f["order"], let items = r.sequence(o, "the 'order' of \(what)") else { return nil }
            guard items.count == 2 else {
                r.report(o, "the 'order' of \(what) lists two texts, [\"printed first\", \"printed after\"]; it has \(items.count)")
                return nil
            }
            guard let a = r.string(items[0], "the first text of the 'order' of \(what)"),
                  let b = r.string(items[1], "the second text of the 'order' of \(what)") else { return nil }
            kind = .order(first: a, then: b)
        } else {
            guard let o = f["observe"], let observation = QuizParser.observation(o, what, &r),
                  let e = f["expect"], let expectation = expectation(e, what, &r) else { return nil }
            kind = .observe(observation, expectation)
        }
        return ExerciseCheck(kind, startMethod: method, message: message, line: node.mark?.line,
                             column: node.mark?.column)
    }

    /// `3`, or `{min: 2}`, `{max: 4}`, `{min: 2, max: 3}`.
    private static func expectation(_ node: Node, _ what: String, _ r: inout YAMLReader) -> Expectation? {
        if node.mapping != nil {
            guard let f = r.fields(node, "the 'expect' of \(what)", required: [], optional: ["min", "max"]) else {
                return nil
            }
            let lo = f["min"].flatMap { r.int($0, "the 'min' of \(what)") }
            let hi = f["max"].flatMap { r.int($0, "the 'max' of \(what)") }
            if f["min"] != nil && lo == nil || f["max"] != nil && hi == nil { return nil }
            if lo == nil, hi == nil {
                r.report(node, "the 'expect' of \(what) needs 'min', 'max' or both, like { min: 2, max: 3 }")
                return nil
            }
            if let lo, let hi, lo > hi {
                r.report(node, "the 'expect' of \(what) has min \(lo) above max \(hi); no run could pass")
                return nil
            }
            return .range(min: lo, max: hi)
        }
        guard let n = r.int(node, "the 'expect' of \(what)") else { return nil }
        return .exactly(n)
    }
}
