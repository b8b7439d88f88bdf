import Glibc
import ProcTutorCore
import ProcTutorSystem

/// A run waited for to its end, its events collected: what `run --repeat`, a predict question's demo and an
/// exercise check do (the tutorial and `proctutor run` show events as they come instead).
public enum RunToEnd {
    public struct Outcome {
        public var events: [Event]
        /// Ctrl-C stopped it (its summary still came: exit 130).
        public var interrupted: Bool
    }

    /// Starts `config` and returns its events once the supervisor has said all. With `signals`, the terminal's
    /// keys act on the run while it goes: SIGINT (Ctrl-C) stops its whole tree once, SIGTSTP (Ctrl-Z) freezes the
    /// tree, stops this process as the shell expects, and thaws the tree when the shell continues us. Without,
    /// they keep their usual meaning (Ctrl-C ends proctutor; its supervisor sees the command socket close and
    /// takes the tree down).
    public static func run(_ config: RunConfig, signals: SignalPipe? = nil) throws -> Outcome {
        let session = try SupervisedRun(config: config)
        var outcome = Outcome(events: [], interrupted: false)
        while !session.isFinished {
            guard let ready = Poll.readable([session.fd, signals?.readFD ?? -1], milliseconds: 1000) else { break }
            if ready[1], let signals {
                let got = signals.drain()
                if got.contains(SIGINT), !outcome.interrupted {
                    outcome.interrupted = true
                    session.interrupt()
                }
                if got.contains(SIGTSTP) {
                    session.pause()
                    signals.stopUntilContinued()  // returns after SIGCONT (fg or bg)
                    session.resume()
                }
            }
            outcome.events += session.drain()
        }
        return outcome
    }
}
