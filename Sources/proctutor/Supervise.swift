import ArgumentParser

struct Supervise: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(not built yet)")
    func run() throws { throw ValidationError("'Supervise' is not built yet") }
}
