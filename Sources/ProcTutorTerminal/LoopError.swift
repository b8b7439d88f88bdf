/// Why the loop could not be set up.
public enum LoopError: Error, Equatable, CustomStringConvertible {
    case setup(String)

    public var description: String {
        switch self {
        case .setup(let what): "cannot set up the terminal loop: \(what)"
        }
    }
}
