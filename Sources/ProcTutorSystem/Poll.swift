import Glibc

/// Waiting on descriptors: every loop of the program (the tutorial's, the supervisor's, `run`'s) waits here.
public enum Poll {
    /// Waits until one of `fds` is ready or `milliseconds` pass (-1: no limit). A signal that interrupts the wait
    /// is a wake-up with nothing ready (its handler has written to a signal pipe that is among `fds`).
    /// - Returns: the descriptors with their `revents`, or nil if poll itself failed (not EINTR).
    public static func wait(_ fds: [pollfd], milliseconds: Int32) -> [pollfd]? {
        var fds = fds
        let n = poll(&fds, nfds_t(fds.count), milliseconds)
        if n < 0 {
            guard errno == EINTR else { return nil }
            for i in fds.indices { fds[i].revents = 0 }
        }
        return fds
    }

    /// `wait` for readability of plain descriptors; which of them are readable (or hung up), in their order.
    public static func readable(_ fds: [Int32], milliseconds: Int32) -> [Bool]? {
        wait(fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }, milliseconds: milliseconds)?
            .map { $0.revents != 0 }
    }
}
