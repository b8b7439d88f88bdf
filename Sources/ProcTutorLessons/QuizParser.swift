import ProcTutorCore
import Yams

/// Reads the `quiz` list of a `lesson.yaml`.
enum QuizParser {
    static let kinds = ["single", "multiple", "short", "predict"]
    static let common = ["id", "kind", "prompt", "explanation"]

    static func parse(_ node: Node, demos: [String], _ r: inout YAMLReader) -> [Question] {
        guard let items = r.sequence(node, "'quiz'") else { return [] }
        var out: [Question] = []
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            guard let q = question(item, index: i, demos: demos, &r) else { continue }
            if seen.contains(q.id) {
                r.report(item.mapping?.first(where: { $0.key.scalar?.string == "id" })?.value ?? item,
                         "two questions have the id '\(q.id)'; question ids must be unique in a lesson")
                continue
            }
            seen.insert(q.id)
            out.append(q)
        }
        return out
    }

    private static func question(_ node: Node, index: Int, demos: [String], _ r: inout YAMLReader) -> Question? {
        guard let map = node.mapping else {
            r.report(node, "question \(index + 1) must be a mapping with id, kind, prompt and explanation")
            return nil
        }
        func value(_ key: String) -> Node? { map.first(where: { $0.key.scalar?.string == key })?.value }
        let idText = value("id")?.scalar?.string
        let what = idText.map { "question '\($0)'" } ?? "question \(index + 1)"

        // The kind decides which keys are allowed, so read it first.
        guard let kindNode = value("kind") else {
            r.report(node, "\(what) is missing the required key 'kind' (one of: \(kinds.joined(separator: ", ")))")
            return nil
        }
        guard let kindName = r.string(kindNode, "the 'kind' of \(what)") else { return nil }
        guard kinds.contains(kindName) else {
            var m = "unknown question kind '\(kindName)' in \(what)"
            if let near = Suggest.closest(to: kindName, in: kinds) { m += "; did you mean '\(near)'?" }
            else { m += "; use one of: \(kinds.joined(separator: ", "))" }
            r.report(kindNode, m)
            return nil
        }
        let extra: [String] = switch kindName {
        case "single", "multiple": ["choices", "answer"]
        case "short": ["answer"]
        default: ["observe"]
        }
        // A predict question's `answer` gets its own message below rather than "unknown key".
        let optional: [String] = switch kindName {
        case "short": ["numeric"]
        case "predict": ["demo", "start_method", "answer"]
        default: []
        }
        guard let f = r.fields(node, what, required: common + extra, optional: optional) else { return nil }
        if kindName == "predict", let a = map.first(where: { $0.key.scalar?.string == "answer" }) {
            r.report(a.key, "\(what) is a predict question: the real run gives its answer, so remove 'answer'")
        }

        let id = f["id"].flatMap { r.string($0, "the 'id' of \(what)") }
        let prompt = f["prompt"].flatMap { r.localized($0, "the 'prompt' of \(what)") }
        let explanation = f["explanation"].flatMap { r.localized($0, "the 'explanation' of \(what)") }
        let kind: Question.Kind? = switch kindName {
        case "single", "multiple": choiceKind(f, multiple: kindName == "multiple", what, &r)
        case "short": shortKind(f, what, &r)
        default: predictKind(f, demos: demos, what, &r)
        }
        guard let id, let prompt, let explanation, let kind else { return nil }
        return Question(id: id, prompt: prompt, kind: kind, explanation: explanation)
    }

    private static func choiceKind(_ f: [String: Node], multiple: Bool, _ what: String, _ r: inout YAMLReader)
        -> Question.Kind? {
        guard let choicesNode = f["choices"], let items = r.sequence(choicesNode, "the 'choices' of \(what)")
        else { return nil }
        if items.count < 2 {
            r.report(choicesNode, "\(what) needs at least 2 choices, it has \(items.count)")
            return nil
        }
        if items.count > 26 {
            r.report(choicesNode, "\(what) has \(items.count) choices; at most 26 (a to z) are possible")
            return nil
        }
        let choices = items.enumerated().compactMap { i, n in
            r.localized(n, "choice \(Grading.letter(i)) of \(what)")
        }
        guard choices.count == items.count, let answerNode = f["answer"] else { return nil }
        if multiple {
            guard let list = r.sequence(answerNode, "the 'answer' of \(what) (a multiple-choice question)")
            else { return nil }
            if list.isEmpty {
                r.report(answerNode, "the 'answer' of \(what) is empty; list every right choice, like [a, c]")
                return nil
            }
            var answers: Set<Int> = []
            for n in list {
                guard let i = choiceIndex(n, count: items.count, what, &r) else { return nil }
                answers.insert(i)
            }
            return .multiple(choices: choices, answers: answers)
        }
        if answerNode.sequence != nil {
            r.report(answerNode, "\(what) is a single-choice question: its 'answer' is one letter; use kind: multiple for several")
            return nil
        }
        guard let i = choiceIndex(answerNode, count: items.count, what, &r) else { return nil }
        return .single(choices: choices, answer: i)
    }

    /// A choice given as a letter (a = first) or a 1-based number, checked against the number of choices.
    private static func choiceIndex(_ node: Node, count: Int, _ what: String, _ r: inout YAMLReader) -> Int? {
        guard let s = node.scalar?.string.trimmingScalars(where: \.isSpaceOrTab).lowercased(), !s.isEmpty else {
            r.report(node, "an answer of \(what) must be a choice letter (a, b, …) or number (1, 2, …), not \(r.describe(node))")
            return nil
        }
        let range = "a–\(Grading.letter(count - 1)) or 1–\(count)"
        if let n = Int(s) {
            guard (1...count).contains(n) else {
                r.report(node, "answer \(n) of \(what) is out of range: it has \(count) choices (\(range))")
                return nil
            }
            return n - 1
        }
        if s.count == 1, let c = s.unicodeScalars.first, ("a"..."z").contains(c) {
            let i = Int(c.value) - Int(UnicodeScalar("a").value)
            guard i < count else {
                r.report(node, "answer '\(s)' of \(what) is out of range: it has \(count) choices (\(range))")
                return nil
            }
            return i
        }
        r.report(node, "an answer of \(what) must be a choice letter (\(range)), not \(r.describe(node))")
        return nil
    }

    private static func shortKind(_ f: [String: Node], _ what: String, _ r: inout YAMLReader) -> Question.Kind? {
        var numeric = false
        if let n = f["numeric"], let b = r.bool(n, "'numeric' of \(what)") { numeric = b }
        guard let answerNode = f["answer"] else { return nil }
        // One accepted answer may be written without brackets.
        let nodes = answerNode.sequence.map(Array.init) ?? [answerNode]
        if nodes.isEmpty {
            r.report(answerNode, "the 'answer' of \(what) is empty; list every accepted answer, like [\"4\"]")
            return nil
        }
        var accepted: [String] = []
        for n in nodes {
            guard let s = r.string(n, "an accepted answer of \(what)") else { return nil }
            if numeric, Grading.number(s) == nil {
                r.report(n, "\(what) is numeric but its accepted answer \"\(s)\" is not a number")
                return nil
            }
            accepted.append(s)
        }
        return .short(accepted: accepted, numeric: numeric)
    }

    private static func predictKind(_ f: [String: Node], demos: [String], _ what: String, _ r: inout YAMLReader)
        -> Question.Kind? {
        guard let obsNode = f["observe"], let observation = observation(obsNode, what, &r) else { return nil }
        var demo: String?
        if let d = f["demo"] {
            guard let name = r.string(d, "the 'demo' of \(what)") else { return nil }
            guard demos.contains(name) else {
                r.report(d, "\(what) runs demo '\(name)', but the lesson has no such demo (it has: \(demos.joined(separator: ", ")))")
                return nil
            }
            demo = name
        }
        var method: StartMethod?
        if let m = f["start_method"] {
            guard let sm = LessonParser.startMethod(m, &r) else { return nil }
            method = sm
        }
        return .predict(observation: observation, demo: demo, startMethod: method)
    }

    /// `processes`, `max_alive`, … or `{ lines_containing: "text" }` (also used by exercise checks).
    static func observation(_ node: Node, _ what: String, _ r: inout YAMLReader) -> Observation? {
        let names = Observation.countNames + Observation.textNames.map { "{\($0): \"text\"}" }
        if let map = node.mapping {
            guard map.count == 1, let (k, v) = map.first, let key = k.scalar?.string,
                  Observation.textNames.contains(key) else {
                r.report(node, "the 'observe' of \(what) must be one of: \(names.joined(separator: ", "))")
                return nil
            }
            guard let text = r.string(v, "the text of '\(key)' in \(what)") else { return nil }
            return Observation(name: key, text: text)
        }
        guard let name = node.scalar?.string else {
            r.report(node, "the 'observe' of \(what) must be one of: \(names.joined(separator: ", "))")
            return nil
        }
        if let o = Observation(name: name) { return o }
        var m = "unknown observation '\(name)' in \(what)"
        if let near = Suggest.closest(to: name, in: Observation.countNames + Observation.textNames) {
            m += "; did you mean '\(near)'?"
        } else {
            m += "; use one of: \(names.joined(separator: ", "))"
        }
        if Observation.textNames.contains(name) {
            m = "'\(name)' in \(what) needs its text: observe: { \(name): \"…\" }"
        }
        r.report(node, m)
        return nil
    }
}
