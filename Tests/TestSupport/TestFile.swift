import Foundation

/// Files a test sets up. A test cannot go on without them, so a failure stops the run and names the path.
public enum TestFile {
    /// Creates (or replaces) the file at `path` with `contents`.
    public static func write(_ path: String, _ contents: Data = Data()) {
        precondition(FileManager.default.createFile(atPath: path, contents: contents), "cannot write \(path)")
    }
}
