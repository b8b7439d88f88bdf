/// A system call that failed, or a program that could not be started, in words for the user.
public struct RunError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
