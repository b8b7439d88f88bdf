import ArgumentParser

struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(not built yet)")
    func run() throws { throw ValidationError("'Quiz' is not built yet") }
}
