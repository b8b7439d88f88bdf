import Foundation
import Glibc
import Testing
@testable import ProcTutorSupervisor
@testable import ProcTutorSystem

/// Finding the interpreter behind a version-manager shim (pyenv, asdf): a real shell script that runs a real
/// Python, as pyenv's shims do.
@Suite struct PythonLocatorTests {
    /// Debian's interpreter: the one a shim in these tests stands in front of.
    static let system = PythonLocator.find("python3", path: "/usr/bin:/bin")

    /// A folder `…/shims/` holding `python3` with `body` (a shell script), made executable.
    static func shim(_ body: String) -> String {
        let dir = Harness.folder() + "/shims"
        mkdir(dir, 0o755)
        let path = dir + "/python3"
        // Close-on-exec: a descriptor open for writing that a concurrent test's child inherited would make
        // running the script fail with ETXTBSY.
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o755)
        let text = Array(("#!/bin/sh\n" + body + "\n").utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        return dir
    }

    @Test(.enabled(if: system != nil)) func theInterpreterBehindAShimIsUsed() throws {
        let dir = Self.shim("exec \(Self.system!) \"$@\"")
        let found = try PythonLocator.locate(explicit: nil, environment: ["PATH": dir + ":/usr/bin:/bin"])
        let real = try #require(realpath(Self.system!, nil).map { p in defer { free(p) }; return String(cString: p) })
        #expect(found != dir + "/python3")
        #expect(realpath(found, nil).map { p in defer { free(p) }; return String(cString: p) } == real)
    }

    @Test func aShimThatFailsIsUsedAsItIs() throws {
        let dir = Self.shim("exit 3")
        let found = try PythonLocator.locate(explicit: nil, environment: ["PATH": dir])
        #expect(found == dir + "/python3")
    }

    @Test func noPythonSaysHowToInstallIt() {
        #expect {
            try PythonLocator.locate(explicit: nil, environment: ["PATH": Harness.folder()])
        } throws: { error in
            "\(error)".contains("sudo apt-get install python3")
        }
    }
}
