import Glibc

/// The clocks, read in one place: every time the engine and the screen compare is on `monotonic`.
public enum Clock {
    /// Seconds on CLOCK_MONOTONIC, the clock Python's `time.monotonic()` reads: one for all processes, never jumps.
    public static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Seconds since the epoch, for what a person reads (a recording's date), never for durations.
    public static func wall() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
