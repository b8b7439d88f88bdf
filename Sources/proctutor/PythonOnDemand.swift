import ProcTutorSystem

/// The interpreter for the tutorial's runs, located on first use and then kept.
///
/// Behind a pyenv or asdf shim, locating it runs the shim (about 0.1 s here): done before the first frame, every
/// student with pyenv would wait for it at every start. The first `r` pays it once instead; the tokenizer, whose
/// processes nobody sees, starts at once with the shim itself (`candidate`).
final class PythonOnDemand {
    private let environment: [String: String]
    private var located: String??

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// The interpreter's own path, nil if there is none (each run then says how to install Python).
    var path: String? {
        if let located { return located }
        let found = try? PythonLocator.locate(explicit: nil, environment: environment)
        located = .some(found)
        return found
    }

    /// What a helper can start with now, without waiting for `path`.
    var candidate: String {
        if let located { return located ?? "python3" }
        return PythonLocator.candidate(environment: environment) ?? "python3"
    }
}
