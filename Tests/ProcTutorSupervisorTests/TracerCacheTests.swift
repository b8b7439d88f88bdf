import Foundation
import Glibc
import Testing
@testable import ProcTutorSupervisor
import TestSupport

/// The cached tracer is reused only when it is exactly the tracer this binary carries.
@Suite struct TracerCacheTests {
    func scratch() throws -> String { ScratchFolder.make("tracercache") }

    @Test func holdsOnlyTheExactBytes() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/f"
        let bytes = Array("print('tracer')\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(TracerCache.holds(file, exactly: bytes))
        #expect(!TracerCache.holds(file, exactly: bytes + [0x0A]))           // the file is shorter
        #expect(!TracerCache.holds(file, exactly: Array(bytes.dropLast())))  // the file is longer
        var other = bytes
        other[3] = UInt8(ascii: "X")
        #expect(!TracerCache.holds(file, exactly: other))                    // same size, other bytes
        #expect(!TracerCache.holds(dir + "/missing", exactly: bytes))
        #expect(!TracerCache.holds(dir, exactly: bytes))                     // a folder, not a file
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(TracerCache.holds(file, exactly: []))
    }

    @Test func prepareWritesTheTracerAndRepairsADamagedCopy() throws {
        let cache = try scratch()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = ["XDG_CACHE_HOME": cache]
        let source = Data(TracerSource.sitecustomize.utf8)
        let dir = try #require(TracerCache.prepare(environment: env))
        let file = URL(fileURLWithPath: dir + "/sitecustomize.py")
        #expect(try Data(contentsOf: file) == source)
        #expect(TracerCache.prepare(environment: env) == dir)
        // A copy that grew by a byte, or lost its end, is written again.
        for damaged in [source + Data([0x0A]), source.dropLast(100)] {
            try damaged.write(to: file)
            #expect(TracerCache.prepare(environment: env) == dir)
            #expect(try Data(contentsOf: file) == source)
        }
    }
}
