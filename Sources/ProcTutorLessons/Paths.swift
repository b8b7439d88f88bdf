import Foundation

/// Small path helpers: lesson paths are plain strings so they print exactly as the user gave them.
enum Paths {
    static func join(_ dir: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if dir.isEmpty { return name }
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func isFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    /// The path without `.` and `..` components and without a trailing slash (for messages and comparisons).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
