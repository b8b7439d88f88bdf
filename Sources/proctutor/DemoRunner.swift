import Foundation
@preconcurrency import Glibc
import ProcTutorCore
import ProcTutorSupervisor

/// Runs a lesson demo to completion for a predict question and returns its events.
///
/// The same engine as `proctutor run`, at normal speed (no time scaling: students see real timing). While the
/// demo runs, Ctrl-C stops the demo (its whole tree) rather than the quiz; at the answer prompt it keeps its
/// usual meaning. If the quiz itself dies, the supervisor sees EOF and kills the demo's tree.
enum DemoRunner {
    /// The limit for demos that set none (the same as `proctutor run`'s default).
    static let defaultTimeout = 60.0

    static func run(path: String, startMethod: StartMethod?, timeout: Double?) -> DemoRunResult {
        let interrupts = InterruptWhileRunning()
        defer { interrupts.restore() }
        let session: SupervisedRun
        do {
            session = try SupervisedRun(config: RunConfig(program: path, startMethod: startMethod,
                                                          timeout: timeout ?? defaultTimeout))
        } catch {
            return .failure(DemoRunFailure(message: "\(error)"))
        }
        var events: [Event] = []
        var interrupted = false
        while !session.isFinished {
            var fds = [pollfd(fd: session.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interrupts.fd, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, 1000) < 0, errno != EINTR { break }
            if fds[1].revents != 0, interrupts.drain(), !interrupted {
                interrupted = true
                session.interrupt()
            }
            events += session.drain()
        }
        return .success(events)
    }
}

/// A SIGINT handler that only writes a byte to a pipe, installed for the length of one demo run.
private struct InterruptWhileRunning {
    let fd: Int32
    private let writeFD: Int32
    private var previous = sigaction()
    private var previousMask = sigset_t()

    init() {
        var p: [Int32] = [-1, -1]
        if pipe(&p) == 0 {
            for f in p {
                _ = fcntl(f, F_SETFD, FD_CLOEXEC)
                _ = fcntl(f, F_SETFL, O_NONBLOCK)
            }
        } else {
            p = [-1, -1]
        }
        fd = p[0]
        writeFD = p[1]
        interruptPipeWriteFD = p[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var b: UInt8 = 1
            _ = write(interruptPipeWriteFD, &b, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        guard fd >= 0 else { return }
        sigaction(SIGINT, &action, &previous)
        // A parent may have started us with SIGINT blocked (threads of libdispatch block signals, and a child
        // inherits the mask): unblock it while the handler is ours.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previousMask)
    }

    /// Empties the pipe; true if a Ctrl-C had arrived.
    func drain() -> Bool {
        var buf = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(fd, &buf, buf.count) > 0 { any = true }
        return any
    }

    func restore() {
        guard fd >= 0 else { return }
        var old = previous
        sigaction(SIGINT, &old, nil)
        var mask = previousMask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        interruptPipeWriteFD = -1
        close(fd)
        close(writeFD)
    }
}

/// Read by the signal handler, which cannot capture context.
nonisolated(unsafe) private var interruptPipeWriteFD: Int32 = -1
