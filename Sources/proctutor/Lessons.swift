import ArgumentParser

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(not built yet)")
    func run() throws { throw ValidationError("'Lessons' is not built yet") }
}
