import Foundation
import Glibc

/// Settings of a fuzz or soak run, from the environment: a fixed seed and a small count in CI, anything given by
/// `scripts/soak` outside it.
enum FuzzSettings {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var seed: UInt64 { environment["PROCTUTOR_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_127 }
    static func count(_ name: String, default value: Int) -> Int {
        environment[name].flatMap { Int($0) } ?? value
    }
    /// Replays one case only (`PROCTUTOR_FUZZ_CASE=N`), as printed by a failure.
    static var onlyCase: Int? { environment["PROCTUTOR_FUZZ_CASE"].flatMap { Int($0) } }
}

/// Turns a crash in the middle of a fuzz case into a message naming the case, then lets the process die as it
/// would have: a crash of the code under test is reported with everything needed to reproduce it.
enum CrashReporter {
    nonisolated(unsafe) static var buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 512)
    nonisolated(unsafe) static var installed = false

    /// The message written to stderr if the process crashes from now on.
    static func set(_ message: String) {
        let bytes = Array(message.utf8.prefix(500))
        for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
        buffer[bytes.count] = 0
    }

    static func clear() { buffer[0] = 0 }

    /// Installs the handlers (on an alternate stack, so a stack overflow is reported too) for this thread.
    static func install() {
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        guard !installed else { return }
        installed = true
        clear()
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                let b = CrashReporter.buffer
                if b[0] != 0 {
                    _ = write(2, "\n*** CRASH (signal ", 19)
                    var digits: [CChar] = [CChar(48 + sig / 10), CChar(48 + sig % 10)]
                    _ = write(2, &digits, 2)
                    _ = write(2, ") in ", 5)
                    _ = write(2, b, strlen(b))
                    _ = write(2, "\n", 1)
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
            action.sa_flags = Int32(SA_ONSTACK | SA_NODEFER)
            sigaction(sig, &action, nil)
        }
    }
}
