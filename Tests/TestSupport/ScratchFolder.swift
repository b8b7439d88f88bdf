import Foundation
import Glibc

/// Temporary folders for the tests of one test process, all under one parent that is removed when the process
/// exits: thousands of test folders were left in /tmp by every run of the suite.
public enum ScratchFolder {
    /// `$TMPDIR/proctutor-tests-XXXXXX`, made on first use.
    static let root: String = {
        var base = NSTemporaryDirectory()
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }  // "/tmp/": no "//" in printed paths
        var template = Array((base + "/proctutor-tests-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { fatalError("cannot create a folder in \(NSTemporaryDirectory())") }
        atexit { ScratchFolder.removeAll() }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// A new empty folder named `TAG-XXXXXX` under this process's scratch parent.
    public static func make(_ tag: String = "t") -> String {
        var template = Array((root + "/" + tag + "-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { fatalError("cannot create a folder in \(root)") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func removeAll() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
