import Glibc
import Testing
@testable import ProcTutorSystem

@Suite(.serialized) struct SystemSeamTests {
    /// A helper that fills both pipes far past their 64 KiB buffers finishes: both are read as they fill.
    @Test func aScriptThatFillsBothPipesIsReadToTheEnd() throws {
        let code = "import sys; sys.stdout.write('o' * 300000); sys.stderr.write('e' * 300000); sys.exit(3)"
        let r = try PythonScript.run(python: "python3", arguments: ["-c", code])
        #expect(r.status == 3)
        #expect(r.stdout.count == 300_000)
        #expect(r.stderr.count == 300_000)
        #expect(r.stdout.allSatisfy { $0 == UInt8(ascii: "o") })
    }

    @Test func aMissingInterpreterExits127AsAShellWouldSay() throws {
        let r = try PythonScript.run(python: "no-such-python-here", arguments: ["-c", "pass"])
        #expect(r.status == 127)
        #expect(String(decoding: r.stderr, as: UTF8.self).contains("no-such-python-here"))
    }

    @Test func aStartedScriptIsReadByPollAndReaped() throws {
        let running = try #require(PythonScript.start(python: "python3", arguments: ["-c", "print('a' * 10)"]))
        var out: [UInt8] = []
        while true {
            let ready = try #require(Poll.readable([running.fd], milliseconds: 10_000))
            #expect(ready == [true])
            guard let chunk = running.readAvailable() else { break }
            out += chunk
        }
        #expect(String(decoding: out, as: UTF8.self) == String(repeating: "a", count: 10) + "\n")
        #expect(running.wait() == 0)
        #expect(Child.reapIfEnded(running.pid) == nil)  // reaped once, by wait
    }

    /// A signal becomes a byte on the pipe; restore puts back what the signal did before (here: ignored).
    @Test func aSignalArrivesOnThePipeAndRestoreGivesItBack() throws {
        Signals.ignore([SIGUSR2])
        let pipe = try SignalPipe(signals: [SIGUSR2])
        raise(SIGUSR2)
        #expect(Poll.readable([pipe.readFD], milliseconds: 1000) == [true])
        #expect(pipe.drain() == [SIGUSR2])
        #expect(pipe.drain() == [])
        pipe.restore()
        var now = sigaction()
        sigaction(SIGUSR2, nil, &now)
        #expect(unsafeBitCast(now.__sigaction_handler.sa_handler, to: Int.self) == 1)  // SIG_IGN
        raise(SIGUSR2)  // ignored again: the test process lives on
    }

    /// The C handler writes to one global descriptor: a second live pipe would take the first one's signals.
    @Test func onlyOneSignalPipeIsLiveAtATime() throws {
        // SIGURG and SIGWINCH: ignored by default, and not the SIGUSR2 the test above may leave pending.
        let first = try SignalPipe(signals: [SIGURG])
        #expect(throws: RunError.self) { try SignalPipe(signals: [SIGWINCH]) }
        raise(SIGURG)
        #expect(Poll.readable([first.readFD], milliseconds: 1000) == [true])
        #expect(first.drain() == [SIGURG])  // the refused pipe took nothing over
        first.restore()
        let second = try SignalPipe(signals: [SIGWINCH])
        raise(SIGWINCH)
        #expect(second.drain() == [SIGWINCH])
        second.restore()
    }

    @Test func waitStatusesSayCodeOrSignal() {
        #expect(decodeWaitStatus(3 << 8) == (3, nil))
        #expect(decodeWaitStatus(9) == (nil, 9))
    }

    @Test func theMonotonicClockNeverGoesBack() {
        var last = Clock.monotonic()
        for _ in 0..<1000 {
            let t = Clock.monotonic()
            #expect(t >= last)
            last = t
        }
        #expect(Clock.wall() > 1_700_000_000)
    }
}
