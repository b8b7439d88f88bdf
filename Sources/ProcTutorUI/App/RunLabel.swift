import ProcTutorCore

/// What a run is — its program and the start method it was asked to use — in the one form that the code pane,
/// the processes pane's title and the 80×24 summary line all show (`demo.py · fork`), so that no pane can
/// claim a run that is another program's or another method's.
public struct RunLabel: Equatable, Sendable {
    public var path: String
    /// nil: the interpreter's default.
    public var startMethod: StartMethod?

    public init(path: String, startMethod: StartMethod?) {
        self.path = path
        self.startMethod = startMethod
    }

    public var file: String { path.split(separator: "/").last.map(String.init) ?? path }

    public func method(_ lang: Lang) -> String { startMethod?.rawValue ?? S.defaultMethod[lang] }

    /// `demo.py · fork`
    public func text(_ lang: Lang) -> String { screenSafe("\(file) · \(method(lang))") }
}

extension RunState {
    public var label: RunLabel { RunLabel(path: path, startMethod: startMethod) }
}

extension AppState {
    /// The demo and start method the code pane shows. Normally the chosen variant and the start method `r` will
    /// use; while a predict question's run goes on or its verdict is shown, the question's own demo and method
    /// (that is what runs), and back to the chosen ones after it.
    public var codeDemo: (demo: Demo, startMethod: StartMethod?)? {
        guard let lesson else { return nil }
        if let quiz, let q = quiz.question, case let .predict(_, name, method) = q.kind {
            switch quiz.phase {
            case .waitingForRun, .answered:
                if let demo = lesson.demo(named: name ?? variant[lesson.id]) ?? lesson.demos.first {
                    return (demo, method ?? startMethod ?? demo.startMethod)
                }
            default:
                break
            }
        }
        guard let demo else { return nil }
        return (demo, effectiveStartMethod)
    }

    /// The label of what the code pane shows.
    public var codeLabel: RunLabel? {
        guard let lesson, let (demo, method) = codeDemo else { return nil }
        return RunLabel(path: lesson.path(of: demo), startMethod: method)
    }

    /// The run on screen is not of the program and method the code pane shows (the student chose another
    /// variant or start method after it, or it was a predict run): its panes say whose run they show.
    public var runIsForeign: Bool {
        guard let run = shown else { return false }
        return run.label != codeLabel
    }
}
