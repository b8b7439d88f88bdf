import ArgumentParser
import ProcTutorLessons

/// `proctutor lessons`: the lessons with their titles and the student's progress.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons with their titles and your progress (done, quiz scores).")

    @OptionGroup var options: LessonOptions

    func run() throws {
        let library = try options.library()
        let (progress, problems) = ProgressStore().load()
        for p in problems { printError(p) }
        for line in LessonListing.lines(library.lessons, progress: progress, lang: options.language) { print(line) }
        if !library.problems.filter({ $0.severity == .error }).isEmpty {
            printError(CLI.hasProblems(library.directory)[options.language])
        }
    }
}
