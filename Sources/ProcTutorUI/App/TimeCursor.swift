import ProcTutorCore

/// The moment of a run the panes show when it is not the live one: after the first `index` events of the
/// history, at run time `t`. Playing moves `t` at `speed` × real time; the program itself is never touched.
public struct TimeCursor: Equatable, Sendable {
    /// Playback speeds, slowest first: a lesson 1 run of 0.08 s needs 0.02× to last four seconds.
    public static let speeds: [Double] = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 4]
    /// A run shorter than this is replayed slowly as soon as it ends.
    public static let autoReplayBelow = 1.0
    /// The automatic replay lasts at least this long, at the fastest speed that gives it.
    public static let autoReplaySeconds = 3.0

    /// Events applied: the history's fold after `index` events is what the panes show.
    public var index: Int
    /// The run time shown (≥ the time of event `index - 1`).
    public var t: Double
    public var playing: Bool
    public var speed: Double
    /// Started by itself after a short run (the screen says so).
    public var automatic = false
    /// Where playback started, in wall-clock seconds and run time; set by the first frame after `play`.
    var origin: (wall: Double, t: Double)?

    public init(index: Int, t: Double, playing: Bool = false, speed: Double = 1, automatic: Bool = false) {
        self.index = index
        self.t = t
        self.playing = playing
        self.speed = speed
        self.automatic = automatic
    }

    public static func == (a: TimeCursor, b: TimeCursor) -> Bool {
        a.index == b.index && a.t == b.t && a.playing == b.playing && a.speed == b.speed && a.automatic == b.automatic
            && a.origin?.wall == b.origin?.wall && a.origin?.t == b.origin?.t
    }

    /// The fastest listed speed at which a run of `duration` seconds replays for `autoReplaySeconds` or more.
    public static func autoSpeed(for duration: Double) -> Double {
        speeds.last { duration / $0 >= autoReplaySeconds } ?? speeds[0]
    }

    public mutating func play() {
        playing = true
        origin = nil
    }

    public mutating func pause() {
        playing = false
        origin = nil
        automatic = false
    }

    /// One step slower (-1) or faster (+1); playback goes on from where it is at the new speed.
    public mutating func changeSpeed(by step: Int) {
        let i = Self.speeds.firstIndex { $0 >= speed } ?? Self.speeds.count - 1
        speed = Self.speeds[min(max(0, i + step), Self.speeds.count - 1)]
        origin = nil
        automatic = false
    }

    /// Puts the cursor at run time `t`: every event up to it applied.
    public mutating func jump(to t: Double, in history: RunHistory) {
        self.t = max(0, t)
        index = history.count(atOrBefore: self.t)
        origin = nil
    }

    /// Advances playback to wall-clock time `wall`. Returns false when it has reached `end` (the caller decides
    /// what the end means: live again, or the last moment of a finished run).
    public mutating func advance(wall: Double, end: Double, in history: RunHistory) -> Bool {
        guard playing else { return true }
        guard let origin else {
            self.origin = (wall, t)
            return true
        }
        let next = origin.t + max(0, wall - origin.wall) * speed
        if next >= end {
            t = end
            index = history.count
            return false
        }
        t = next
        while index < history.count && history.events[index].t <= t { index += 1 }
        return true
    }
}
