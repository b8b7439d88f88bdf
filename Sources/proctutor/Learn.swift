import ArgumentParser

struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(not built yet)")
    func run() throws { throw ValidationError("'Learn' is not built yet") }
}
