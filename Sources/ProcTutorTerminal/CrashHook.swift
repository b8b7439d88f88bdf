/// Test-only: a deliberate crash, so the end-to-end tests can prove the terminal survives one.
///
/// Set `PROCTUTOR_TEST_CRASH_AFTER_MS=N` and the tutorial traps N milliseconds after it starts — or, once the
/// first demo starts, N milliseconds after that, so a test can crash it mid-run — through the same path a failed
/// precondition takes (SIGILL/SIGTRAP), which the fatal-signal handlers must turn into a restored terminal.
/// Not a user feature: it is left out of `--help` on purpose.
public enum CrashHook {
    public static let variable = "PROCTUTOR_TEST_CRASH_AFTER_MS"

    /// The delay in seconds asked for in the environment, if any.
    public static func delay(in environment: [String: String]) -> Double? {
        guard let text = environment[variable], let ms = Int(text), ms >= 0 else { return nil }
        return Double(ms) / 1000
    }

    static func crash() -> Never {
        fatalError("deliberate crash requested by \(variable) (test hook)")
    }
}
